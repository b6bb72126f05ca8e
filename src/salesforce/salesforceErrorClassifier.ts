import { HostNotAllowedError, SalesforceRequestRejectedError, SalesforceUnavailableError, SessionExpiredError, type SalesforceError } from './errors/index.ts';

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
  if (error instanceof SalesforceUnavailableError || error instanceof SalesforceRequestRejectedError || error instanceof SessionExpiredError || error instanceof HostNotAllowedError) return error;
  const code = salesforceErrorCodeOf(error);
  const message = `${what}: ${code}${error instanceof Error && error.message !== '' ? ` (${error.message.slice(0, 300)})` : ''}`;
  if (code === 'INVALID_SESSION_ID' || code === 'invalid_grant') return new SessionExpiredError(message, code);
  if (RETRYABLE_CODES.has(code) || RETRYABLE_NETWORK.has(code) || /^ERROR_HTTP_5\d\d$/.test(code) || code === 'FetchError' || code === 'TimeoutError') {
    return new SalesforceUnavailableError(message, code);
  }
  return new SalesforceRequestRejectedError(message, code);
}

/** Codes of network failures, timeouts and answers that are not Salesforce's (a non-JSON page, an HTTP status without an OAuth error). */
const UNREACHABLE_CODES = /^(E[A-Z]+|ERR_[A-Z0-9_]+|UND_ERR_[A-Z_]+|ABORT_ERR|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+|ERROR_HTTP_\d+|FetchError|AbortError|TimeoutError|TIMEOUT|SyntaxError|TypeError|UNKNOWN)$/;

/**
 * The `detail` a failed org verification reports: Salesforce's own code (`invalid_grant`, `INVALID_SESSION_ID`,
 * `HOST_NOT_ALLOWED`, ...) when Salesforce or the egress policy answered, and `UNREACHABLE` for everything else,
 * so that the answer never tells a refused connection from a silent port or from a server that is not Salesforce.
 */
export function connectionFailureDetail(error: unknown): string {
  const code = salesforceErrorCodeOf(error);
  return UNREACHABLE_CODES.test(code) ? 'UNREACHABLE' : code;
}
