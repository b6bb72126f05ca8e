import { SeededRandom } from '../data/seededRandom.ts';
import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { FieldValue, RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import type { RecordSaveError } from './recordSaveError.ts';
import type { RecordInput } from './recordWriter.ts';
import type { OrgServices } from './orgServices.ts';
import { SalesforceId } from './salesforceId.ts';

/** What to change in one object of an org (admin `mutate`): random counts and/or explicit records. */
export interface MutationRequest {
  /** Object name (any case). */
  readonly object: string;
  /** Number of random live records to update. Default: 0. */
  readonly update?: number;
  /** Number of random live records to delete (to the recycle bin). Default: 0. */
  readonly delete?: number;
  /** Number of new records to insert, values drawn like generated ones. Default: 0. */
  readonly insert?: number;
  /** Seed of the random picks. Default: the org's seed and a per-org mutation counter. */
  readonly seed?: number;
  /** Explicit updates: `Id` plus the fields to set. */
  readonly updates?: readonly RecordInput[];
  /** Explicit Ids to delete. */
  readonly deletes?: readonly string[];
  /** Explicit records to insert. */
  readonly inserts?: readonly RecordInput[];
}

/** What a mutation did. */
export interface MutationResult {
  readonly updated: string[];
  readonly deleted: string[];
  readonly inserted: string[];
  readonly errors: Array<{ readonly id: string | null; readonly errors: readonly RecordSaveError[] }>;
}

function changedValue(field: FieldDefinition, value: FieldValue, rng: SeededRandom, stamp: number): FieldValue {
  switch (field.type) {
    case 'boolean':
      return value !== true;
    case 'int':
      return (typeof value === 'number' ? value : 0) + 1 + rng.int(100);
    case 'double':
    case 'currency':
    case 'percent':
      return Math.min(99, (typeof value === 'number' ? value : 0) + 1);
    case 'picklist': {
      const options = field.picklistValues.filter((v) => v !== value);
      return options.length > 0 ? rng.pick(options) : value;
    }
    case 'date': {
      const day = typeof value === 'string' ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
      return new Date((Number.isFinite(day) ? day : Date.UTC(2024, 0, 1)) + 86_400_000).toISOString().slice(0, 10);
    }
    case 'datetime':
      return new Date(stamp).toISOString();
    case 'email':
      return `edited.${stamp}@example.test`.slice(0, field.length);
    default: {
      // Within the field's length, whatever it is (a 20-character postal code too).
      const suffix = ` (edited ${stamp})`;
      return `${String(value ?? 'Value').slice(0, Math.max(0, field.length - suffix.length))}${suffix}`.slice(0, field.length);
    }
  }
}

/**
 * Changes an org's records for tests and the admin API: updates, deletes and
 * inserts, random (deterministic for a seed) or explicit, all through the
 * record writer, so audit stamps and `IsDeleted` change as in a real org.
 */
export class OrgMutator {
  private readonly services: OrgServices;
  private counter = 0;

  constructor(services: OrgServices) {
    this.services = services;
  }

  /** Applies `request`. */
  mutate(request: MutationRequest): MutationResult {
    const { org, writer } = this.services;
    const def = org.catalog.find(request.object);
    if (!def || !def.keyPrefix) throw new SandboxError(SandboxErrorCode.UNKNOWN_OBJECT, `unknown object ${request.object}`, 404);
    this.counter += 1;
    const rng = SeededRandom.forRecord(request.seed ?? org.seed, `mutate:${def.name}`, request.seed === undefined ? this.counter : 0);
    const result: MutationResult = { updated: [], deleted: [], inserted: [], errors: [] };
    const record = (outcome: ReturnType<typeof writer.create>, into: string[]): void => {
      if (outcome.success) into.push(outcome.id);
      else result.errors.push({ id: outcome.id, errors: outcome.errors });
    };
    for (const input of request.updates ?? []) {
      const { Id, ...rest } = input;
      record(writer.update(def, Id, rest), result.updated);
    }
    for (const id of request.deletes ?? []) record(writer.delete(def, id), result.deleted);
    for (const input of request.inserts ?? []) record(writer.create(def, input), result.inserted);
    const updatable = def.fields.filter((f) => f.updateable && f.type !== 'reference' && !f.unique && f.name !== 'OwnerId');
    for (const sequence of this.pickLive(def, request.update ?? 0, rng)) {
      const current = org.storeFor(def).read(sequence)?.values ?? {};
      const field = updatable.length > 0 ? rng.pick(updatable) : undefined;
      const id = String(current['Id']);
      if (!field) continue;
      record(writer.update(def, id, { [field.name]: changedValue(field, current[field.name] ?? null, rng, org.stamp()) }), result.updated);
    }
    for (const sequence of this.pickLive(def, request.delete ?? 0, rng)) {
      record(writer.delete(def, SalesforceId.encode(def.keyPrefix, org.orgNumber, sequence)), result.deleted);
    }
    for (let i = 0; i < (request.insert ?? 0); i += 1) {
      record(writer.create(def, this.templateInput(def, rng)), result.inserted);
    }
    return result;
  }

  private pickLive(def: SObjectDefinition, count: number, rng: SeededRandom): number[] {
    const store = this.services.org.storeFor(def);
    const picked = new Set<number>();
    const end = store.sequenceEnd;
    for (let attempt = 0; picked.size < count && attempt < count * 50 && end > 0; attempt += 1) {
      const sequence = rng.int(end);
      const current = store.read(sequence);
      if (current && !current.deleted) picked.add(sequence);
    }
    return [...picked];
  }

  private isLive(id: FieldValue | undefined): boolean {
    if (typeof id !== 'string') return false;
    const located = this.services.org.locate(id);
    return located?.store.read(located.sequence)?.deleted === false;
  }

  private templateInput(def: SObjectDefinition, rng: SeededRandom): RecordInput {
    const org = this.services.org;
    const template: RecordValues = org.recordGenerator.countOf(def.name) > 0
      ? org.recordGenerator.generate(def, rng.int(org.recordGenerator.countOf(def.name)))
      : {};
    const input: Record<string, unknown> = {};
    for (const field of def.fields) {
      if (!field.createable || field.name === 'OwnerId') continue;
      const value = template[field.name];
      if (field.unique) input[field.name] = `NEW-${org.stamp()}-${rng.int(1_000_000_000)}`.slice(0, field.length);
      else if (field.type === 'reference') input[field.name] = this.isLive(value) ? value : null;
      else if (value !== undefined) input[field.name] = value;
      else if (field.required) input[field.name] = field.type === 'date' ? '2025-01-01' : field.picklistValues[0] ?? `New ${def.label}`;
    }
    return input;
  }
}
