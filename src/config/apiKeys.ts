import { createHash, timingSafeEqual } from 'node:crypto';

/** What an API key grants: the tenant it acts for, and whether it may run operator actions. */
export interface ApiKeyGrant {
  /** Tenant the key's jobs belong to. */
  tenantId: string;
  /** Operator keys may call operator mutations and see every tenant. */
  operator: boolean;
}

/**
 * The configured API keys, each under the SHA-256 digest of the key (hex): the keys themselves are
 * kept nowhere in memory after parsing. Look a presented key up with {@link findApiKey}.
 */
export type ApiKeyTable = Map<string, ApiKeyGrant>;

/** Error for a malformed or duplicate `LONGHAUL_API_KEYS` entry or keys file line; the message names the place, never the key. */
export class ApiKeySpecError extends Error {
  override readonly name = 'ApiKeySpecError';
}

/** One place keys are read from, for {@link parseApiKeys}. */
export interface ApiKeySource {
  /** Where the text comes from, as error messages name it: `LONGHAUL_API_KEYS` or `LONGHAUL_API_KEYS_FILE (path)`. */
  label: string;
  /**
   * `entry`: comma- or newline-separated entries, numbered in order (an environment variable);
   * `line`: a file, numbered by line (a line may still hold comma-separated entries).
   */
  numbering: 'entry' | 'line';
  text: string;
}

const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** Printable ASCII without spaces: what `Authorization: Bearer <key>` can carry. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;
const MIN_KEY_LENGTH = 8;

/** The digest a key is stored and looked up under. */
export function apiKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Parses `key=tenant` / `key=tenant:operator` entries (blank entries and `#` comments are skipped)
 * from every source, in order. A malformed entry or a key given twice throws {@link ApiKeySpecError}
 * naming the entry or line (`LONGHAUL_API_KEYS entry 3`, `LONGHAUL_API_KEYS_FILE (keys.txt) line 7`),
 * never the key.
 */
export function parseApiKeys(sources: readonly ApiKeySource[]): ApiKeyTable {
  const keys: ApiKeyTable = new Map();
  const seenAt = new Map<string, string>();
  for (const source of sources) {
    const entries = source.numbering === 'line'
      ? source.text.split('\n').flatMap((line, index) => line.split(',').map((entry) => ({ entry, where: `${source.label} line ${index + 1}` })))
      : source.text.split(/[,\n]/).map((entry, index) => ({ entry, where: `${source.label} entry ${index + 1}` }));
    for (const { entry: raw, where } of entries) {
      const entry = raw.trim();
      if (entry === '' || entry.startsWith('#')) continue;
      const eq = entry.indexOf('=');
      if (eq <= 0) throw new ApiKeySpecError(`${where}: must look like key=tenant or key=tenant:operator`);
      const key = entry.slice(0, eq).trim();
      const [tenantId = '', role, ...rest] = entry.slice(eq + 1).trim().split(':');
      if (key.length < MIN_KEY_LENGTH) throw new ApiKeySpecError(`${where}: the key is shorter than ${MIN_KEY_LENGTH} characters`);
      if (!KEY_PATTERN.test(key)) throw new ApiKeySpecError(`${where}: the key may hold only printable ASCII characters without spaces`);
      if (!TENANT_PATTERN.test(tenantId)) throw new ApiKeySpecError(`${where}: the tenant must be 1-64 letters, digits, '_', '.' or '-'`);
      if (rest.length > 0 || (role !== undefined && role !== 'operator')) throw new ApiKeySpecError(`${where}: the role must be empty or "operator"`);
      const digest = apiKeyDigest(key);
      const first = seenAt.get(digest);
      if (first !== undefined) throw new ApiKeySpecError(`${where}: the same key as ${first}`);
      seenAt.set(digest, where);
      keys.set(digest, { tenantId, operator: role === 'operator' });
    }
  }
  return keys;
}

/**
 * The grant of a presented key and the stored digest it matched, or `undefined`. The key is hashed and its digest compared with every
 * configured digest by `crypto.timingSafeEqual`, all of them whatever matches: the time taken says
 * nothing about how close a guess came, nor which key matched.
 */
export function findApiKey(keys: ReadonlyMap<string, ApiKeyGrant>, presented: string): { digest: string; grant: ApiKeyGrant } | undefined {
  const digest = Buffer.from(apiKeyDigest(presented), 'hex');
  let found: { digest: string; grant: ApiKeyGrant } | undefined;
  for (const [candidate, grant] of keys) {
    const stored = Buffer.from(candidate, 'hex');
    if (stored.length === digest.length && timingSafeEqual(stored, digest)) found = { digest: candidate, grant };
  }
  return found;
}
