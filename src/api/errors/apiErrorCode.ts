/** Every `extensions.code` longhaul's API answers with; stable, part of the contract. */
export const ApiErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  /** Too many job creations per minute (HTTP 429, `Retry-After`; `extensions.retryAfterSeconds`). */
  RateLimited: 'RATE_LIMITED',
  /** A per-tenant quota is full, e.g. jobs waiting to start (HTTP 429; `extensions.limit`). */
  QuotaExceeded: 'QUOTA_EXCEEDED',
  /** The process that should answer is gone, or did not answer in time (e.g. `captureDiagnostics`). */
  Unavailable: 'UNAVAILABLE',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];
