import type { RecordGenerator } from '../data/recordGenerator.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';

/** A record as the store holds it after a write: its full values and whether it is in the recycle bin or gone. */
export interface StoredRecord {
  readonly values: RecordValues;
  /** Soft-deleted: hidden from `query`, shown by `queryAll` with `IsDeleted` true. */
  readonly deleted: boolean;
  /** Hard-deleted: gone from every query. */
  readonly purged: boolean;
}

/** A record read from the store. */
export interface ResolvedRecord {
  readonly sequence: number;
  readonly values: RecordValues;
  readonly deleted: boolean;
}

/**
 * The records of one object in one org: sequences 0..generatedCount-1 are
 * generated on demand, sequences from generatedCount on were inserted.
 * Only written records (updates, deletes, inserts) are held in memory.
 */
export class ObjectStore {
  readonly definition: SObjectDefinition;
  readonly generatedCount: number;
  private readonly generator: RecordGenerator;
  private readonly stored = new Map<number, StoredRecord>();
  private readonly uniqueIndexes = new Map<string, Map<string, number>>();
  private nextSequence: number;
  private sortedStored: number[] | undefined;

  constructor(definition: SObjectDefinition, generator: RecordGenerator) {
    this.definition = definition;
    this.generator = generator;
    this.generatedCount = generator.countOf(definition.name);
    this.nextSequence = this.generatedCount;
    for (const field of definition.fields) {
      if (field.unique) this.uniqueIndexes.set(field.name, new Map());
    }
  }

  /** One past the highest sequence ever allocated. */
  get sequenceEnd(): number {
    return this.nextSequence;
  }

  /** Number of records held in memory (written ones). */
  get storedCount(): number {
    return this.stored.size;
  }

  /** Reserves the sequence number of a record about to be inserted. */
  allocateSequence(): number {
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    return sequence;
  }

  /** Record `sequence` (deleted ones included), or undefined when it does not exist or was purged. */
  read(sequence: number): ResolvedRecord | undefined {
    const stored = this.stored.get(sequence);
    if (stored) {
      return stored.purged ? undefined : { sequence, values: stored.values, deleted: stored.deleted };
    }
    if (sequence < 0 || sequence >= this.generatedCount) return undefined;
    return { sequence, values: this.generator.generate(this.definition, sequence), deleted: false };
  }

  /** Whether `sequence` has been written (so it may differ from its generated form). */
  isStored(sequence: number): boolean {
    return this.stored.has(sequence);
  }

  /** Stores the new state of record `sequence`. */
  write(sequence: number, record: StoredRecord): void {
    const previous = this.stored.get(sequence);
    for (const [field, index] of this.uniqueIndexes) {
      const oldValue = previous && !previous.deleted && !previous.purged ? previous.values[field] : null;
      if (typeof oldValue === 'string' && index.get(oldValue.toLowerCase()) === sequence) index.delete(oldValue.toLowerCase());
      const newValue = record.deleted || record.purged ? null : record.values[field];
      if (typeof newValue === 'string') index.set(newValue.toLowerCase(), sequence);
    }
    if (!this.stored.has(sequence)) this.sortedStored = undefined;
    this.stored.set(sequence, record);
  }

  /** The written state of `sequence`, for undoing a write with {@link ObjectStore.restore}. */
  snapshot(sequence: number): StoredRecord | undefined {
    return this.stored.get(sequence);
  }

  /** Puts back a state taken with {@link ObjectStore.snapshot} (undefined: back to generated, or never inserted). */
  restore(sequence: number, snapshot: StoredRecord | undefined): void {
    if (snapshot) {
      this.write(sequence, snapshot);
      return;
    }
    const current = this.stored.get(sequence);
    if (!current) return;
    for (const [field, index] of this.uniqueIndexes) {
      const value = current.values[field];
      if (typeof value === 'string' && index.get(value.toLowerCase()) === sequence) index.delete(value.toLowerCase());
    }
    this.stored.delete(sequence);
    this.sortedStored = undefined;
  }

  /** Sequences of written records, ascending. */
  storedSequences(): readonly number[] {
    this.sortedStored ??= [...this.stored.keys()].sort((a, b) => a - b);
    return this.sortedStored;
  }

  /**
   * Number of records `query` (or, with `includeDeleted`, `queryAll`) sees,
   * computed from the written records only.
   */
  count(includeDeleted: boolean): number {
    let total = this.generatedCount;
    for (const [sequence, record] of this.stored) {
      const generated = sequence < this.generatedCount;
      const visible = !record.purged && (includeDeleted || !record.deleted);
      if (generated && !visible) total -= 1;
      if (!generated && visible) total += 1;
    }
    return total;
  }

  /**
   * The sequence of the live record holding `value` in unique field `field`
   * (case-insensitive), or undefined.
   */
  findByUnique(field: string, value: string): number | undefined {
    const key = value.toLowerCase();
    const fromIndex = this.uniqueIndexes.get(field)?.get(key);
    if (fromIndex !== undefined) {
      const record = this.read(fromIndex);
      if (record && !record.deleted && String(record.values[field]).toLowerCase() === key) return fromIndex;
    }
    const candidate = this.definition.locateGenerated?.(field, value);
    if (candidate !== undefined && candidate >= 0 && candidate < this.generatedCount && !this.stored.has(candidate)) {
      const record = this.read(candidate);
      if (record && String(record.values[field]).toLowerCase() === key) return candidate;
    }
    return undefined;
  }
}
