import { createHash } from 'node:crypto';
import type { Logger } from '../../logging/logger.ts';
import { DEFAULT_SCHEDULE_CONFIG, type ScheduleConfig } from '../../config/scheduleConfig.ts';
import { newRecordId } from '../../db/recordId.ts';
import { EngineError, InvalidCursorError, InvalidJobInputError, InvalidScheduleError, OwnedScheduleError, ScheduleNotFoundError, UnknownJobTypeError } from '../errors/index.ts';
import { ANY_TENANT, type TenantScope } from '../jobRepository.ts';
import type { Caller, JobService } from '../jobService.ts';
import { isTerminal } from '../jobState.ts';
import type { JobView } from '../jobView.ts';
import type { ScheduleCatchUp, ScheduleDocument, ScheduleOverlap } from './scheduleDocument.ts';
import { nextOccurrence, nextOccurrences, occurrencesThrough, parseRecurrence, type RecurrenceSpec } from './scheduleRecurrence.ts';
import type { ScheduleRunStore } from './scheduleRunStore.ts';
import type { ScheduleListFilter, ScheduleStore } from './scheduleStore.ts';

/** What a schedule is made of: the fields of `createSchedule`, and of an owned schedule. */
export interface ScheduleSpec {
  name: string;
  jobType: string;
  /** The job input, checked against the type's schema; default `{}`. */
  input?: unknown;
  /** 5 fields, or 6 with seconds first; exactly one of `cron` and `every`. */
  cron?: string | null;
  /** An ISO 8601 duration of fixed length (`PT30S`, `P1D`), counted from when it was set. */
  every?: string | null;
  /** IANA zone of the cron; default `UTC`. */
  timezone?: string | null;
  /** Default `SKIP`. */
  overlap?: ScheduleOverlap | null;
  /** Default `LATEST`. */
  catchUp?: ScheduleCatchUp | null;
  /** Default true. */
  enabled?: boolean | null;
}

/** The fields of a schedule to change (`null` or absent: unchanged). */
export type ScheduleUpdate = { [K in keyof ScheduleSpec]?: ScheduleSpec[K] | null };

/** The spec of an owned schedule (the contract with the domain services, e.g. backup policies). */
export interface OwnedScheduleSpec {
  name: string;
  /** May be internal. */
  jobType: string;
  input: unknown;
  cron?: string;
  every?: string;
  timezone?: string;
  overlap?: ScheduleOverlap;
  catchUp?: ScheduleCatchUp;
  enabled?: boolean;
}

/** A schedule as the rest of the system sees it. */
export interface ScheduleView {
  id: string;
  tenantId: string;
  owner: string | null;
  name: string;
  jobType: string;
  input: unknown;
  cron: string | null;
  every: string | null;
  timezone: string;
  overlap: ScheduleOverlap;
  catchUp: ScheduleCatchUp;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRun: ScheduleRunView | null;
  createdAt: Date;
  updatedAt: Date;
  /** How it fires (for `nextRuns`). */
  recurrence: RecurrenceSpec;
}

/** A page of schedules. */
export interface SchedulePage {
  edges: { cursor: string; node: ScheduleView }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One occurrence of a schedule and the job it created. */
export interface ScheduleRunView {
  occurrenceAt: Date;
  jobId: string;
  /** The job, when read with it (`null`: deleted); absent when not read yet. */
  job?: JobView | null;
}

/** A page of the jobs a schedule created, latest occurrence first. */
export interface ScheduleRunPage {
  edges: { cursor: string; node: ScheduleRunView }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Options of {@link ScheduleService}. */
export interface ScheduleServiceOptions {
  store: ScheduleStore;
  runs: ScheduleRunStore;
  /** Creates (and cancels, for `CANCEL_RUNNING`) the schedules' jobs: every quota and check of a job applies. */
  jobs: JobService;
  /** Ticker settings; default {@link DEFAULT_SCHEDULE_CONFIG}. */
  config?: ScheduleConfig;
  /** The clock; default `() => new Date()` (tests move it). */
  now?: () => Date;
  logger?: Logger;
}

/** Most schedules one tick handles (the rest are due at the next tick). */
const TICK_BATCH = 100;

/** Longest a claimed occurrence may stay unconfirmed before another ticker creates its job (at least 30 s, or ten ticks). */
const recoverAfterMs = (tickMs: number) => Math.max(30_000, tickMs * 10);

/**
 * Recurring jobs for any job type. Tenant-scoped like jobs (operators reach every tenant's); the public API
 * (`create`, `update`, `delete`) takes public job types only and leaves owned schedules alone; domain services
 * keep their own schedules with {@link upsertOwned} / {@link removeOwned}, for internal types too.
 *
 * Exactly one job per occurrence however many tickers run: {@link tick} claims an occurrence by a compare-and-set
 * of the schedule's `nextRunAt` (recording it as pending), then creates its job with the idempotency key
 * `schedule:<id>:<occurrence ms>` and confirms it. A claim whose process died before the confirmation is taken
 * over by any ticker once stale; the key makes the second creation return the first job.
 */
export class ScheduleService {
  private readonly config: ScheduleConfig;
  private readonly now: () => Date;

