import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineJobType, type JobType } from '../../engine/jobType.ts';
import type { JobContext } from '../../engine/jobContext.ts';
import {
  SalesforceRequestRejectedError,
  SalesforceUnavailableError,
  type OrgService,
  type QueryPage,
  type SalesforceClient,
} from '../../salesforce/index.ts';
import { BackupObjectStatus, BackupStatus, type BackupFileStore, type BackupObjectEntry, type BackupStore } from '../../storage/index.ts';

/** Name of the backup job type. */
export const BACKUP_JOB_TYPE = 'salesforce.backup';

const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Input of `salesforce.backup`, written by `startBackup`. */
export const BackupJobInput = z
  .object({
    backupId: z.string().regex(/^[0-9a-f]{24}$/),
    orgId: z.string().regex(/^[0-9a-f]{24}$/),
    mode: z.literal('FULL', { message: 'only FULL backups are supported so far' }).default('FULL'),
    objects: z.array(z.string().regex(OBJECT_NAME, 'not an sObject name')).min(1).max(2000).optional(),
  })
  .strict();
export type BackupJobInput = z.output<typeof BackupJobInput>;

/** Where a backup is: the object being read and how far, saved after every page. */
export interface BackupCheckpoint {
  /** Index of the current object in the backup's object list. */
  index: number;
  /** Parts of the current object stored so far. */
  part: number;
  /** Records of the current object stored so far. */
  records: number;
  /** Compressed bytes of the current object stored so far. */
  bytes: number;
  /** Locator of the current object's next page; `null` before its first page. */
  nextRecordsUrl: string | null;
  /** Id of the last stored record: a locator that expired is replaced by `WHERE Id > lastId`. */
  lastId: string | null;
  /** Records stored, all objects. */
  done: number;
}

/** Result of a backup job. */
export interface BackupJobResult {
  backupId: string;
  status: BackupStatus;
  records: number;
  objects: number;
  failedObjects: string[];
}

/** What the backup job needs. */
export interface BackupJobDependencies {
  orgs: Pick<OrgService, 'openClient' | 'recordBudget'>;
  backups: BackupStore;
  files: BackupFileStore;
  /** Tries of one Salesforce call failing with a retryable error before the attempt fails; default 4. */
  callTries?: number;
  /** First delay between those tries; default 500 ms, doubling. */
  callBackoffMs?: number;
}

/** Field types a query cannot (Bulk) or should not (blobs) select; their components are separate fields. */
const SKIPPED_FIELD_TYPES = new Set(['address', 'location', 'base64']);

/**
 * `salesforce.backup`: reads every record of the chosen objects through REST query paging (Id
 * order) and stores each page as a gzip NDJSON part in GridFS, with the object's describe, counts and
 * sha256. Checkpoints after every page; a resumed attempt continues at the next page. An object
 * Salesforce rejects for good (`INVALID_FIELD`, ...) fails alone; the backup then ends `PARTIAL`.
 */
export function createBackupJobType(deps: BackupJobDependencies): JobType<BackupJobInput, BackupCheckpoint, BackupJobResult> {
  return defineJobType<BackupJobInput, BackupCheckpoint, BackupJobResult>({
    name: BACKUP_JOB_TYPE,
    description: 'Backs up a Salesforce org (created by startBackup). Result: { backupId, status, records, objects, failedObjects }.',
    input: BackupJobInput as unknown as z.ZodType<BackupJobInput>,
    defaults: { concurrency: 4, maxAttempts: 10, backoff: { delayMs: 2000, maxDelayMs: 120_000 } },
    run: (ctx) => new BackupRun(ctx, deps).run(),
  });
}

class BackupRun {
  private readonly tries: number;
  private readonly backoffMs: number;

  constructor(
    private readonly ctx: JobContext<BackupJobInput, BackupCheckpoint>,
    private readonly deps: BackupJobDependencies,
  ) {
    this.tries = deps.callTries ?? 4;
    this.backoffMs = deps.callBackoffMs ?? 500;
  }

