import type { GraphQLFormattedError } from 'graphql';
import { ApiErrorCode } from './apiErrorCode.ts';

/** Whose fault an error is, as an HTTP status: 4xx the client's, 5xx the server's. */
const STATUS_OF_CODE: Record<ApiErrorCode, number> = {
  [ApiErrorCode.BadUserInput]: 400,
  [ApiErrorCode.NotFound]: 404,
  [ApiErrorCode.Unauthenticated]: 401,
  [ApiErrorCode.Forbidden]: 403,
  [ApiErrorCode.Conflict]: 409,
  [ApiErrorCode.RateLimited]: 429,
  [ApiErrorCode.QuotaExceeded]: 429,
  [ApiErrorCode.Unavailable]: 503,
  [ApiErrorCode.InternalServerError]: 500,
  [ApiErrorCode.GraphqlParseFailed]: 400,
  [ApiErrorCode.GraphqlValidationFailed]: 400,
  [ApiErrorCode.BadRequest]: 400,
  [ApiErrorCode.LimitExceeded]: 400,
};

/**
 * The HTTP status of an operation that failed as a whole (no `data`) with these errors: the status of their code
 * when they agree, else the server's first 5xx if any error is the server's, else 400. Errors beside partial data
 * keep 200 (the GraphQL-over-HTTP rule: the request was served, the payload says what failed).
 */
export function httpStatusOfFailedOperation(errors: readonly GraphQLFormattedError[]): number {
  const statuses = errors.map((error) => STATUS_OF_CODE[error.extensions?.code as ApiErrorCode] ?? 500);
  if (statuses.every((status) => status === statuses[0])) return statuses[0] ?? 500;
  return statuses.find((status) => status >= 500) ?? 400;
}
