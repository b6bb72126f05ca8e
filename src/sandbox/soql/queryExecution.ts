import type { ObjectStore } from '../org/objectStore.ts';
import type { SandboxOrg } from '../org/sandboxOrg.ts';
import { isTextualFieldType } from '../schema/fieldType.ts';
import type { FieldValue, RecordValues } from '../schema/recordValues.ts';
import type { BoundQuery } from './boundQuery.ts';
import { compareFieldValues } from './soqlBinder.ts';

/** A record a query matched, with its position in the execution's scan order. */
export interface ScanRow {
  readonly values: RecordValues;
  readonly deleted: boolean;
  /** Scan position; the next read continues at `position + 1`. */
  readonly position: number;
}

type ScanSource =
  | { readonly kind: 'range'; readonly end: number; readonly descending: boolean }
  | { readonly kind: 'list'; readonly sequences: readonly number[] };

const auditFields = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);
/** Records scanned between yields to the event loop. */
const scanSlice = 4096;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs one bound query against an org without holding its records: it picks
 * what to scan (the Ids asked for; only written records when the datetime
 * filter excludes the generated history; else every sequence), counts the
 * matches once (`totalSize`), then reads matches from any scan position, so
 * pages and retries of pages can be served later. ORDER BY other than `Id`
 * materializes the matching sequences and their sort keys.
 */
export class QueryExecution {
  readonly bound: BoundQuery;
  readonly includeDeleted: boolean;
  private readonly store: ObjectStore;
  private readonly org: SandboxOrg;
  private source: ScanSource | undefined;
  private matched = 0;
  private first = 0;

  constructor(org: SandboxOrg, bound: BoundQuery, includeDeleted: boolean) {
    this.org = org;
    this.bound = bound;
    this.includeDeleted = includeDeleted;
    this.store = org.storeFor(bound.definition);
  }

  /** Records the query returns in total (after OFFSET and LIMIT); valid after {@link QueryExecution.prepare}. */
  get totalSize(): number {
    const afterOffset = Math.max(0, this.matched - this.bound.offset);
    return this.bound.limit === null ? afterOffset : Math.min(afterOffset, this.bound.limit);
  }

  /** Number of records matched before OFFSET and LIMIT (what COUNT() reports). */
  get matchedCount(): number {
    return this.bound.limit === null ? this.matched : Math.min(this.matched, this.bound.limit);
  }

  /** Position of the first record to return (after OFFSET). */
  get firstPosition(): number {
    return this.first;
  }

  /** Chooses the scan source and counts the matches; call once before reading. */
  async prepare(): Promise<void> {
    const { bound } = this;
    const byIdOnly = bound.orderBy.length === 0 || (bound.orderBy.length === 1 && bound.orderBy[0]?.field.name === 'Id');
    const descending = bound.orderBy[0]?.field.name === 'Id' && bound.orderBy[0].descending;
    let source: ScanSource;
    if (bound.idRestriction !== null) {
      source = { kind: 'list', sequences: this.sequencesOf(bound.idRestriction, descending) };
    } else if (this.generatedExcluded()) {
      const stored = this.store.storedSequences();
      source = { kind: 'list', sequences: descending ? [...stored].reverse() : stored };
    } else {
      source = { kind: 'range', end: this.store.sequenceEnd, descending };
    }
    this.source = source;
    if (!byIdOnly) {
      await this.materializeSorted();
    } else if (source.kind === 'range' && bound.predicate === null) {
      this.matched = this.store.count(this.includeDeleted);
    } else {
      let count = 0;
      for await (const row of this.rows(0)) {
        if (row) count += 1;
      }
      this.matched = count;
    }
    if (bound.offset > 0) {
      let skipped = 0;
      let position = 0;
      for await (const row of this.rows(0)) {
        if (skipped === bound.offset) break;
        skipped += 1;
        position = row.position + 1;
      }
      this.first = position;
    }
  }

  /** Matching rows from scan position `from` on, in order; the caller stops reading when it has enough. */
  async *rows(from: number): AsyncGenerator<ScanRow> {
    const source = this.source;
    if (!source) throw new Error('QueryExecution.prepare() must be called first');
    const length = source.kind === 'range' ? source.end : source.sequences.length;
    const { predicate } = this.bound;
    let sinceYield = 0;
    for (let position = from; position < length; position += 1) {
      sinceYield += 1;
      if (sinceYield >= scanSlice) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
      const sequence = source.kind === 'range'
        ? (source.descending ? source.end - 1 - position : position)
        : (source.sequences[position] as number);
      const record = this.store.read(sequence);
      if (!record || (record.deleted && !this.includeDeleted)) continue;
      if (predicate && !predicate(record.values)) continue;
      yield { values: record.values, deleted: record.deleted, position };
    }
  }

  private generatedExcluded(): boolean {
    const generator = this.org.recordGenerator;
    const start = generator.windowStartMs;
    const end = generator.windowEndMs;
    return this.bound.datetimeBounds.some((bound) => {
      if (!auditFields.has(bound.field)) return false;
      switch (bound.operator) {
        case '>':
          return bound.value >= end;
        case '>=':
          return bound.value > end;
        case '<':
          return bound.value <= start;
        case '<=':
          return bound.value < start;
        case '=':
          return bound.value < start || bound.value > end;
        default: {
          const unreachable: never = bound.operator;
          return unreachable;
        }
      }
    });
  }

  private sequencesOf(ids: readonly string[], descending: boolean): number[] {
    const sequences = new Set<number>();
    for (const id of ids) {
      const located = this.org.locate(id);
      if (located && located.store === this.store) sequences.add(located.sequence);
    }
    const sorted = [...sequences].sort((a, b) => a - b);
    return descending ? sorted.reverse() : sorted;
  }

  private async materializeSorted(): Promise<void> {
    const order = this.bound.orderBy;
    const sequences: number[] = [];
    const keys: FieldValue[][] = order.map(() => []);
    const unsorted = this.source;
    for await (const row of this.rows(0)) {
      const seq = unsorted?.kind === 'range' ? (unsorted.descending ? unsorted.end - 1 - row.position : row.position) : (unsorted?.kind === 'list' ? unsorted.sequences[row.position] : 0) as number;
      sequences.push(seq);
      order.forEach((item, i) => keys[i]?.push(row.values[item.field.name] ?? null));
    }
    const indexes = sequences.map((_, i) => i);
    const textual = order.map((item) => isTextualFieldType(item.field.type));
    indexes.sort((a, b) => {
      for (let i = 0; i < order.length; i += 1) {
        const item = order[i];
        const column = keys[i];
        if (!item || !column) continue;
        const x = column[a] ?? null;
        const y = column[b] ?? null;
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === item.nullsFirst ? -1 : 1;
        }
        const c = compareFieldValues(x, y, textual[i] ?? false);
        if (c !== 0) return item.descending ? -c : c;
      }
      return (sequences[a] as number) - (sequences[b] as number);
    });
    this.source = { kind: 'list', sequences: indexes.map((i) => sequences[i] as number) };
    this.matched = indexes.length;
  }
}
