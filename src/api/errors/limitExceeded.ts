import type { GraphQLError } from 'graphql';
import { ApiErrorCode } from './apiErrorCode.ts';
import { apiError } from './toGraphQLError.ts';

/** Which limit a `LIMIT_EXCEEDED` error is about (`extensions.reason`); stable, part of the contract. */
export const LimitReason = {
  /** The operation's estimated cost is above `LONGHAUL_MAX_COST`. */
  Cost: 'COST',
  /** A `first`/`last` argument is above `LONGHAUL_MAX_PAGE_SIZE`. */
  PageSize: 'PAGE_SIZE',
  /** A list argument holds more items than `LONGHAUL_MAX_LIST_ITEMS` (or its field's `@maxItems`). */
  ListSize: 'LIST_SIZE',
  /** The response would be larger than `LONGHAUL_MAX_RESPONSE_BYTES`. */
  ResponseSize: 'RESPONSE_SIZE',
  /** The WebSocket connection already runs `LONGHAUL_MAX_SUBSCRIPTIONS_PER_CONNECTION` operations. */
  SubscriptionsPerConnection: 'SUBSCRIPTIONS_PER_CONNECTION',
  /** The API key already holds `LONGHAUL_MAX_CONNECTIONS_PER_KEY` WebSocket connections to this process. */
  ConnectionsPerKey: 'CONNECTIONS_PER_KEY',
} as const;
export type LimitReason = (typeof LimitReason)[keyof typeof LimitReason];

/** A `LIMIT_EXCEEDED` error (HTTP 400) naming the limit and its value. */
export function limitExceeded(reason: LimitReason, limit: number, message: string): GraphQLError {
  return apiError(ApiErrorCode.LimitExceeded, message, { reason, limit, http: { status: 400 } });
}
