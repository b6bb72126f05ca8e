import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';
import { standardRecordTypes } from '../objects/recordTypeDefinition.ts';
import type { RecordTypeSpec } from '../schema/recordTypeSpec.ts';

/** How one sandbox org is set up. Only `username` and `password` are required. */
export interface OrgOptions {
  /** Login name for the username-password grant. */
  readonly username: string;
  /** Password; the password followed by `securityToken` is accepted too, like Salesforce. */
  readonly password: string;
  /** Security token appended to the password by some clients. Default: none. */
  readonly securityToken?: string;
  /** Organization name shown by identity and admin. Default: derived from the username's domain. */
  readonly name?: string;
  /**
   * Number of generated business records: a total split over Account (20%),
   * Contact (30%), Opportunity (20%), Case (15%) and Invoice__c (15%), or a
   * count per object name. Default: 0 (an empty org; it still has its 5 users).
   */
  readonly size?: number | Readonly<Record<string, number>>;
  /** Seed of the record generator. Default: the sandbox's `seed` (42). */
  readonly seed?: number;
  /** `DailyApiRequests` maximum. Default: 100,000. */
  readonly dailyApiRequests?: number;
  /** Lifetime of access tokens in ms. Default: 7,200,000 (2 hours). */
  readonly tokenLifetimeMs?: number;
  /** API calls an access token allows before it expires. Default: unlimited. */
  readonly tokenMaxCalls?: number;
  /** Latest generated timestamp (ISO text or Date). Default: `2025-01-01T00:00:00Z`. */
  readonly anchor?: string | Date;
  /** Days of generated history before the anchor. Default: 1,095 (3 years). */
  readonly historyDays?: number;
  /** Rate (0..1) of tricky text values (commas, quotes, newlines, unicode). Default: 0.05. */
  readonly trickyRate?: number;
  /**
   * The org's record types, empty orgs included (RecordType records, Ids specific to the org);
   * generated records of an object with active record types get one of them. Default: Account
   * `Customer` and `Partner`, Case `Support` and `Billing` (`[]`: none).
   */
  readonly recordTypes?: readonly RecordTypeSpec[];
}

/** {@link OrgOptions} with every default applied. */
export interface ResolvedOrgOptions {
  readonly username: string;
  readonly password: string;
  readonly securityToken: string | undefined;
  readonly name: string;
  readonly counts: ReadonlyMap<string, number>;
  readonly seed: number;
  readonly dailyApiRequests: number;
  readonly tokenLifetimeMs: number;
  readonly tokenMaxCalls: number;
  readonly anchorMs: number;
  readonly historyDays: number;
  readonly trickyRate: number;
  readonly recordTypes: readonly RecordTypeSpec[];
}

const weights: ReadonlyArray<[string, number]> = [
  ['Account', 0.2],
  ['Contact', 0.3],
  ['Opportunity', 0.2],
  ['Case', 0.15],
  ['Invoice__c', 0.15],
];

/** Known names of objects a size may be given for. */
export const sizedObjectNames: readonly string[] = weights.map(([name]) => name);

function invalid(message: string): never {
  throw new SandboxError(SandboxErrorCode.INVALID_OPTIONS, message);
}

function nonNegativeInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(`${what} must be a non-negative integer, got ${String(value)}`);
  return value;
}

/** Splits a total size over the business objects (the remainder goes to the first objects). */
export function splitSize(total: number): Map<string, number> {
  const counts = new Map<string, number>();
  let assigned = 0;
  for (const [name, weight] of weights) {
    const count = Math.floor(total * weight);
    counts.set(name, count);
    assigned += count;
  }
  for (let i = 0; assigned < total; i = (i + 1) % weights.length) {
    const name = weights[i]?.[0] ?? 'Account';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    assigned += 1;
  }
  return counts;
}

