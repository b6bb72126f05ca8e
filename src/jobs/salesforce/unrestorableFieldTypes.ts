/**
 * Field types a backup does not read, so no restore writes them and no export shows them: the compound
 * `address` and `location` fields (a Bulk query cannot select them; their components, `BillingStreet`,
 * `Location__Latitude__s`, ..., are fields of their own and are backed up) and `base64` blobs. A restore
 * plans such fields as skipped (`NOT_RESTORABLE`).
 */
export const UNRESTORABLE_FIELD_TYPES: ReadonlySet<string> = new Set(['address', 'location', 'base64']);

/** Whether a field of describe type `type` is backed up, restored and exported. */
export function isRestorableFieldType(type: string): boolean {
  return !UNRESTORABLE_FIELD_TYPES.has(type);
}
