import { recordIdOf, type RecordKey } from '../db/recordId.ts';

/** How a restore treats records: recreate missing ones, put values back on existing ones, or both. */
export const RestoreMode = { InsertMissing: 'INSERT_MISSING', Overwrite: 'OVERWRITE', Upsert: 'UPSERT' } as const;
export type RestoreMode = (typeof RestoreMode)[keyof typeof RestoreMode];

/** Where a restore is. `CANCELLED`: its job was cancelled. */
export const RestoreStatus = { Queued: 'QUEUED', Running: 'RUNNING', Succeeded: 'SUCCEEDED', Failed: 'FAILED', Cancelled: 'CANCELLED' } as const;
export type RestoreStatus = (typeof RestoreStatus)[keyof typeof RestoreStatus];

/** Why a field of the backup is not written. */
export const SkippedFieldReason = {
  /** Neither createable nor updateable in the target (system, formula, auto-number fields). */
  ReadOnly: 'READ_ONLY',
  /** The target object has no such field. */
  MissingInTarget: 'MISSING_IN_TARGET',
  /** Not part of the requested `fields`... or a compound field the backup does not hold as such. */
  NotRestorable: 'NOT_RESTORABLE',
} as const;
export type SkippedFieldReason = (typeof SkippedFieldReason)[keyof typeof SkippedFieldReason];

/** How an object's records are written. */
export const WriteMethod = { Collections: 'COLLECTIONS', Bulk: 'BULK' } as const;
export type WriteMethod = (typeof WriteMethod)[keyof typeof WriteMethod];

/** One object of a restore plan: what is written and how, and what cannot be. */
export interface RestorePlanObject {
  name: string;
  /** Place in the restore order, from 0 (parents first). */
  order: number;
  /** Records the backup holds for this object (after the `recordIds` filter). */
  records: number;
  /** Records the restore creates (missing in the target). */
  toCreate: number;
  /** Records the restore updates (present in the target). */
  toUpdate: number;
  /** Records left alone because the mode does not cover them. */
  toSkip: number;
  method: WriteMethod;
  /** Fields sent on create. */
  createFields: string[];
  /** Fields sent on update. */
  updateFields: string[];
  /** Lookups filled by the second pass (they close a cycle of lookups). */
  deferredFields: string[];
  skippedFields: { name: string; reason: SkippedFieldReason }[];
  /** Lookups whose source Id has no target Id (left empty), per field. */
  unmappedReferences: { field: string; count: number }[];
}

/** What a restore does, computed the same way for a dry run and the real run. */
export interface RestorePlan {
  /** Object names, parents first. */
  order: string[];
  objects: RestorePlanObject[];
  /** Lookups that close a cycle, as `Object.Field`, filled by the second pass. */
  deferredReferences: string[];
  /** Source owners (User Ids) with no target owner. */
  unmappedOwners: string[];
  /** Source record types with no target record type. */
  unmappedRecordTypes: string[];
}

/** Counts of what a restore did, per object and in all. */
export interface RestoreCounts {
  created: number;
  updated: number;
  failed: number;
  skipped: number;
}

/** Source Id → target Id pairs given by the client for owners or record types. */
export interface IdMapping {
  sourceId: string;
  targetId: string;
}

/** A restore as stored in the `restores` collection. */
export interface RestoreDocument {
  _id: RecordKey;
  tenantId: string;
  backupId: string;
  /** The org the backup was taken from. */
  sourceOrgId: string;
  targetOrgId: string;
  jobId: string | null;
  mode: RestoreMode;
  dryRun: boolean;
  /** Objects asked for; `null`: every object of the backup. */
  objects: string[] | null;
  /** Source record Ids asked for; `null`: every record. */
  recordIds: string[] | null;
  ownerMappings: IdMapping[];
  recordTypeMappings: IdMapping[];
  status: RestoreStatus;
  plan: RestorePlan | null;
  /** Per object, what was done so far. */
  counts: Record<string, RestoreCounts>;
  error: { code: string; message: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A restore as the domain hands it out. */
export type RestoreView = Omit<RestoreDocument, '_id'> & { id: string };

/** Converts a stored restore to its view. */
export function toRestoreView(doc: RestoreDocument): RestoreView {
  const { _id, ...rest } = doc;
  return { id: recordIdOf(_id), ...rest };
}
