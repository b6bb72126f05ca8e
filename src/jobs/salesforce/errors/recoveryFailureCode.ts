/** Why a restore or an export stopped for good: no retry changes a plan, a backup or a column list. */
export const RecoveryFailureCode = {
  /** An object asked for that the backup holds no complete copy of. */
  ObjectNotInBackup: 'OBJECT_NOT_IN_BACKUP',
  /** Cross-org references (owners, record types) with no target: pass mappings. */
  UnmappedReferences: 'UNMAPPED_REFERENCES',
  /** A restore in which every record failed. */
  NothingWritten: 'NOTHING_WRITTEN',
  /** An export column naming a field or relationship the backup does not hold. */
  UnknownColumn: 'UNKNOWN_COLUMN',
} as const;
export type RecoveryFailureCode = (typeof RecoveryFailureCode)[keyof typeof RecoveryFailureCode];