  async run(): Promise<BackupJobResult> {
    const { ctx, deps } = this;
    const { backupId, orgId } = ctx.input;
    const backup = await deps.backups.getForWorker(backupId);
    if (backup === null || backup.orgId !== orgId) throw new Error(`backup ${backupId} of org ${orgId} not found`);
    const client = await this.call('open session', () => deps.orgs.openClient(orgId));
    await this.readBudget(client);

    let objects = backup.objects;
    if (objects.length === 0) {
      objects = await this.plan(client);
      await deps.backups.update(backupId, { status: BackupStatus.Running, objects, startedAt: new Date() });
    } else if (backup.status !== BackupStatus.Running) {
      await deps.backups.update(backupId, { status: BackupStatus.Running });
    }
    const total = objects.reduce((sum, o) => sum + (o.estimatedRecords ?? 0), 0);
    let cp: BackupCheckpoint = ctx.checkpoint() ?? { index: 0, part: 0, records: 0, bytes: 0, nextRecordsUrl: null, lastId: null, done: 0 };
    if (cp.index > 0 || cp.part > 0) ctx.logger.info(`resuming at object ${cp.index + 1}/${objects.length}, part ${cp.part}`);

    while (cp.index < objects.length) {
      this.throwIfAborted();
      const entry = objects[cp.index]!;
      const label = `${entry.name} (${cp.index + 1}/${objects.length})`;
      ctx.progress({ processed: cp.done, total, message: `${label}: ${cp.records} records` });
      try {
        cp = await this.backupObject(client, objects, cp, total, label);
      } catch (error) {
        if (!(error instanceof SalesforceRequestRejectedError)) throw error;
        ctx.logger.warn(`${entry.name} failed: ${error.sfErrorCode}`, { object: entry.name, code: error.sfErrorCode });
        objects[cp.index] = { ...entry, status: BackupObjectStatus.Failed, error: { code: error.sfErrorCode, message: error.message }, finishedAt: new Date() };
        cp = { index: cp.index + 1, part: 0, records: 0, bytes: 0, nextRecordsUrl: null, lastId: null, done: cp.done };
        await deps.backups.update(backupId, { objects });
        await ctx.saveCheckpoint(cp);
      }
    }

    const failed = objects.filter((o) => o.status === BackupObjectStatus.Failed).map((o) => o.name);
    const status = failed.length === 0 ? BackupStatus.Succeeded : failed.length === objects.length ? BackupStatus.Failed : BackupStatus.Partial;
    await deps.backups.update(backupId, { status, objects, finishedAt: new Date() });
    await this.readBudget(client);
    ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `done: ${cp.done} records, ${objects.length - failed.length}/${objects.length} objects` });
    return { backupId, status, records: cp.done, objects: objects.length, failedObjects: failed };
  }

  /** The objects to back up, each with its estimated count. */
  private async plan(client: SalesforceClient): Promise<BackupObjectEntry[]> {
    let names = this.ctx.input.objects;
    if (names === undefined) {
      const global = await this.call('describeGlobal', () => client.describeGlobal());
      names = global.filter((o) => o.queryable && o.replicateable).map((o) => o.name);
    }
    const entries: BackupObjectEntry[] = [];
    for (const name of [...new Set(names)]) {
      let estimated: number | null = null;
      let error: BackupObjectEntry['error'] = null;
      try {
        estimated = await this.call(`count ${name}`, () => client.count(name));
      } catch (e) {
        if (!(e instanceof SalesforceRequestRejectedError)) throw e;
        error = { code: e.sfErrorCode, message: e.message };
      }
      entries.push({
        name,
        status: error === null ? BackupObjectStatus.Pending : BackupObjectStatus.Failed,
        estimatedRecords: estimated,
        records: 0,
        bytes: 0,
        parts: 0,
        sha256: null,
        error,
        startedAt: null,
        finishedAt: error === null ? null : new Date(),
      });
    }
    return entries;
  }

  /** Stores the rest of the current object page by page; returns the checkpoint of the next object. */
  private async backupObject(client: SalesforceClient, objects: BackupObjectEntry[], start: BackupCheckpoint, total: number, label: string): Promise<BackupCheckpoint> {
    const { ctx, deps } = this;
    const { backupId } = ctx.input;
    const entry = objects[start.index]!;
    const next = (c: BackupCheckpoint): BackupCheckpoint => ({ index: c.index + 1, part: 0, records: 0, bytes: 0, nextRecordsUrl: null, lastId: null, done: c.done });
    if (entry.status === BackupObjectStatus.Failed || entry.status === BackupObjectStatus.Succeeded) return next(start);

    const describe = await this.call(`describe ${entry.name}`, () => client.describe(entry.name));
    const fields = describe.fields.filter((f) => !SKIPPED_FIELD_TYPES.has(f.type)).map((f) => f.name);
    if (start.part === 0) await deps.files.writeSchema(backupId, entry.name, describe.raw);
    // A run that died after storing a part but before its checkpoint left that part behind: it is rewritten.
    await deps.files.removePartsFrom(backupId, entry.name, start.part);
    objects[start.index] = { ...entry, status: BackupObjectStatus.Running, startedAt: entry.startedAt ?? new Date() };

    const firstQuery = (afterId: string | null) =>
      `SELECT ${fields.join(', ')} FROM ${entry.name}${afterId === null ? '' : ` WHERE Id > '${afterId}'`} ORDER BY Id`;
    let cp = start;
    let page: QueryPage;
    if (cp.nextRecordsUrl !== null) {
      const locator = cp.nextRecordsUrl;
      page = await this.call(`queryMore ${entry.name}`, () => client.queryMore(locator)).catch((error: unknown) => {
        // Locators expire (15 minutes idle on Salesforce): continue after the last stored Id instead.
        if (error instanceof SalesforceRequestRejectedError && error.sfErrorCode === 'INVALID_QUERY_LOCATOR') {
          ctx.logger.info(`${entry.name}: query locator expired; continuing after ${cp.lastId}`);
          return this.call(`query ${entry.name}`, () => client.query(firstQuery(cp.lastId)));
        }
        throw error;
      });
    } else if (cp.part > 0 && cp.lastId !== null) {
      page = await this.call(`query ${entry.name}`, () => client.query(firstQuery(cp.lastId)));
    } else {
      page = await this.call(`query ${entry.name}`, () => client.query(firstQuery(null)));
    }

    for (;;) {
      const records = page.records.map(withoutAttributes);
      if (records.length > 0) {
        const stored = await deps.files.writePart(backupId, entry.name, cp.part, records);
        cp = {
          ...cp,
          part: cp.part + 1,
          records: cp.records + stored.records,
          bytes: cp.bytes + stored.bytes,
          lastId: String(records.at(-1)!.Id),
          done: cp.done + stored.records,
        };
      }
      cp = { ...cp, nextRecordsUrl: page.done ? null : page.nextRecordsUrl };
      objects[cp.index] = { ...objects[cp.index]!, records: cp.records, bytes: cp.bytes, parts: cp.part };
      await deps.backups.update(backupId, { objects });
      await ctx.saveCheckpoint(cp);
      ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `${label}: ${cp.records} records` });
      if (cp.nextRecordsUrl === null) break;
      this.throwIfAborted();
      const locator = cp.nextRecordsUrl;
      page = await this.call(`queryMore ${entry.name}`, () => client.queryMore(locator));
    }

    // Parts a fenced older run may have added past the end do not belong to the object.
    await deps.files.removePartsFrom(backupId, entry.name, cp.part);
    const sha256 = await deps.files.objectSha256(backupId, entry.name, cp.part);
    objects[cp.index] = { ...objects[cp.index]!, status: BackupObjectStatus.Succeeded, sha256, finishedAt: new Date() };
    const after = next(cp);
    await deps.backups.update(backupId, { objects });
    await ctx.saveCheckpoint(after);
    ctx.logger.info(`${entry.name}: ${cp.records} records in ${cp.part} parts`, { object: entry.name, records: cp.records });
    return after;
  }

  /** Runs a Salesforce call, retrying retryable failures with exponential backoff (the signal ends the wait). */
  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof SalesforceUnavailableError) || attempt >= this.tries) throw error;
        const delay = this.backoffMs * 2 ** (attempt - 1);
        this.ctx.logger.warn(`${what}: ${error.sfErrorCode}; try ${attempt + 1}/${this.tries} in ${delay} ms`, { code: error.sfErrorCode });
        await sleep(delay, undefined, { signal: this.ctx.signal }).catch(() => undefined);
        this.throwIfAborted();
      }
    }
  }

  private async readBudget(client: SalesforceClient): Promise<void> {
    try {
      await this.deps.orgs.recordBudget(this.ctx.input.orgId, await client.limits());
    } catch (error) {
      this.ctx.logger.warn(`could not read the org's API budget: ${(error as Error).name}`);
    }
  }

  private throwIfAborted(): void {
    if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
  }
}

function withoutAttributes(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}
