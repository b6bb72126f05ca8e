import { z } from 'zod';

/**
 * Limits the GraphQL execution core enforces on every operation, over HTTP and WebSocket alike. A request
 * beyond one is refused with `extensions.code` `LIMIT_EXCEEDED` and an `extensions.reason` naming the limit
 * (see `LimitReason` in `src/api/errors/limitExceeded.ts`). Depth, aliases and cost stay in `Config.limits`.
 */
export interface ApiLimitsConfig {
  /** Tokens one document may hold; beyond, it is a parse error (`LONGHAUL_MAX_TOKENS`, default 2000). */
  maxTokens: number;
  /** Largest `first`/`last` argument of any field (`LONGHAUL_MAX_PAGE_SIZE`, default 1000). */
  maxPageSize: number;
  /**
   * Items a list field without a `first`/`last` argument is assumed to return when the cost is estimated
   * (`LONGHAUL_COST_LIST_SIZE`, default 10). Lists right under a paged field (a connection's `nodes`, `edges`)
   * count as the page.
   */
  costListSize: number;
  /**
   * Items any list argument or list input field may hold, filters included (`LONGHAUL_MAX_LIST_ITEMS`,
   * default 1000). A field of the schema may set its own cap with `@maxItems(n: ...)` (a restore's `recordIds` allows 10000).
   */
  maxListItems: number;
  /** Bytes of one GraphQL response body over HTTP, and of one result over WebSocket (`LONGHAUL_MAX_RESPONSE_BYTES`, default 8388608: 8 MiB). */
  maxResponseBytes: number;
  /** Operations one WebSocket connection may run at once, subscriptions included (`LONGHAUL_MAX_SUBSCRIPTIONS_PER_CONNECTION`, default 100). */
  maxSubscriptionsPerConnection: number;
  /** WebSocket connections one API key may hold open on one API process (`LONGHAUL_MAX_CONNECTIONS_PER_KEY`, default 50). */
  maxConnectionsPerKey: number;
}

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

const EnvSchema = z.object({
  LONGHAUL_MAX_TOKENS: int(2000, 100),
  LONGHAUL_MAX_PAGE_SIZE: int(1000, 1),
  LONGHAUL_COST_LIST_SIZE: int(10, 1),
  LONGHAUL_MAX_LIST_ITEMS: int(1000, 1),
  LONGHAUL_MAX_RESPONSE_BYTES: int(8 * 1024 * 1024, 1024),
  LONGHAUL_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(100, 1),
  LONGHAUL_MAX_CONNECTIONS_PER_KEY: int(50, 1),
});

/** Reads the API limits from the environment; throws naming every bad variable. */
export function parseApiLimitsConfig(env: NodeJS.ProcessEnv): ApiLimitsConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    maxTokens: e.LONGHAUL_MAX_TOKENS,
    maxPageSize: e.LONGHAUL_MAX_PAGE_SIZE,
    costListSize: e.LONGHAUL_COST_LIST_SIZE,
    maxListItems: e.LONGHAUL_MAX_LIST_ITEMS,
    maxResponseBytes: e.LONGHAUL_MAX_RESPONSE_BYTES,
    maxSubscriptionsPerConnection: e.LONGHAUL_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxConnectionsPerKey: e.LONGHAUL_MAX_CONNECTIONS_PER_KEY,
  };
}
