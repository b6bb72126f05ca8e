/**
 * One record type of an org (a `RecordType` record). Real orgs create record types through the
 * Metadata API, never through the data APIs, so the sandbox takes them from the org's options.
 */
export interface RecordTypeSpec {
  /** The object the record type belongs to (`Account`, `Case`). */
  readonly sobjectType: string;
  /** API name, unique per object (`Customer`); what a cross-org restore matches record types by. */
  readonly developerName: string;
  /** Label. Default: the developer name with underscores as spaces. */
  readonly name?: string;
  /** Whether records may be given this record type. Default: true. */
  readonly active?: boolean;
  /** Default: none. */
  readonly description?: string;
}
