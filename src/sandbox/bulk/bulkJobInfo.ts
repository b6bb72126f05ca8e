import type { ColumnDelimiterName } from '../format/csvRecordFormatter.ts';

/** Fields every Bulk 2.0 job reports (`GET jobs/{query|ingest}/<id>`). */
export interface BulkJobInfoBase {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: string;
  concurrencyMode: 'Parallel';
  contentType: 'CSV';
  apiVersion: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: ColumnDelimiterName;
  numberRecordsProcessed: number;
  retries: number;
  totalProcessingTime: number;
}

/** States of a Bulk 2.0 query job. */
export type BulkQueryJobState = 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed';

/** States of a Bulk 2.0 ingest job. */
export type BulkIngestJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
