import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { coerceFieldValue } from './fieldValueCoercer.ts';
import type { ObjectStore, StoredRecord } from './objectStore.ts';
import type { RecordSaveError, RecordWriteResult } from './recordSaveError.ts';
import type { SandboxOrg } from './sandboxOrg.ts';
import { SalesforceId } from './salesforceId.ts';

/** Input of a create or update: field name (any case) to raw value; `attributes` is ignored. */
export type RecordInput = Readonly<Record<string, unknown>>;

/** Undo entries collected while writing, so an all-or-none request can roll back. */
export type UndoLog = Array<{ readonly store: ObjectStore; readonly sequence: number; readonly snapshot: StoredRecord | undefined }>;

/** Options of one write. */
export interface WriteOptions {
  /** Collects undo entries when given. */
  readonly undo?: UndoLog;
  /** An injected per-record failure (e.g. `UNABLE_TO_LOCK_ROW`) to answer instead of writing. */
  readonly injectedError?: SalesforceErrorCode | undefined;
}

function failure(id: string | null, statusCode: SalesforceErrorCode, message: string, fields: readonly string[] = []): RecordWriteResult {
  return { success: false, id, errors: [{ statusCode, message, fields }] };
}

/**
 * Validates and applies record writes to an org the way Salesforce does:
 * unknown and read-only fields, required fields, types, restricted
 * picklists, references, unique and external Id fields, audit stamps,
 * auto-numbers and calculated fields. Shared by REST, sObject Collections,
 * Bulk ingest and the admin API.
 */
export class RecordWriter {
  private readonly org: SandboxOrg;

  constructor(org: SandboxOrg) {
    this.org = org;
  }

  /** Inserts a record of `def`. */
  create(def: SObjectDefinition, input: RecordInput, options: WriteOptions = {}): RecordWriteResult {
    if (!def.createable || !def.keyPrefix) return failure(null, SalesforceErrorCode.INVALID_TYPE, `entity type ${def.name} does not support create`);
    const parsed = this.parseInput(def, input, 'create', null);
    if (!parsed.ok) return { success: false, id: null, errors: [parsed.error] };
    const values = parsed.values;
    for (const field of def.fields) {
      if (values[field.name] !== undefined || !field.createable) continue;
      if (field.type === 'boolean') values[field.name] = false;
      else if (field.name === 'OwnerId') values[field.name] = this.org.userId;
      else if (field.type === 'picklist' && field.defaultedOnCreate) values[field.name] = field.picklistValues[0] ?? null;
    }
    const missing = def.fields.filter((f) => f.required && (values[f.name] === undefined || values[f.name] === null)).map((f) => f.name);
    if (missing.length > 0) return failure(null, SalesforceErrorCode.REQUIRED_FIELD_MISSING, `Required fields are missing: [${missing.join(', ')}]`, missing);
    const store = this.org.storeFor(def);
    const conflict = this.checkReferencesAndUniques(def, store, values, null);
    if (conflict) return { success: false, id: null, errors: [conflict] };
    if (options.injectedError) return failure(null, options.injectedError, `${options.injectedError.toLowerCase().replace(/_/g, ' ')}`);
    const sequence = store.allocateSequence();
    const id = SalesforceId.encode(def.keyPrefix, this.org.orgNumber, sequence);
    const stamp = this.org.stamp();
    const record: RecordValues = { Id: id };
    for (const field of def.fields) {
      if (field.name !== 'Id') record[field.name] = values[field.name] ?? null;
    }
    if ('IsDeleted' in record) record['IsDeleted'] = false;
    if (def.autoNumber) record[def.autoNumber.field] = def.autoNumber.format(sequence);
    Object.assign(record, { CreatedDate: stamp, CreatedById: this.org.userId, LastModifiedDate: stamp, LastModifiedById: this.org.userId, SystemModstamp: stamp });
    def.derive?.(record);
    options.undo?.push({ store, sequence, snapshot: undefined });
    store.write(sequence, { values: record, deleted: false, purged: false });
    return { success: true, id, created: true };
  }

