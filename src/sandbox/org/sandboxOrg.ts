import { RecordGenerator } from '../data/recordGenerator.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { ApiUsage } from './apiUsage.ts';
import { ObjectStore } from './objectStore.ts';
import type { OrgEnvironment } from './orgEnvironment.ts';
import type { ResolvedOrgOptions } from './orgOptions.ts';
import { SalesforceId } from './salesforceId.ts';
import { userCount } from '../objects/userDefinition.ts';

/** A summary of an org for the admin API and tests. */
export interface OrgSummary {
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly seed: number;
  readonly generatedCounts: Readonly<Record<string, number>>;
  readonly storedCounts: Readonly<Record<string, number>>;
  readonly apiUsage: { readonly used: number; readonly max: number };
  readonly tokenLifetimeMs: number;
  readonly tokenMaxCalls: number | null;
}

/**
 * One Salesforce org of the sandbox: its login, Ids, API allowance, token
 * policy and the records of each object (generated on demand, written ones
 * in memory for the life of the process).
 */
export class SandboxOrg {
  readonly orgNumber: number;
  readonly orgId: string;
  readonly username: string;
  readonly name: string;
  readonly apiUsage: ApiUsage;
  /** Lifetime of new access tokens in ms. */
  tokenLifetimeMs: number;
  /** API calls a new access token allows (Infinity: unlimited). */
  tokenMaxCalls: number;
  private password: string;
  private readonly securityToken: string | undefined;
  private readonly env: OrgEnvironment;
  private options: ResolvedOrgOptions;
  private generator: RecordGenerator;
  private stores = new Map<string, ObjectStore>();

  constructor(orgNumber: number, options: ResolvedOrgOptions, env: OrgEnvironment) {
    this.orgNumber = orgNumber;
    this.orgId = SalesforceId.encode('00D', orgNumber, 0);
    this.username = options.username;
    this.name = options.name;
    this.password = options.password;
    this.securityToken = options.securityToken;
    this.tokenLifetimeMs = options.tokenLifetimeMs;
    this.tokenMaxCalls = options.tokenMaxCalls;
    this.env = env;
    this.options = options;
    this.apiUsage = new ApiUsage(options.dailyApiRequests, env.clock());
    this.generator = this.createGenerator(options);
  }

  /** The Id of the org's login user (User record 0). */
  get userId(): string {
    return this.generator.idOf('User', 0);
  }

  /** The object catalog of this org. */
  get catalog(): OrgEnvironment['catalog'] {
    return this.env.catalog;
  }

  /** The record generator (window bounds are used by the query planner). */
  get recordGenerator(): RecordGenerator {
    return this.generator;
  }

  /** Seed of the record generator. */
  get seed(): number {
    return this.options.seed;
  }

  /** Current time in epoch ms. */
  now(): number {
    return this.env.clock();
  }

  /** The audit stamp for a write happening now. */
  stamp(): number {
    const now = this.env.clock();
    return this.env.timestampPrecision === 'second' ? SalesforceDate.truncateToSecond(now) : now;
  }

  /** Whether `password` (optionally followed by the security token) is this org's. */
  checkPassword(password: string): boolean {
    return password === this.password || (this.securityToken !== undefined && password === this.password + this.securityToken);
  }

  /** The store of `def`'s records in this org. */
  storeFor(def: SObjectDefinition): ObjectStore {
    let store = this.stores.get(def.name);
    if (!store) {
      store = new ObjectStore(def, this.generator);
      this.stores.set(def.name, store);
    }
    return store;
  }

  /** The store of the object named `name` (any case), or undefined for unknown or record-less objects. */
  store(name: string): ObjectStore | undefined {
    const def = this.env.catalog.find(name);
    return def && def.keyPrefix ? this.storeFor(def) : undefined;
  }

  /** Resolves an Id of this org to its object's store and sequence, or undefined. */
  locate(id: string): { store: ObjectStore; sequence: number } | undefined {
    const parts = SalesforceId.decode(id);
    if (!parts || parts.orgNumber !== this.orgNumber) return undefined;
    const def = this.env.catalog.findByKeyPrefix(parts.keyPrefix);
    if (!def) return undefined;
    return { store: this.storeFor(def), sequence: parts.sequence };
  }

  /** Drops all written records and regenerates the org from a new seed and size. */
  reseed(options: Pick<ResolvedOrgOptions, 'seed' | 'counts'>): void {
    this.options = { ...this.options, seed: options.seed, counts: options.counts };
    this.generator = this.createGenerator(this.options);
    this.stores = new Map();
  }

  /** A summary for the admin API. */
  summary(): OrgSummary {
    const generatedCounts: Record<string, number> = {};
    const storedCounts: Record<string, number> = {};
    for (const def of this.env.catalog.recordObjects) {
      generatedCounts[def.name] = this.generator.countOf(def.name);
      storedCounts[def.name] = this.stores.get(def.name)?.storedCount ?? 0;
    }
    const now = this.env.clock();
    return {
      orgId: this.orgId,
      userId: this.userId,
      username: this.username,
      name: this.name,
      seed: this.options.seed,
      generatedCounts,
      storedCounts,
      apiUsage: { used: this.apiUsage.used(now), max: this.apiUsage.max },
      tokenLifetimeMs: this.tokenLifetimeMs,
      tokenMaxCalls: Number.isFinite(this.tokenMaxCalls) ? this.tokenMaxCalls : null,
    };
  }

  private createGenerator(options: ResolvedOrgOptions): RecordGenerator {
    const counts = new Map(options.counts);
    counts.set('User', userCount);
    counts.set('RecordType', options.recordTypes.length);
    const firstName = 'Sandbox';
    const lastName = options.username.split('@')[0] ?? 'User';
    return new RecordGenerator({
      catalog: this.env.catalog,
      seed: options.seed,
      counts,
      anchorMs: options.anchorMs,
      historyDays: options.historyDays,
      trickyRate: options.trickyRate,
      orgNumber: this.orgNumber,
      orgUser: { username: options.username, firstName, lastName },
      recordTypes: options.recordTypes,
    });
  }
}
