import { randomBytes } from 'node:crypto';
import { SandboxError } from './errors/sandboxError.ts';
import { SandboxErrorCode } from './errors/sandboxErrorCode.ts';
import type { FaultRuleInput } from './faults/faultRule.ts';
import { silentLogger, type SandboxLogger } from './http/sandboxLogger.ts';
import type { OrgOptions } from './org/orgOptions.ts';

/** Options of {@link startSandbox}. Every field has a default. */
export interface SandboxOptions {
  /** TCP port; 0 picks a free one. Default: 0. */
  readonly port?: number;
  /** Interface to listen on. Default: `127.0.0.1`. */
  readonly host?: string;
  /** URL clients use (login URL and `instance_url`). Default: `http://<host>:<port>`. */
  readonly publicUrl?: string;
  /** Orgs created at start. Default: none. */
  readonly orgs?: readonly OrgOptions[];
  /** Default seed of org record generators. Default: 42. */
  readonly seed?: number;
  /** Fault rules active from the start. Default: none. */
  readonly faults?: readonly FaultRuleInput[];
  /** Seed of the fault injector's random choices. Default: 1. */
  readonly faultSeed?: number;
  /** REST query page size when the client asks for none (Salesforce: 2,000; `Sforce-Query-Options: batchSize` may lower it to 200). Default: 2,000. */
  readonly queryPageSize?: number;
  /** Records per Bulk 2.0 query result page when the client sends no `maxRecords`. Default: 50,000. */
  readonly bulkResultPageSize?: number;
  /** Time a Bulk 2.0 job stays `InProgress` before processing, in ms. Default: 0. */
  readonly bulkProcessingDelayMs?: number;
  /** Idle lifetime of REST query cursors in ms (Salesforce: 15 minutes). Default: 900,000. */
  readonly cursorTtlMs?: number;
  /** Most open REST query cursors per org; the oldest are dropped. Default: 1,000. */
  readonly maxCursorsPerOrg?: number;
  /** Largest request body in bytes (Bulk 2.0 upload limit: 150 MB). Default: 157,286,400. */
  readonly maxBodyBytes?: number;
  /** `second` (Salesforce's audit stamps are whole seconds) or `millisecond`. Default: `second`. */
  readonly timestampPrecision?: 'second' | 'millisecond';
  /** Clock in epoch ms (tests may move time). Default: `Date.now`. */
  readonly clock?: () => number;
  /** Where the sandbox logs requests and failures. Default: silent. */
  readonly logger?: SandboxLogger;
  /**
   * Token the admin API (`/__admin`) requires as `Authorization: Bearer <token>`, at least 16 characters.
   * Default: 32 random bytes (base64url), generated at start; read it from `Sandbox.adminToken`.
   */
  readonly adminToken?: string;
}

/** {@link SandboxOptions} with every default applied. */
export interface ResolvedSandboxOptions {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string | undefined;
  readonly orgs: readonly OrgOptions[];
  readonly seed: number;
  readonly faults: readonly FaultRuleInput[];
  readonly faultSeed: number;
  readonly queryPageSize: number;
  readonly bulkResultPageSize: number;
  readonly bulkProcessingDelayMs: number;
  readonly cursorTtlMs: number;
  readonly maxCursorsPerOrg: number;
  readonly maxBodyBytes: number;
  readonly timestampPrecision: 'second' | 'millisecond';
  readonly clock: () => number;
  readonly logger: SandboxLogger;
  readonly adminToken: string;
}

function integer(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, `${what} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

/** Applies defaults to `options` and validates them, throwing `SANDBOX_INVALID_OPTIONS` with the reason. */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const precision = options.timestampPrecision ?? 'second';
  if (precision !== 'second' && precision !== 'millisecond') {
    throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, `timestampPrecision must be 'second' or 'millisecond', got ${String(precision)}`);
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, 'clock must be a function returning epoch milliseconds');
  }
  const adminToken = options.adminToken ?? randomBytes(32).toString('base64url');
  if (!/^[\x21-\x7e]{16,}$/.test(adminToken)) {
    throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, 'adminToken must be at least 16 printable ASCII characters without spaces');
  }
  return {
    port: integer(options.port ?? 0, 'port', 0, 65535),
    host: options.host ?? '127.0.0.1',
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    orgs: options.orgs ?? [],
    seed: integer(options.seed ?? 42, 'seed', 0),
    faults: options.faults ?? [],
    faultSeed: integer(options.faultSeed ?? 1, 'faultSeed', 0),
    queryPageSize: integer(options.queryPageSize ?? 2000, 'queryPageSize', 1, 2000),
    bulkResultPageSize: integer(options.bulkResultPageSize ?? 50_000, 'bulkResultPageSize', 1),
    bulkProcessingDelayMs: integer(options.bulkProcessingDelayMs ?? 0, 'bulkProcessingDelayMs', 0),
    cursorTtlMs: integer(options.cursorTtlMs ?? 900_000, 'cursorTtlMs', 1),
    maxCursorsPerOrg: integer(options.maxCursorsPerOrg ?? 1000, 'maxCursorsPerOrg', 1),
    maxBodyBytes: integer(options.maxBodyBytes ?? 157_286_400, 'maxBodyBytes', 1),
    timestampPrecision: precision,
    clock: options.clock ?? Date.now,
    logger: options.logger ?? silentLogger,
    adminToken,
  };
}
