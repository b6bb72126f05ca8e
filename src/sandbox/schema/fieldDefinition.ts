import type { FieldType } from './fieldType.ts';

/**
 * One field of a sandbox sObject: what describe reports and what the
 * record writer enforces.
 */
export interface FieldDefinition {
  /** API name, e.g. `AccountId`. */
  readonly name: string;
  /** Label shown by describe. */
  readonly label: string;
  readonly type: FieldType;
  /** Maximum length for text fields (0 for others). */
  readonly length: number;
  /** Total digits for numbers (0 for others). */
  readonly precision: number;
  /** Digits after the decimal point for numbers. */
  readonly scale: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  /** Set by the platform when omitted on create (booleans, owner, picklist defaults). */
  readonly defaultedOnCreate: boolean;
  /** Object names a reference points to. */
  readonly referenceTo: readonly string[];
  /** Relationship name of a reference (`Account`, `Account__r`), else null. */
  readonly relationshipName: string | null;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly idLookup: boolean;
  readonly nameField: boolean;
  readonly autoNumber: boolean;
  readonly calculated: boolean;
  readonly custom: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  /** Allowed values of a picklist, the first being the default when `defaultedOnCreate`. */
  readonly picklistValues: readonly string[];
  /** Whether only the listed picklist values are accepted. */
  readonly restrictedPicklist: boolean;
  /** Required on create (not nillable, not defaulted, createable). */
  readonly required: boolean;
}
