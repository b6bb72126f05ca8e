import type { TokenStore } from './auth/tokenStore.ts';
import { toRestRecord, type RestRecord } from './format/restRecordFormatter.ts';
import { SandboxError } from './errors/sandboxError.ts';
import { SandboxErrorCode } from './errors/sandboxErrorCode.ts';
import { OrgMutator, type MutationRequest, type MutationResult } from './org/orgMutator.ts';
import { resolveOrgSize, type OrgOptions } from './org/orgOptions.ts';
import type { OrgServices } from './org/orgServices.ts';
import type { OrgSummary, SandboxOrg } from './org/sandboxOrg.ts';

/** Options of {@link OrgHandle.records}. */
export interface RawRecordsOptions {
  /** Include soft-deleted records (with `IsDeleted` true). Default: false. */
  readonly includeDeleted?: boolean;
  /** First sequence number to read. Default: 0. */
  readonly fromSequence?: number;
  /** Most records to return. Default: all. */
  readonly limit?: number;
  /** API version used in `attributes.url`. Default: `59.0`. */
  readonly version?: string;
}

/**
 * What tests and the admin API can do with one org of a running sandbox:
 * read its raw records, change them, move its API allowance and token
 * policy, expire its tokens, or reseed it.
 */
export class OrgHandle {
  readonly services: OrgServices;
  private readonly tokens: TokenStore;
  private readonly mutator: OrgMutator;

  constructor(services: OrgServices, tokens: TokenStore) {
    this.services = services;
    this.tokens = tokens;
    this.mutator = new OrgMutator(services);
  }

  /** The org itself. */
  get org(): SandboxOrg {
    return this.services.org;
  }

  /** The org's 18-character Id. */
  get orgId(): string {
    return this.services.org.orgId;
  }

  /** The login user's 18-character Id. */
  get userId(): string {
    return this.services.org.userId;
  }

  /** The login name. */
  get username(): string {
    return this.services.org.username;
  }

  /** Counts, usage and policy. */
  summary(): OrgSummary {
    return this.services.org.summary();
  }

  /** Updates, deletes and inserts records (see {@link MutationRequest}). */
  mutate(request: MutationRequest): MutationResult {
    return this.mutator.mutate(request);
  }

  /** The org's records of `objectName` in sequence (Id) order, REST-formatted with every field, generated lazily. */
  *records(objectName: string, options: RawRecordsOptions = {}): Generator<RestRecord> {
    const store = this.services.org.store(objectName);
    if (!store) throw new SandboxError(SandboxErrorCode.UNKNOWN_OBJECT, `unknown object ${objectName}`, 404);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const version = options.version ?? '59.0';
    let returned = 0;
    for (let sequence = options.fromSequence ?? 0; sequence < store.sequenceEnd && returned < limit; sequence += 1) {
      const record = store.read(sequence);
      if (!record || (record.deleted && options.includeDeleted !== true)) continue;
      returned += 1;
      yield toRestRecord(store.definition, store.definition.fields, record.values, version);
    }
  }

  /** Sets the daily API maximum and/or today's usage. */
  setApiUsage(change: { max?: number; used?: number }): void {
    const { org } = this.services;
    if (change.max !== undefined) org.apiUsage.max = change.max;
    if (change.used !== undefined) org.apiUsage.setUsed(change.used, org.now());
  }

  /** Sets the token policy; applies to tokens already issued too. `maxCalls: null` means unlimited. */
  setTokenPolicy(change: { lifetimeMs?: number; maxCalls?: number | null }): void {
    const { org } = this.services;
    if (change.lifetimeMs !== undefined) org.tokenLifetimeMs = change.lifetimeMs;
    if (change.maxCalls !== undefined) org.tokenMaxCalls = change.maxCalls ?? Number.POSITIVE_INFINITY;
  }

  /** Expires every current access token of the org (refresh tokens keep working). */
  expireTokens(): number {
    return this.tokens.expireAccessTokens(this.services.org.orgId);
  }

  /** Drops written records and regenerates the org with a new seed and/or size. */
  reseed(change: Pick<OrgOptions, 'seed' | 'size'>): void {
    const { org } = this.services;
    const seed = change.seed ?? org.seed;
    if (!Number.isInteger(seed) || seed < 0) throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, `org ${org.username}: seed must be a non-negative integer`);
    org.reseed({ seed, counts: resolveOrgSize(change.size ?? 0, `org ${org.username}`) });
  }
}
