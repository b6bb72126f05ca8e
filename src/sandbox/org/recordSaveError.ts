import type { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';

/** A per-record error as sObject Collections report it (`statusCode`, `message`, `fields`). */
export interface RecordSaveError {
  readonly statusCode: SalesforceErrorCode;
  readonly message: string;
  readonly fields: readonly string[];
}

/** The outcome of writing one record. */
export type RecordWriteResult =
  | { readonly success: true; readonly id: string; readonly created: boolean }
  | { readonly success: false; readonly id: string | null; readonly errors: readonly RecordSaveError[] };