  /** Updates record `id` of `def`. */
  update(def: SObjectDefinition, id: unknown, input: RecordInput, options: WriteOptions = {}): RecordWriteResult {
    const found = this.find(def, id);
    if ('error' in found) return { success: false, id: typeof id === 'string' ? id : null, errors: [found.error] };
    const { store, sequence, values: current, id: fullId } = found;
    if (!def.updateable) return failure(fullId, SalesforceErrorCode.INVALID_TYPE, `entity type ${def.name} does not support update`);
    const parsed = this.parseInput(def, input, 'update', fullId);
    if (!parsed.ok) return { success: false, id: fullId, errors: [parsed.error] };
    const changes = parsed.values;
    const cleared = def.fields.filter((f) => f.required && changes[f.name] === null).map((f) => f.name);
    if (cleared.length > 0) return failure(fullId, SalesforceErrorCode.REQUIRED_FIELD_MISSING, `Required fields are missing: [${cleared.join(', ')}]`, cleared);
    const conflict = this.checkReferencesAndUniques(def, store, changes, sequence);
    if (conflict) return { success: false, id: fullId, errors: [conflict] };
    if (options.injectedError) return failure(fullId, options.injectedError, `unable to obtain exclusive access to this record or 1 records: ${fullId}`);
    const stamp = this.org.stamp();
    const record: RecordValues = { ...current };
    for (const [name, value] of Object.entries(changes)) {
      if (value !== undefined) record[name] = value;
    }
    Object.assign(record, { LastModifiedDate: stamp, LastModifiedById: this.org.userId, SystemModstamp: stamp });
    def.derive?.(record);
    options.undo?.push({ store, sequence, snapshot: store.snapshot(sequence) });
    store.write(sequence, { values: record, deleted: false, purged: false });
    return { success: true, id: fullId, created: false };
  }

  /**
   * Creates or updates the record of `def` whose `externalIdField` (an
   * external Id field or `Id`) holds the input's value for that field.
   */
  upsert(def: SObjectDefinition, externalIdField: string, input: RecordInput, options: WriteOptions = {}): RecordWriteResult {
    const field = this.org.catalog.findField(def, externalIdField);
    if (!field || !(field.externalId || field.name === 'Id')) {
      return failure(null, SalesforceErrorCode.INVALID_FIELD, `Field ${externalIdField} is not an External ID or indexed field for ${def.name}`, [externalIdField]);
    }
    const key = Object.keys(input).find((k) => k.toLowerCase() === field.name.toLowerCase());
    const raw = key === undefined ? undefined : input[key];
    if (raw === undefined || raw === null || raw === '') {
      if (field.name === 'Id') return this.create(def, this.without(input, key), options);
      return failure(null, SalesforceErrorCode.REQUIRED_FIELD_MISSING, `Required fields are missing: [${field.name}]`, [field.name]);
    }
    if (field.name === 'Id') return this.update(def, raw, this.without(input, key), options);
    const existing = this.org.storeFor(def).findByUnique(field.name, String(raw));
    if (existing === undefined) return this.create(def, input, options);
    const id = SalesforceId.encode(def.keyPrefix ?? '000', this.org.orgNumber, existing);
    return this.update(def, id, this.without(input, key), options);
  }

  /** Soft-deletes (to the recycle bin) or, with `hard`, purges record `id`; `def` restricts the object when given. */
  delete(def: SObjectDefinition | undefined, id: unknown, options: WriteOptions & { hard?: boolean } = {}): RecordWriteResult {
    const found = this.find(def, id, options.hard === true);
    if ('error' in found) return { success: false, id: typeof id === 'string' ? id : null, errors: [found.error] };
    const { store, sequence, values: current, id: fullId } = found;
    if (!store.definition.deletable) return failure(fullId, SalesforceErrorCode.INVALID_TYPE, `entity type ${store.definition.name} does not support delete`);
    if (options.injectedError) return failure(fullId, options.injectedError, `unable to obtain exclusive access to this record or 1 records: ${fullId}`);
    const stamp = this.org.stamp();
    const record: RecordValues = { ...current, IsDeleted: true, LastModifiedDate: stamp, LastModifiedById: this.org.userId, SystemModstamp: stamp };
    options.undo?.push({ store, sequence, snapshot: store.snapshot(sequence) });
    store.write(sequence, { values: record, deleted: true, purged: options.hard === true });
    return { success: true, id: fullId, created: false };
  }

  /** Puts back what `undo` recorded, newest first. */
  rollback(undo: UndoLog): void {
    for (let i = undo.length - 1; i >= 0; i -= 1) {
      const entry = undo[i];
      if (entry) entry.store.restore(entry.sequence, entry.snapshot);
    }
  }

