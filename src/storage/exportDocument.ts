import { recordIdOf, type RecordKey } from '../db/recordId.ts';

/** Where an export is. `EXPIRED`: its file was removed after its time. `CANCELLED`: its job was cancelled. */
export const ExportStatus = { Queued: 'QUEUED', Running: 'RUNNING', Succeeded: 'SUCCEEDED', Failed: 'FAILED', Expired: 'EXPIRED', Cancelled: 'CANCELLED' } as const;
export type ExportStatus = (typeof ExportStatus)[keyof typeof ExportStatus];

/** How a filter condition compares a field with its value. */
export const ExportFilterOperator = { Equals: 'EQUALS', NotEquals: 'NOT_EQUALS', Contains: 'CONTAINS', IsNull: 'IS_NULL', IsNotNull: 'IS_NOT_NULL' } as const;
export type ExportFilterOperator = (typeof ExportFilterOperator)[keyof typeof ExportFilterOperator];

/** One condition of an export's filter (conditions are ANDed); values compare as text. */
export interface ExportFilterCondition {
  field: string;
  operator: ExportFilterOperator;
  value?: string | null;
}

/** An export as stored in the `exports` collection; its CSV lives in the `exportFiles` GridFS bucket under the same id. */
export interface ExportDocument {
  _id: RecordKey;
  tenantId: string;
  backupId: string;
  orgId: string;
  object: string;
  /** Columns asked for (`Relationship.Field` flattens a lookup); `null`: every field of the backup. */
  fields: string[] | null;
  filter: ExportFilterCondition[];
  jobId: string | null;
  status: ExportStatus;
  /** Data rows written (the header row not counted). */
  rows: number;
  bytes: number;
  /** sha256 (hex) of the CSV file. */
  sha256: string | null;
  error: { code: string; message: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** When the file is removed; set when the export finishes. */
  expiresAt: Date | null;
}

/** An export as the domain hands it out. */
export type ExportView = Omit<ExportDocument, '_id'> & { id: string };

/** Converts a stored export to its view. */
export function toExportView(doc: ExportDocument): ExportView {
  const { _id, ...rest } = doc;
  return { id: recordIdOf(_id), ...rest };
}

/** Path of an export's download (`GET /exports/:id`). */
export function exportDownloadPath(id: string): string {
  return `/exports/${id}`;
}
