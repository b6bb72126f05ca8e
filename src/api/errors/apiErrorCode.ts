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
  /** The document is not GraphQL (a syntax error, or more tokens than `LONGHAUL_MAX_TOKENS`); HTTP 400. */
  GraphqlParseFailed: 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema or the depth/alias limits; HTTP 400. */
  GraphqlValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  /** The request is not a GraphQL request (no query, bad JSON, too large a body); HTTP 400. */
  BadRequest: 'BAD_REQUEST',
  /** A limit of the API (cost, page size, list size, response size, subscriptions, connections); `extensions.reason` names it. */
  LimitExceeded: 'LIMIT_EXCEEDED',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];