/** Generated records per object for an org `size` (a total or counts per object); `what` names the org in errors. */
export function resolveOrgSize(size: NonNullable<OrgOptions['size']>, what: string): Map<string, number> {
  if (typeof size === 'number') return splitSize(nonNegativeInteger(size, `${what}: size`));
  const counts = new Map(sizedObjectNames.map((name) => [name, 0]));
  for (const [name, count] of Object.entries(size)) {
    const known = sizedObjectNames.find((n) => n.toLowerCase() === name.toLowerCase());
    if (!known) invalid(`${what}: size given for unknown object ${name} (known: ${sizedObjectNames.join(', ')})`);
    counts.set(known, nonNegativeInteger(count, `${what}: size of ${name}`));
  }
  return counts;
}

/** Validates record types: known objects, developer names like Salesforce's, unique per object. */
export function resolveRecordTypes(recordTypes: readonly RecordTypeSpec[], what: string): RecordTypeSpec[] {
  if (!Array.isArray(recordTypes)) invalid(`${what}: recordTypes must be an array`);
  const seen = new Set<string>();
  return recordTypes.map((spec: RecordTypeSpec) => {
    const sobjectType = sizedObjectNames.find((n) => n.toLowerCase() === String(spec?.sobjectType).toLowerCase());
    if (sobjectType === undefined) invalid(`${what}: record type for unknown object ${String(spec?.sobjectType)} (known: ${sizedObjectNames.join(', ')})`);
    if (typeof spec.developerName !== 'string' || !/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(spec.developerName) || spec.developerName.endsWith('_')) {
      invalid(`${what}: record type developer name must start with a letter and hold only letters, digits and single underscores, got ${String(spec.developerName)}`);
    }
    const key = `${sobjectType}.${spec.developerName}`.toLowerCase();
    if (seen.has(key)) invalid(`${what}: record type ${sobjectType}.${spec.developerName} is defined twice`);
    seen.add(key);
    return { ...spec, sobjectType };
  });
}

/** Applies defaults to `options` and validates them; `defaultSeed` is the sandbox's seed. */
export function resolveOrgOptions(options: OrgOptions, defaultSeed: number): ResolvedOrgOptions {
  if (typeof options.username !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(options.username)) {
    invalid(`org username must look like an email address, got ${String(options.username)}`);
  }
  if (typeof options.password !== 'string' || options.password === '') invalid(`org ${options.username}: password must be a non-empty string`);
  const counts = resolveOrgSize(options.size ?? 0, `org ${options.username}`);
  const anchor = options.anchor ?? '2025-01-01T00:00:00Z';
  const anchorMs = anchor instanceof Date ? anchor.getTime() : Date.parse(anchor);
  if (!Number.isFinite(anchorMs)) invalid(`org ${options.username}: anchor is not a valid date: ${String(anchor)}`);
  const trickyRate = options.trickyRate ?? 0.05;
  if (typeof trickyRate !== 'number' || trickyRate < 0 || trickyRate > 1) invalid(`org ${options.username}: trickyRate must be within 0..1`);
  const tokenMaxCalls = options.tokenMaxCalls ?? Number.POSITIVE_INFINITY;
  if (tokenMaxCalls !== Number.POSITIVE_INFINITY) nonNegativeInteger(tokenMaxCalls, `org ${options.username}: tokenMaxCalls`);
  const domain = options.username.split('@')[1] ?? 'sandbox';
  return {
    username: options.username,
    password: options.password,
    securityToken: options.securityToken,
    name: options.name ?? `${domain} (sandbox)`,
    counts,
    seed: nonNegativeInteger(options.seed ?? defaultSeed, `org ${options.username}: seed`),
    dailyApiRequests: nonNegativeInteger(options.dailyApiRequests ?? 100_000, `org ${options.username}: dailyApiRequests`),
    tokenLifetimeMs: nonNegativeInteger(options.tokenLifetimeMs ?? 7_200_000, `org ${options.username}: tokenLifetimeMs`),
    tokenMaxCalls,
    anchorMs,
    historyDays: nonNegativeInteger(options.historyDays ?? 1095, `org ${options.username}: historyDays`),
    trickyRate,
    recordTypes: resolveRecordTypes(options.recordTypes ?? standardRecordTypes, `org ${options.username}`),
  };
}
