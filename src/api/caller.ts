import { findApiKey, type ApiKeyGrant } from '../config/apiKeys.ts';
import type { Caller } from '../engine/jobService.ts';
import { ApiErrorCode } from './errors/apiErrorCode.ts';
import { apiError } from './errors/toGraphQLError.ts';

/** Outcome of reading a credential: who is calling, or why nobody is. */
/** `keyId`: the key's SHA-256 digest, as the key table holds it (counts per key never hold the key itself). */
export type Authentication = { ok: true; caller: Caller; keyId: string } | { ok: false; code: typeof ApiErrorCode.Unauthenticated | typeof ApiErrorCode.Forbidden; message: string };

/** Resolves an `Authorization: Bearer <key>` value against the configured keys (by digest, in constant time: see `findApiKey`). */
export function authenticate(authorization: unknown, keys: ReadonlyMap<string, ApiKeyGrant>): Authentication {
  if (typeof authorization !== 'string' || authorization.trim() === '') {
    return { ok: false, code: ApiErrorCode.Unauthenticated, message: 'missing API key: send Authorization: Bearer <key>' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (match === null) return { ok: false, code: ApiErrorCode.Unauthenticated, message: 'malformed Authorization header: expected Bearer <key>' };
  const found = findApiKey(keys, match[1]!);
  if (found === undefined) return { ok: false, code: ApiErrorCode.Forbidden, message: 'unknown API key' };
  return { ok: true, caller: { tenantId: found.grant.tenantId, operator: found.grant.operator }, keyId: found.digest };
}

/** Like {@link authenticate}, but throws the GraphQL error (with HTTP status 401/403). */
export function requireCaller(authorization: unknown, keys: ReadonlyMap<string, ApiKeyGrant>): Caller {
  const auth = authenticate(authorization, keys);
  if (auth.ok) return auth.caller;
  throw apiError(auth.code, auth.message, { http: { status: auth.code === ApiErrorCode.Unauthenticated ? 401 : 403 } });
}