  private without(input: RecordInput, key: string | undefined): RecordInput {
    if (key === undefined) return input;
    const copy: Record<string, unknown> = { ...input };
    delete copy[key];
    return copy;
  }

  private find(
    def: SObjectDefinition | undefined,
    id: unknown,
    allowDeleted = false,
  ): { store: ObjectStore; sequence: number; values: RecordValues; id: string } | { error: RecordSaveError } {
    const text = typeof id === 'string' ? id.trim() : '';
    if (!SalesforceId.isValid(text)) {
      return { error: { statusCode: SalesforceErrorCode.MALFORMED_ID, message: `malformed id ${String(id)}`, fields: [] } };
    }
    const located = this.org.locate(text);
    if (!located || (def && located.store.definition.name !== def.name)) {
      return { error: { statusCode: SalesforceErrorCode.NOT_FOUND, message: 'The requested resource does not exist', fields: [] } };
    }
    const record = located.store.read(located.sequence);
    if (!record) return { error: { statusCode: SalesforceErrorCode.NOT_FOUND, message: 'The requested resource does not exist', fields: [] } };
    if (record.deleted && !allowDeleted) return { error: { statusCode: SalesforceErrorCode.ENTITY_IS_DELETED, message: 'entity is deleted', fields: [] } };
    return { ...located, values: record.values, id: SalesforceId.to18(text) };
  }

  private parseInput(
    def: SObjectDefinition,
    input: RecordInput,
    mode: 'create' | 'update',
    id: string | null,
  ): { ok: true; values: RecordValues } | { ok: false; error: RecordSaveError } {
    const values: RecordValues = {};
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes' || raw === undefined) continue;
      const field = this.org.catalog.findField(def, key);
      if (!field) {
        return { ok: false, error: { statusCode: SalesforceErrorCode.INVALID_FIELD, message: `No such column '${key}' on sobject of type ${def.name}`, fields: [key] } };
      }
      if (field.name === 'Id' && mode === 'update') {
        if (id !== null && typeof raw === 'string' && SalesforceId.isValid(raw) && SalesforceId.to18(raw) === id) continue;
      }
      if (mode === 'create' ? !field.createable : !field.updateable) {
        readOnly.push(field.name);
        continue;
      }
      const coerced = coerceFieldValue(field, raw);
      if (!coerced.ok) return { ok: false, error: coerced.error };
      values[field.name] = coerced.value;
    }
    if (readOnly.length > 0) {
      return {
        ok: false,
        error: {
          statusCode: SalesforceErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE,
          message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: readOnly,
        },
      };
    }
    return { ok: true, values };
  }

  private checkReferencesAndUniques(def: SObjectDefinition, store: ObjectStore, values: RecordValues, selfSequence: number | null): RecordSaveError | undefined {
    for (const field of def.fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      if (field.type === 'reference') {
        const error = this.checkReference(def, field, value);
        if (error) return error;
      }
      if (field.unique) {
        const holder = store.findByUnique(field.name, value);
        if (holder !== undefined && holder !== selfSequence) {
          const holderId = SalesforceId.encode(def.keyPrefix ?? '000', this.org.orgNumber, holder);
          return {
            statusCode: SalesforceErrorCode.DUPLICATE_VALUE,
            message: `duplicate value found: ${field.name} duplicates value on record with id: ${holderId}`,
            fields: [field.name],
          };
        }
      }
    }
    return undefined;
  }

  private checkReference(def: SObjectDefinition, field: FieldDefinition, value: string): RecordSaveError | undefined {
    const located = this.org.locate(value);
    const target = located?.store.read(located.sequence);
    const ok = located !== undefined
      && field.referenceTo.includes(located.store.definition.name)
      && target?.deleted === false;
    if (ok && located.store.definition.name === 'RecordType' && (target.values['SobjectType'] !== def.name || target.values['IsActive'] !== true)) {
      // Salesforce's answer to another object's record type, or an inactive one.
      return { statusCode: SalesforceErrorCode.INVALID_CROSS_REFERENCE_KEY, message: `Record Type ID: this ID value isn't valid for the user: ${SalesforceId.to18(value)}`, fields: [field.name] };
    }
    if (ok) return undefined;
    return {
      statusCode: SalesforceErrorCode.INVALID_CROSS_REFERENCE_KEY,
      message: `${field.label}: id value of incorrect type: ${value}`,
      fields: [field.name],
    };
  }
}
