/** A field of a described object, as restores and exports need it. */
export interface DescribedField {
  name: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  /** Objects a lookup points at (empty for other fields). */
  referenceTo: string[];
  /** A lookup's relationship name (`Account`, `Owner`, `Account__r`); `null` for other fields. */
  relationshipName: string | null;
}

/** An object's describe reduced to what restores and exports need, fields by name. */
export interface DescribedObject {
  name: string;
  createable: boolean;
  updateable: boolean;
  fields: Map<string, DescribedField>;
}

/** Reads a raw `sobjects/X/describe` answer (stored with a backup, or fresh from the target). */
export function describedObject(raw: unknown): DescribedObject {
  const d = raw as { name: string; createable?: boolean; updateable?: boolean; fields: { name: string; type: string; createable?: boolean; updateable?: boolean; referenceTo?: string[] | null; relationshipName?: string | null }[] };
  const fields = new Map<string, DescribedField>();
  for (const f of d.fields) {
    fields.set(f.name, { name: f.name, type: f.type, createable: f.createable === true, updateable: f.updateable === true, referenceTo: f.referenceTo ?? [], relationshipName: f.relationshipName ?? null });
  }
  return { name: d.name, createable: d.createable !== false, updateable: d.updateable !== false, fields };
}
