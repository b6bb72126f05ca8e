/** What an API key grants: the tenant it acts for, and whether it may run operator actions. */
export interface ApiKeyGrant {
  /** Tenant the key's jobs belong to. */
  tenantId: string;
  /** Operator keys may call operator mutations and see every tenant. */
  operator: boolean;
}

/** Error for a malformed `LONGHAUL_API_KEYS` entry or keys file line. */
export class ApiKeySpecError extends Error {
  override readonly name = 'ApiKeySpecError';
}

const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Parses `key=tenant` / `key=tenant:operator` entries, comma- or newline-separated
 * (blank lines and `#` comments are skipped, so a keys file reads the same way).
 */
export function parseApiKeys(spec: string): Map<string, ApiKeyGrant> {
  const keys = new Map<string, ApiKeyGrant>();
  for (const raw of spec.split(/[,\n]/)) {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new ApiKeySpecError(`API key entry "${mask(entry)}" must look like key=tenant or key=tenant:operator`);
    const key = entry.slice(0, eq).trim();
    const [tenantId = '', role, ...rest] = entry.slice(eq + 1).trim().split(':');
    if (key.length < 8) throw new ApiKeySpecError(`API key "${mask(key)}" is shorter than 8 characters`);
    if (!TENANT_PATTERN.test(tenantId)) throw new ApiKeySpecError(`tenant "${tenantId}" must be 1-64 letters, digits, '_', '.' or '-'`);
    if (rest.length > 0 || (role !== undefined && role !== 'operator')) {
      throw new ApiKeySpecError(`role of key "${mask(key)}" must be empty or "operator"`);
    }
    keys.set(key, { tenantId, operator: role === 'operator' });
  }
  return keys;
}

function mask(key: string): string {
  return key.length <= 4 ? '****' : `${key.slice(0, 4)}…`;
}