  constructor(private readonly options: ScheduleServiceOptions) {
    this.config = options.config ?? DEFAULT_SCHEDULE_CONFIG;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates a schedule of a public job type in the caller's tenant; bad input throws {@link InvalidScheduleError} and stores nothing. */
  async create(caller: Caller, spec: ScheduleSpec): Promise<ScheduleView> {
    const now = this.now();
    const doc = this.validate({ ...spec, owner: null, allowInternal: false }, now);
    const stored: ScheduleDocument = { _id: newRecordId(), tenantId: caller.tenantId, ...doc, pending: {}, pendingSince: null, lastRun: null, createdAt: now, updatedAt: now };
    await this.options.store.insert(stored);
    return toView(stored);
  }

  /** Changes a schedule's definition (what is given); an owned one is refused with {@link OwnedScheduleError}. */
  async update(caller: Caller, id: string, patch: ScheduleUpdate): Promise<ScheduleView> {
    const current = await this.requireDoc(caller, id);
    if (current.owner !== null) throw new OwnedScheduleError(`schedule ${id} is kept by ${current.owner}: change it there (it can only be paused or resumed here)`, current.owner);
    const now = this.now();
    const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;
    const recurrenceChanged = given(patch.cron) || given(patch.every) || (given(patch.timezone) && patch.timezone !== current.timezone);
    const cronOrEvery = given(patch.cron) || given(patch.every) ? { cron: patch.cron ?? null, every: patch.every ?? null } : { cron: current.cron, every: current.every };
    const merged = this.validate(
      {
        name: patch.name ?? current.name,
        jobType: patch.jobType ?? current.jobType,
        input: patch.input !== undefined && patch.input !== null ? patch.input : current.input,
        ...cronOrEvery,
        timezone: patch.timezone ?? current.timezone,
        overlap: patch.overlap ?? current.overlap,
        catchUp: patch.catchUp ?? current.catchUp,
        enabled: patch.enabled ?? current.enabled,
        owner: null,
        allowInternal: false,
      },
      recurrenceChanged ? now : current.anchorAt,
    );
    if (!recurrenceChanged && merged.enabled === current.enabled) {
      merged.nextRunAt = current.nextRunAt;
    }
    const updated = await this.options.store.update(scopeOf(caller), id, { ...merged, updatedAt: now });
    if (updated === null) throw new ScheduleNotFoundError(`schedule ${id} not found`);
    return toView(updated);
  }

  /** Stops a schedule creating jobs (owned ones too); its next occurrence is computed again on resume. */
  async pause(caller: Caller, id: string): Promise<ScheduleView> {
    await this.requireDoc(caller, id);
    const updated = await this.options.store.update(scopeOf(caller), id, { enabled: false, updatedAt: this.now() });
    if (updated === null) throw new ScheduleNotFoundError(`schedule ${id} not found`);
    return toView(updated);
  }

  /** Lets a paused schedule create jobs again, from its next occurrence after now (what fell in the pause is not run). */
  async resume(caller: Caller, id: string): Promise<ScheduleView> {
    const current = await this.requireDoc(caller, id);
    if (current.enabled) return toView(current);
    const now = this.now();
    const updated = await this.options.store.update(scopeOf(caller), id, { enabled: true, nextRunAt: nextOccurrence(recurrenceOf(current), now), updatedAt: now });
    if (updated === null) throw new ScheduleNotFoundError(`schedule ${id} not found`);
    return toView(updated);
  }

  /** Deletes a schedule (its jobs stay); an owned one is refused with {@link OwnedScheduleError}. */
  async delete(caller: Caller, id: string): Promise<ScheduleView> {
    const current = await this.requireDoc(caller, id);
    if (current.owner !== null) throw new OwnedScheduleError(`schedule ${id} is kept by ${current.owner}: remove it there (it can only be paused or resumed here)`, current.owner);
    if (!(await this.options.store.delete(scopeOf(caller), id))) throw new ScheduleNotFoundError(`schedule ${id} not found`);
    await this.options.runs.deleteFor(id);
    return toView(current);
  }

  /** The caller's schedule (any tenant's for an operator), or `null`. */
  async get(caller: Caller, id: string): Promise<ScheduleView | null> {
    const doc = await this.options.store.get(scopeOf(caller), id);
    return doc === null ? null : toView(doc);
  }

  /** A page of the caller's schedules (every tenant's for an operator), newest first. */
  async list(caller: Caller, filter: ScheduleListFilter, first: number, after?: string | null): Promise<SchedulePage> {
    const { docs, hasNextPage } = await this.options.store.list(scopeOf(caller), filter, first, decodeCursor(after));
    const edges = docs.map((doc) => ({ cursor: encodeCursor(doc.createdAt.getTime(), doc._id), node: toView(doc) }));
    return { edges, hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  }

  /** The next `count` occurrences of an enabled schedule from now (none for a paused one). */
  nextRuns(schedule: ScheduleView, count: number): Date[] {
    if (!schedule.enabled) return [];
    const from = schedule.nextRunAt ?? this.now();
    const first = schedule.nextRunAt === null ? [] : [schedule.nextRunAt];
    return [...first, ...nextOccurrences(schedule.recurrence, from, count - first.length)].slice(0, count);
  }

  /** The jobs a schedule (already read for `caller`) created, latest occurrence first, read in one round trip. */
  async runs(caller: Caller, schedule: ScheduleView, first: number, after?: string | null): Promise<ScheduleRunPage> {
    const before = decodeCursor(after);
    const { docs, hasNextPage } = await this.options.runs.list(schedule.id, first, before === null ? null : before.createdAt);
    const jobs = await this.options.jobs.getMany(caller, docs.map((run) => run.jobId));
    const edges = docs.map((run) => ({ cursor: encodeCursor(run.occurrenceAt.getTime(), schedule.id), node: { occurrenceAt: run.occurrenceAt, jobId: run.jobId, job: jobs.get(run.jobId) ?? null } }));
    return { edges, hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  }

  /**
   * Creates or replaces the schedule `owner` keeps in `tenantId` (one per owner and tenant), for any job type,
   * internal ones included. Throws {@link InvalidScheduleError} for a bad spec, writing nothing.
   */
  async upsertOwned(owner: string, tenantId: string, spec: OwnedScheduleSpec): Promise<ScheduleView> {
    const now = this.now();
    const id = ownedScheduleId(tenantId, owner);
    const current = await this.options.store.get(tenantId, id);
    const sameRecurrence = current !== null && current.cron === (spec.cron ?? null) && current.every === (spec.every ?? null) && current.timezone === (spec.timezone ?? 'UTC');
    const doc = this.validate({ ...spec, owner, allowInternal: true }, sameRecurrence ? current.anchorAt : now);
    if (sameRecurrence && current.enabled === doc.enabled) doc.nextRunAt = current.nextRunAt;
    const stored = await this.options.store.upsertOwned({ _id: id, tenantId, ...doc, pending: {}, pendingSince: null, lastRun: null, createdAt: now, updatedAt: now });
    return toView(stored);
  }

  /** Deletes the schedule `owner` keeps in `tenantId`, if any (its jobs stay). */
  async removeOwned(owner: string, tenantId: string): Promise<void> {
    const id = ownedScheduleId(tenantId, owner);
    if (await this.options.store.delete(tenantId, id)) await this.options.runs.deleteFor(id);
  }

  /**
   * One round of a ticker: claims the occurrences of every due schedule (following `catchUp` and `overlap`), creates
   * their jobs and takes over stale claims. Safe to run in any number of processes at once. Returns the occurrences given a job.
   */
  async tick(): Promise<number> {
    const now = this.now();
    const due = await this.options.store.due(now, new Date(now.getTime() - recoverAfterMs(this.config.tickMs)), TICK_BATCH);
    let created = 0;
    for (const doc of due) {
      try {
        created += await this.fire(doc, now);
      } catch (error) {
        this.options.logger?.warn({ err: error, scheduleId: doc._id }, 'schedule tick failed; retried at the next tick');
      }
    }
    return created;
  }

  private async fire(doc: ScheduleDocument, now: Date): Promise<number> {
    let created = 0;
    const staleBefore = now.getTime() - recoverAfterMs(this.config.tickMs);
    if (doc.pendingSince !== null && doc.pendingSince.getTime() <= staleBefore) {
      // A ticker claimed these and went away before their jobs were confirmed (every entry is as old as the claim or older).
      for (const ms of Object.keys(doc.pending)) created += await this.createRun(doc, new Date(Number(ms)));
      await this.options.store.settle(doc._id, doc.pendingSince);
    }
    if (!doc.enabled || doc.nextRunAt === null || doc.nextRunAt.getTime() > now.getTime()) return created;
    const recurrence = recurrenceOf(doc);
    const { due, next } = occurrencesThrough(recurrence, doc.nextRunAt, now, this.config.catchUpMax);
    const latest = due.at(-1);
    let chosen: Date[] = [];
    if (latest !== undefined) {
      // On time: the only occurrence due, noticed within the grace. Several due at once means no ticker ran between them.
      const onTime = latest.getTime() === doc.nextRunAt.getTime() && now.getTime() - latest.getTime() <= this.config.misfireGraceMs;
      switch (doc.catchUp) {
        case 'LATEST':
          chosen = [latest];
          break;
        case 'NONE':
          chosen = onTime ? [latest] : [];
          break;
        case 'ALL':
          chosen = due;
          break;
        default: {
          const unknown: never = doc.catchUp;
          throw new Error(`unknown catchUp ${String(unknown)}`);
        }
      }
    }
    if (chosen.length > 0 && doc.overlap === 'SKIP' && (await this.previousRunning(doc)) !== null) chosen = [];
    if (!(await this.options.store.claim(doc._id, doc.nextRunAt, next, chosen, now))) return created;
    if (chosen.length > 0 && doc.overlap === 'CANCEL_RUNNING') {
      const running = await this.previousRunning(doc);
      if (running !== null) await this.options.jobs.cancel(ownerCaller(doc), running.id).catch(() => undefined);
    }
    for (const at of chosen) created += await this.createRun(doc, at);
    if (chosen.length > 0) await this.options.store.settle(doc._id, now);
    return created;
  }

  /** The schedule's last job when it has not ended, else `null`. */
  private async previousRunning(doc: ScheduleDocument): Promise<JobView | null> {
    if (doc.lastRun === null) return null;
    const job = await this.options.jobs.get(ownerCaller(doc), doc.lastRun.jobId);
    return job !== null && !isTerminal(job.state) ? job : null;
  }

  /** Creates (or finds) the job of the occurrence at `at` and confirms the claim; 1 when the occurrence has its job, 0 when it was refused. */
  private async createRun(doc: ScheduleDocument, at: Date): Promise<number> {
    const caller = ownerCaller(doc);
    // Already created (a claim taken over from a slow process): confirm it without asking the quota again.
    const recorded = await this.options.runs.get(doc._id, at);
    if (recorded !== null) {
      await this.options.store.confirm(doc._id, at, recorded.jobId);
      return 1;
    }
    const request = { type: doc.jobType, input: doc.input, idempotencyKey: `schedule:${doc._id}:${at.getTime()}` };
    let job: JobView;
    try {
      job = this.options.jobs.registry.get(doc.jobType).visibility === 'internal' ? await this.options.jobs.createInternal(caller, request) : await this.options.jobs.create(caller, request);
    } catch (error) {
      // A refusal (quota, rate, a type or schema that changed) drops this occurrence; anything else retries it.
      if (!(error instanceof EngineError)) throw error;
      this.options.logger?.warn({ err: error, scheduleId: doc._id, occurrenceAt: at }, 'scheduled job refused; occurrence dropped');
      await this.options.store.confirm(doc._id, at, null);
      return 0;
    }
    await this.options.runs.record({ scheduleId: doc._id, tenantId: doc.tenantId, occurrenceAt: at, jobId: job.id }, this.now());
    await this.options.store.confirm(doc._id, at, job.id);
    return 1;
  }

  private async requireDoc(caller: Caller, id: string): Promise<ScheduleDocument> {
    const doc = await this.options.store.get(scopeOf(caller), id);
    if (doc === null) throw new ScheduleNotFoundError(`schedule ${id} not found`);
    return doc;
  }

  /** Checks a whole spec and returns the stored fields (next occurrence from `anchor`); throws {@link InvalidScheduleError}. */
  private validate(
    spec: ScheduleSpec & { owner: string | null; allowInternal: boolean },
    anchor: Date,
  ): Omit<ScheduleDocument, '_id' | 'tenantId' | 'pending' | 'pendingSince' | 'lastRun' | 'createdAt' | 'updatedAt'> {
    const problems: { path: string; message: string }[] = [];
    const name = spec.name.trim();
    if (name.length < 1 || name.length > 200) problems.push({ path: 'name', message: 'must be 1 to 200 characters' });
    let input: unknown = null;
    try {
      const type = this.options.jobs.registry.get(spec.jobType);
      if (type.visibility !== 'public' && !spec.allowInternal) {
        problems.push({ path: 'jobType', message: `job type "${type.name}" is internal and cannot be scheduled through the API (its domain service schedules it)` });
      } else {
        input = this.options.jobs.registry.parseInput(spec.jobType, spec.input);
      }
    } catch (error) {
      if (error instanceof UnknownJobTypeError) problems.push({ path: 'jobType', message: `unknown job type "${spec.jobType.slice(0, 100)}"` });
      else if (error instanceof InvalidJobInputError) problems.push(...error.issues.map((i) => ({ path: `input.${i.path}`, message: i.message })));
      else throw error;
    }
    const timezone = spec.timezone ?? 'UTC';
    const parsed = parseRecurrence({ cron: spec.cron, every: spec.every, timezone }, anchor);
    if ('problems' in parsed) problems.push(...parsed.problems);
    if (problems.length > 0 || !('recurrence' in parsed)) {
      throw new InvalidScheduleError(`invalid schedule: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    }
    const recurrence = parsed.recurrence;
    const enabled = spec.enabled ?? true;
    // A new or changed recurrence starts with its first occurrence after now (an `every` one period from its anchor).
    const nextRunAt = nextOccurrence(recurrence, this.now());
    return {
      owner: spec.owner,
      name,
      jobType: spec.jobType,
      input,
      cron: recurrence.kind === 'cron' ? recurrence.cron : null,
      every: recurrence.kind === 'every' ? spec.every!.trim().toUpperCase() : null,
      everyMs: recurrence.kind === 'every' ? recurrence.everyMs : null,
      timezone,
      overlap: spec.overlap ?? 'SKIP',
      catchUp: spec.catchUp ?? 'LATEST',
      enabled,
      anchorAt: anchor,
      nextRunAt,
    };
  }
}

/** The `_id` of the schedule `owner` keeps in `tenantId`: derived, so two upserts at once make one schedule. */
export function ownedScheduleId(tenantId: string, owner: string): string {
  return createHash('sha256').update(`${tenantId}\n${owner}`).digest('base64url').slice(0, 22);
}

function scopeOf(caller: Caller): TenantScope {
  return caller.operator ? ANY_TENANT : caller.tenantId;
}

/** The schedule's tenant, acting for its jobs. */
function ownerCaller(doc: ScheduleDocument): Caller {
  return { tenantId: doc.tenantId, operator: false };
}

function recurrenceOf(doc: Pick<ScheduleDocument, 'cron' | 'everyMs' | 'timezone' | 'anchorAt'>): RecurrenceSpec {
  return doc.cron !== null ? { kind: 'cron', cron: doc.cron, timezone: doc.timezone } : { kind: 'every', everyMs: doc.everyMs!, anchor: doc.anchorAt };
}

function toView(doc: ScheduleDocument): ScheduleView {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    owner: doc.owner,
    name: doc.name,
    jobType: doc.jobType,
    input: doc.input,
    cron: doc.cron,
    every: doc.every,
    timezone: doc.timezone,
    overlap: doc.overlap,
    catchUp: doc.catchUp,
    enabled: doc.enabled,
    nextRunAt: doc.nextRunAt,
    lastRun: doc.lastRun,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    recurrence: recurrenceOf(doc),
  };
}

function encodeCursor(ms: number, id: string): string {
  return Buffer.from(`${ms}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): { createdAt: Date; id: string } | null {
  if (cursor === undefined || cursor === null) return null;
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{22})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new InvalidCursorError(`"${cursor.slice(0, 40)}" is not a cursor of this list`);
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
