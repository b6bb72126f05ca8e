import type { RestoreCounts } from '../../../storage/index.ts';

/** What the walk of one object found, as the plan reports it: records read, and what became (or would become) of them. */
export interface PlannedObjectCounts {
  records: number;
  toCreate: number;
  toUpdate: number;
  toSkip: number;
  /** Lookup field → records whose value had no target Id (left out). */
  unmapped: Record<string, number>;
}

/** Where a restore is, saved after every batch. */
export interface RestoreCheckpoint {
  /** 1: records; 2: deferred lookups. */
  pass: 1 | 2;
  /** Index of the current object in the plan's order. */
  index: number;
  /** Records of the current object's backup stream consumed. */
  offset: number;
  /** Records handled, all objects and passes (progress). */
  done: number;
  counts: Record<string, RestoreCounts>;
  /** What the walk found per object (the plan's counts). */
  planned: Record<string, PlannedObjectCounts>;
}

/** The checkpoint of a restore that has not started: pass 1, first object, first record. */
export function initialRestoreCheckpoint(): RestoreCheckpoint {
  return { pass: 1, index: 0, offset: 0, done: 0, counts: {}, planned: {} };
}

/** Counts of an object nothing was written of yet. */
export function emptyRestoreCounts(): RestoreCounts {
  return { created: 0, updated: 0, failed: 0, skipped: 0 };
}

/** Planned counts of an object no record was read of yet. */
export function emptyPlannedCounts(): PlannedObjectCounts {
  return { records: 0, toCreate: 0, toUpdate: 0, toSkip: 0, unmapped: {} };
}
