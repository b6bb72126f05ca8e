import { GraphQLError } from 'graphql';
import { EngineError, EngineErrorCode, InvalidJobInputError, InvalidScheduleError, JobBatchItemError, JobBatchTooLargeError, QuotaExceededError, RateLimitedError } from '../../engine/errors/index.ts';
import { InvalidPositionError } from '../../bus/busPosition.ts';
import { HostNotAllowedError, IncompleteCredentialsError, OrgConnectionFailedError, SalesforceError, SalesforceErrorCode } from '../../salesforce/index.ts';
import { ApiErrorCode } from './apiErrorCode.ts';
import { LivenessError, LivenessErrorCode } from '../../monitoring/errors/index.ts';
import { BackupRunningError, InvalidBackupPolicyError, StorageError, StorageErrorCode } from '../../storage/errors/index.ts';

const ENGINE_TO_API: Partial<Record<EngineErrorCode, ApiErrorCode>> = {
  [EngineErrorCode.JobNotFound]: ApiErrorCode.NotFound,
  [EngineErrorCode.UnknownJobType]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.InternalJobType]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.InvalidJobInput]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.InvalidJobId]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.InvalidCursor]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.JobStateConflict]: ApiErrorCode.Conflict,
  [EngineErrorCode.JobNotInDebugQueue]: ApiErrorCode.Conflict,
  [EngineErrorCode.RateLimited]: ApiErrorCode.RateLimited,
  [EngineErrorCode.QuotaExceeded]: ApiErrorCode.QuotaExceeded,
  [EngineErrorCode.JobBatchTooLarge]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.InvalidSchedule]: ApiErrorCode.BadUserInput,
  [EngineErrorCode.ScheduleNotFound]: ApiErrorCode.NotFound,
  [EngineErrorCode.OwnedSchedule]: ApiErrorCode.Forbidden,
};

const SALESFORCE_TO_API: Partial<Record<SalesforceErrorCode, ApiErrorCode>> = {
  [SalesforceErrorCode.IncompleteCredentials]: ApiErrorCode.BadUserInput,
  [SalesforceErrorCode.OrgConnectionFailed]: ApiErrorCode.BadUserInput,
  [SalesforceErrorCode.HostNotAllowed]: ApiErrorCode.BadUserInput,
  [SalesforceErrorCode.OrgNotFound]: ApiErrorCode.NotFound,
  [SalesforceErrorCode.InvalidOrgId]: ApiErrorCode.BadUserInput,
};

const STORAGE_TO_API: Record<StorageErrorCode, ApiErrorCode> = {
  [StorageErrorCode.BackupNotFound]: ApiErrorCode.NotFound,
  [StorageErrorCode.RecordNotFound]: ApiErrorCode.NotFound,
  [StorageErrorCode.SnapshotUnavailable]: ApiErrorCode.BadUserInput,
  [StorageErrorCode.BackupNotFinished]: ApiErrorCode.BadUserInput,
  [StorageErrorCode.FileUnavailable]: ApiErrorCode.NotFound,
  [StorageErrorCode.BackupRunning]: ApiErrorCode.Conflict,
  [StorageErrorCode.InvalidBackupPolicy]: ApiErrorCode.BadUserInput,
};

const LIVENESS_TO_API: Record<LivenessErrorCode, ApiErrorCode> = {
  [LivenessErrorCode.WorkerNotFound]: ApiErrorCode.NotFound,
  [LivenessErrorCode.DiagnosticNotFound]: ApiErrorCode.NotFound,
  [LivenessErrorCode.WorkerUnavailable]: ApiErrorCode.Unavailable,
  [LivenessErrorCode.DiagnosticsTimeout]: ApiErrorCode.Unavailable,
  [LivenessErrorCode.DiagnosticsFailed]: ApiErrorCode.Unavailable,
  [LivenessErrorCode.DiagnosticExpired]: ApiErrorCode.NotFound,
  [LivenessErrorCode.DiagnosticsForbidden]: ApiErrorCode.Forbidden,
  [LivenessErrorCode.HeapSnapshotsDisabled]: ApiErrorCode.BadUserInput,
  [LivenessErrorCode.InvalidAlertRule]: ApiErrorCode.BadUserInput,
};

/** Creates a GraphQL error with a stable code. */
export function apiError(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/**
 * Maps a domain error to a {@link GraphQLError} with a stable `extensions.code`. Anything unknown
 * becomes `INTERNAL_SERVER_ERROR` with a generic message: internals never reach clients.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof InvalidPositionError) return apiError(ApiErrorCode.BadUserInput, error.message, { reason: error.code });
  // A batch refused for one item: that item's error, and where it is in the batch.
  if (error instanceof JobBatchItemError) {
    const item = toGraphQLError(error.cause);
    return apiError(item.extensions.code as ApiErrorCode, error.message, { ...item.extensions, index: error.index });
  }
  if (error instanceof EngineError) {
    const code = ENGINE_TO_API[error.code];
    if (code !== undefined) {
      const extra: Record<string, unknown> = { reason: error.code };
      if (error instanceof InvalidJobInputError || error instanceof InvalidScheduleError) extra.issues = error.issues;
      // `http` sets Apollo's response status and headers (Apollo removes it from the error it sends).
      if (error instanceof RateLimitedError) Object.assign(extra, { retryAfterSeconds: error.retryAfterSeconds, limit: error.limit, http: { status: 429, headers: new Map([['retry-after', String(error.retryAfterSeconds)]]) } });
      if (error instanceof QuotaExceededError) Object.assign(extra, { limit: error.limit, http: { status: 429 } });
      if (error instanceof JobBatchTooLargeError) extra.limit = error.limit;
      return apiError(code, error.message, extra);
    }
  }
  if (error instanceof SalesforceError) {
    const code = SALESFORCE_TO_API[error.code];
    if (code !== undefined) {
      const extra: Record<string, unknown> = { reason: error.code };
      if (error instanceof IncompleteCredentialsError) extra.missing = error.missing;
      if (error instanceof OrgConnectionFailedError) extra.detail = error.detail;
      if (error instanceof HostNotAllowedError) extra.field = error.field;
      return apiError(code, error.message, extra);
    }
  }
  if (error instanceof BackupRunningError) return apiError(ApiErrorCode.Conflict, error.message, { reason: error.code, jobId: error.jobId, backupId: error.backupId });
  if (error instanceof InvalidBackupPolicyError) return apiError(ApiErrorCode.BadUserInput, error.message, { reason: error.code, issues: error.issues });
  if (error instanceof StorageError) return apiError(STORAGE_TO_API[error.code], error.message, { reason: error.code });
  if (error instanceof LivenessError) return apiError(LIVENESS_TO_API[error.code], error.message, { reason: error.code });
  // The cause travels as originalError (logged by the server), never in the message.
  return new GraphQLError('internal error; see the server log', {
    extensions: { code: ApiErrorCode.InternalServerError },
    originalError: error instanceof Error ? error : new Error(String(error)),
  });
}
