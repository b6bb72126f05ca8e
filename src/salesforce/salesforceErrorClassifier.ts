import { SalesforceRequestRejectedError, SalesforceUnavailableError, SessionExpiredError, type SalesforceError } from './errors/index.ts';

/** Salesforce error codes after which the same request may succeed later. */
const RETRYABLE_CODES = new Set(['SERVER_UNAVAILABLE', 'REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW', 'QUERY_TIMEOUT', 'REQUEST_RUNNING_TOO_LONG', 'TXN_SECURITY_METERING_ERROR']);
/** Network failures (Node and undici codes) worth retrying. */
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR']);

/** The code an error from jsforce carries: Salesforce's `errorCode`, an OAuth error name, or a network code. */
export function salesforceErrorCodeOf(error: unknown): string {
  const e = error as { sfErrorCode?: unknown; errorCode?: unknown; code?: unknown; name?: unknown; cause?: { code?: unknown } };
  if (typeof e?.sfErrorCode === 'string') return e.sfErrorCode;
  if (typeof e?.errorCode === 'string' && e.errorCode !== '') return e.errorCode;
  if (typeof e?.code === 'string' && e.code !== '') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  if (typeof e?.name === 'string' && e.name !== 'Error') return e.name;
  return 'UNKNOWN';
}

/**
 * Turns whatever a jsforce call threw into one of the salesforce layer's error classes, decided by
 * Salesforce's error code (never by message text). Errors of this layer pass through unchanged.
 */
export function classifySalesforceError(error: unknown, what: string): SalesforceError {
  if (error instanceof SalesforceUnavailableError || error instanceof SalesforceRequestRejectedError || error instanceof SessionExpiredError) return error;
  const code = salesforceErrorCodeOf(error);
  const message = `${what}: ${code}${error instanceof Error && error.message !== '' ? ` (${error.message.slice(0, 300)})` : ''}`;
  if (code === 'INVALID_SESSION_ID' || code === 'invalid_grant') return new SessionExpiredError(message, code);
  if (RETRYABLE_CODES.has(code) || RETRYABLE_NETWORK.has(code) || /^ERROR_HTTP_5\d\d$/.test(code) || code === 'FetchError' || code === 'TimeoutError') {
    return new SalesforceUnavailableError(message, code);
  }
  return new SalesforceRequestRejectedError(message, code);
}
