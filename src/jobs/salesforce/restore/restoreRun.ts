import type { JobContext } from '../../../engine/jobContext.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import { openTenantClient, requireJobRecord } from '../jobRecords.ts';
import { RecoveryFailedError, RecoveryFailureCode } from '../errors/index.ts';
import { RetryingCaller, SalesforceRequestRejectedError, type OrgService, type SalesforceClient } from '../../../salesforce/index.ts';
import {
  BackupObjectStatus,
  readBackupSnapshot,
  RestoreOutcome,
  RestoreStatus,
  snapshotChain,
  WriteMethod,
  type BackupFileStore,
  type BackupStore,
  type InFlightBatch,
  type RestoreCounts,
  type RestoreIdMap,
  type RestoreInFlightStore,
  type RestorePlan,
  type RestorePlanObject,
  type RestoreResult,
  type RestoreResultStore,
  type RestoreStore,
} from '../../../storage/index.ts';
import { CreateReconciler, type SentRecord } from './createReconciler.ts';
import { dependencyOrder } from './dependencyOrder.ts';
import { readBackedUpDescribe } from '../backedUpDescribe.ts';
import { describedObject, type DescribedObject } from '../describedObject.ts';
import { mapReferences } from './mappedReferences.ts';
import { RecordBatchWriter, COLLECTION_SIZE, type WriteOutcome } from './recordBatchWriter.ts';
import { buildPayload } from './recordPayloadBuilder.ts';
import { ReferenceResolver, type ReferenceContext } from './referenceResolver.ts';
import type { RestoreJobInput } from './restoreJobInput.ts';
import { lookupEdges, planObjectFields, writeMethodFor } from './restorePlanner.ts';

/** What the restore job needs. */
export interface RestoreJobDependencies {
  /** The domain service of restores: a restore follows its job there (`RestoreService.followJob`). */
  service: { followJob(transition: JobTransition): Promise<void> };
  orgs: Pick<OrgService, 'openClient'>;
  backups: BackupStore;
  files: BackupFileStore;
  restores: RestoreStore;
  results: RestoreResultStore;
  idMap: RestoreIdMap;
  inFlight: RestoreInFlightStore;
  /** Objects with more records than this are written through Bulk API 2.0 ingest; default 2,000. */
  bulkThreshold?: number;
  /** Records of one Bulk ingest job (one batch, one checkpoint); default 10,000. */
  bulkBatchSize?: number;
  /** Polling interval of Bulk ingest jobs; default 1000 ms. */
  bulkPollMs?: number;
  /** Tries of a Salesforce call failing with a retryable error; default 6 (`RETRYING_CALLER_DEFAULTS`). */
  callTries?: number;
  /** First delay between those tries, doubling up to 30 s; default 500 ms (`RETRYING_CALLER_DEFAULTS`). */
  callBackoffMs?: number;
}

/** Where a restore is, saved after every batch. */
export interface RestoreCheckpoint {
  /** 1: records; 2: deferred lookups. */
  pass: 1 | 2;
  /** Index of the current object in the plan's order. */
  index: number;
  /** Records of the current object's backup stream consumed. */
  offset: number;
  /** Records handled, all objects and passes (progress). */
  done: number;
  counts: Record<string, RestoreCounts>;
  /** What the walk found per object (the plan's counts). */
  planned: Record<string, { records: number; toCreate: number; toUpdate: number; toSkip: number; unmapped: Record<string, number> }>;
}

/** Result of a restore job. */
export interface RestoreJobResult extends RestoreCounts {
  restoreId: string;
  dryRun: boolean;
  status: RestoreStatus;
  order: string[];
}

/** An object the restore writes, with everything its batches need. */
interface ObjectWork {
  plan: RestorePlanObject;
  source: DescribedObject;
  resolver: ReferenceResolver;
  deferred: Set<string>;
  referenceFields: string[];
  batchSize: number;
}

const emptyCounts = (): RestoreCounts => ({ created: 0, updated: 0, failed: 0, skipped: 0 });

/** One attempt of a `salesforce.restore` job (see `createRestoreJobType`). */
export class RestoreRun {
  private readonly caller: RetryingCaller;
  private readonly input: RestoreJobInput;
  /** The job's tenant: every record is read and written in it. */
  private readonly tenantId: string;
  private client!: SalesforceClient;
  private writer!: RecordBatchWriter;
  private reconciler!: CreateReconciler;
  private sameOrg = false;
  private refs!: Omit<ReferenceContext, 'restored'>;
  /** Source names of the owners and record types a cross-org restore maps, for messages. */
  private sourceNames = new Map<string, string>();
  /** The create batch a dead attempt left in flight, until it is reconciled. */
  private pending: InFlightBatch | null = null;

  constructor(
    private readonly ctx: JobContext<RestoreJobInput, RestoreCheckpoint>,
    private readonly deps: RestoreJobDependencies,
  ) {
    this.caller = new RetryingCaller({ signal: ctx.signal, logger: ctx.logger, tries: deps.callTries, backoffMs: deps.callBackoffMs });
    this.input = ctx.input;
    this.tenantId = ctx.tenantId;
  }

  async run(): Promise<RestoreJobResult> {
    const { deps, input } = this;
    const { tenantId } = this;
    const { restoreId, backupId, targetOrgId } = input;
    // The restore, the backup and the target org must be the job tenant's, checked before anything is written or called.
    requireJobRecord(await deps.restores.get(tenantId, restoreId), 'restore', restoreId, (r) => r.backupId === backupId && r.targetOrgId === targetOrgId);
    const backup = requireJobRecord(await deps.backups.get(tenantId, backupId), 'backup', backupId);
    this.sameOrg = backup.orgId === targetOrgId;
    this.client = await this.caller.call('open session', () => openTenantClient(deps.orgs, tenantId, targetOrgId));
    this.reconciler = new CreateReconciler(this.client, deps.idMap, this.caller, tenantId);
    this.writer = new RecordBatchWriter(this.client, this.caller, this.reconciler, deps.inFlight, tenantId, restoreId, deps.bulkPollMs ?? 1000);
    await deps.restores.markRunning(tenantId, restoreId, { startedAt: new Date() });

    const backedUp = backup.objects.filter((o) => o.status === BackupObjectStatus.Succeeded).map((o) => o.name);
    const names = input.objects ?? backedUp;
    const missing = names.filter((n) => !backedUp.includes(n));
    if (missing.length > 0) return this.fail(RecoveryFailureCode.ObjectNotInBackup, `the backup holds no complete copy of: ${missing.join(', ')}`);

    const { work, plan } = await this.plan(names, new Set(backedUp));
    if (!input.dryRun && (plan.unmappedOwners.length > 0 || plan.unmappedRecordTypes.length > 0)) {
      await deps.restores.update(tenantId, restoreId, { plan });
      const parts = [];
      const named = (id: string) => (this.sourceNames.has(id) ? `${id} (${this.sourceNames.get(id)!})` : id);
      if (plan.unmappedOwners.length > 0) parts.push(`owners ${plan.unmappedOwners.map(named).join(', ')}`);
      if (plan.unmappedRecordTypes.length > 0) parts.push(`record types ${plan.unmappedRecordTypes.map(named).join(', ')}`);
      // Names come from the backup's User and RecordType copies: without them nothing can be matched by name.
      const unnamed = [plan.unmappedOwners.length > 0 && !backedUp.includes('User') ? 'User' : null, plan.unmappedRecordTypes.length > 0 && !backedUp.includes('RecordType') ? 'RecordType' : null].filter((o) => o !== null);
      const hint = unnamed.length > 0 ? `; the backup holds no ${unnamed.join(' or ')} to match names with: back those objects up too, or pass the mappings` : '';
      return this.fail(RecoveryFailureCode.UnmappedReferences, `no target for ${parts.join('; ')}: pass ownerMappings / recordTypeMappings (or give them the same name in the target)${hint}`);
    }

    let cp: RestoreCheckpoint = this.ctx.checkpoint() ?? { pass: 1, index: 0, offset: 0, done: 0, counts: {}, planned: {} };
    if (cp.done > 0) this.ctx.logger.info(`resuming at pass ${cp.pass}, object ${cp.index + 1}/${work.length}, record ${cp.offset}`);
    this.pending = input.dryRun ? null : await deps.inFlight.get(tenantId, restoreId);
    const total = work.reduce((sum, w) => sum + w.plan.records, 0);

    while (cp.pass === 1 && cp.index < work.length) {
      cp = await this.restoreObject(work[cp.index]!, cp, total);
      cp = { ...cp, index: cp.index + 1, offset: 0 };
      await this.ctx.saveCheckpoint(cp);
    }
    if (cp.pass === 1) cp = { ...cp, pass: 2, index: 0, offset: 0 };
    while (cp.index < work.length) {
      if (work[cp.index]!.deferred.size > 0) cp = await this.fillDeferred(work[cp.index]!, cp, total);
      cp = { ...cp, index: cp.index + 1, offset: 0 };
      await this.ctx.saveCheckpoint(cp);
    }
    return this.finish(plan, work, cp);
  }

  /** Reads both describes of every object and builds the plan's static part. */
  private async plan(names: string[], backedUp: Set<string>): Promise<{ work: ObjectWork[]; plan: RestorePlan }> {
    const { deps, input } = this;
    const sources = new Map<string, DescribedObject>();
    const targets = new Map<string, DescribedObject>();
    const estimates = new Map<string, number>();
    for (const name of names) {
      const chain = await snapshotChain(deps, this.tenantId, input.backupId, name);
      sources.set(name, await readBackedUpDescribe(deps.files, this.tenantId, input.backupId, chain, name));
      estimates.set(name, chain.reduce((sum, link) => sum + link.entry.records, 0));
      try {
        const target = describedObject((await this.caller.call(`describe ${name}`, () => this.client.describe(name))).raw);
        if (target.createable || target.updateable) targets.set(name, target);
      } catch (error) {
        if (!(error instanceof SalesforceRequestRejectedError)) throw error;
        this.ctx.logger.warn(`${name} cannot be described in the target (${error.sfErrorCode}); not restored`);
      }
    }
    const restorable = names.filter((n) => targets.has(n));
    const edges = restorable.flatMap((n) => lookupEdges(sources.get(n)!, targets.get(n)!));
    const { order, deferred } = dependencyOrder(restorable, edges);
    let unmappedOwners: string[] = [];
    let unmappedRecordTypes: string[] = [];
    this.refs = { sameOrg: this.sameOrg, owners: new Map(), recordTypes: new Map() };
    if (!this.sameOrg) {
      const mapped = await mapReferences({
        client: this.client,
        caller: this.caller,
        sources: order.map((n) => sources.get(n)!),
        records: (object) => this.records(object),
        backedUp,
        ownerMappings: input.ownerMappings,
        recordTypeMappings: input.recordTypeMappings,
      });
      this.refs = { sameOrg: false, owners: mapped.owners, recordTypes: mapped.recordTypes };
      unmappedOwners = mapped.unmappedOwners;
      unmappedRecordTypes = mapped.unmappedRecordTypes;
      this.sourceNames = mapped.sourceNames;
    }
    const threshold = deps.bulkThreshold ?? 2000;
    const work = order.map((name, position): ObjectWork => {
      const source = sources.get(name)!;
      const deferredFields = new Set(deferred.filter((e) => e.object === name).map((e) => e.field));
      const fields = planObjectFields(source, targets.get(name)!, deferredFields);
      const method = writeMethodFor(estimates.get(name)!, threshold);
      return {
        plan: { name, order: position, records: estimates.get(name)!, toCreate: 0, toUpdate: 0, toSkip: 0, method, ...fields, unmappedReferences: [] },
        source,
        resolver: new ReferenceResolver(source),
        deferred: new Set(fields.deferredFields),
        referenceFields: [...source.fields.values()].filter((f) => f.type === 'reference').map((f) => f.name),
        batchSize: method === WriteMethod.Bulk ? (deps.bulkBatchSize ?? 10_000) : COLLECTION_SIZE,
      };
    });
    const plan: RestorePlan = {
      order,
      objects: work.map((w) => w.plan),
      deferredReferences: deferred.map((e) => `${e.object}.${e.field}`),
      unmappedOwners,
      unmappedRecordTypes,
    };
    await deps.restores.update(this.tenantId, input.restoreId, { plan });
    return { work, plan };
  }

  /** The backed-up records of an object as of the backup (its incremental chain merged), streamed. */
  private records(object: string): AsyncIterable<Record<string, unknown>> {
    return readBackupSnapshot(this.deps, this.tenantId, this.input.backupId, object);
  }

  /** Batches of an object's records from `offset` on (the `recordIds` filter applied), with the stream position after each. */
  private async *batches(object: string, offset: number, size: number): AsyncGenerator<{ records: Record<string, unknown>[]; offset: number }> {
    const wanted = this.input.recordIds === undefined ? null : new Set(this.input.recordIds.flatMap((id) => [id, id.slice(0, 15)]));
    let position = 0;
    let batch: Record<string, unknown>[] = [];
    for await (const record of this.records(object)) {
      position++;
      if (position <= offset) continue;
      if (wanted === null || wanted.has(String(record.Id)) || wanted.has(String(record.Id).slice(0, 15))) batch.push(record);
      if (batch.length >= size) {
        yield { records: batch, offset: position };
        batch = [];
      }
    }
    if (batch.length > 0 || position > offset) yield { records: batch, offset: position };
  }

  /** Pass 1 of one object, batch after batch from the checkpoint. */
  private async restoreObject(w: ObjectWork, start: RestoreCheckpoint, total: number): Promise<RestoreCheckpoint> {
    let cp = start;
    const name = w.plan.name;
    for await (const batch of this.batches(name, cp.offset, w.batchSize)) {
      this.throwIfAborted();
      cp = await this.restoreBatch(w, batch.records, cp, batch.offset);
      this.ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `${name}: ${cp.planned[name]?.records ?? 0} records` });
    }
    return cp;
  }

  private async restoreBatch(w: ObjectWork, records: Record<string, unknown>[], cp: RestoreCheckpoint, nextOffset: number): Promise<RestoreCheckpoint> {
    const { deps, input } = this;
    const name = w.plan.name;
    const sourceIds = records.map((r) => String(r.Id));
    const referenced = records.flatMap((r) => w.referenceFields.map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v !== ''));
    const restored = await deps.idMap.targetsOf(this.tenantId, input.restoreId, [...sourceIds, ...referenced]);
    const candidates = sourceIds.map((id) => {
      const mapped = restored.get(id);
      return typeof mapped === 'string' ? mapped : this.sameOrg ? id : null;
    });
    const existing = await this.existingIds(name, candidates.filter((c): c is string => c !== null));
    const refs: ReferenceContext = { ...this.refs, restored };
    const planned = { ...(cp.planned[name] ?? { records: 0, toCreate: 0, toUpdate: 0, toSkip: 0, unmapped: {} }) };
    planned.unmapped = { ...planned.unmapped };
    const creates: SentRecord[] = [];
    const updates: SentRecord[] = [];
    const skipped: RestoreResult[] = [];
    const now = new Date();
    records.forEach((record, i) => {
      const target = candidates[i]!;
      const sourceId = sourceIds[i]!;
      const exists = target !== null && existing.has(target);
      const allowed = exists ? input.mode !== 'INSERT_MISSING' : input.mode !== 'OVERWRITE';
      if (!allowed) {
        const code = exists ? 'EXISTS' : 'MISSING';
        skipped.push({ object: name, sourceId, targetId: exists ? target : null, outcome: RestoreOutcome.Skipped, pass: 1, errors: [{ code, message: exists ? `exists in the target; mode ${input.mode} does not overwrite` : `missing in the target; mode ${input.mode} does not create`, fields: [] }], at: now });
        return;
      }
      const payload = buildPayload(record, exists ? w.plan.updateFields : w.plan.createFields, w.deferred, exists ? 'update' : 'create', w.resolver, refs);
      for (const field of payload.unmapped) planned.unmapped[field] = (planned.unmapped[field] ?? 0) + 1;
      if (exists) updates.push({ sourceId, values: { Id: target, ...payload.values } });
      else creates.push({ sourceId, values: payload.values });
    });
    planned.records += records.length;
    planned.toCreate += creates.length;
    planned.toUpdate += updates.length;
    planned.toSkip += skipped.length;

    const counts = { ...(cp.counts[name] ?? emptyCounts()) };
    counts.skipped += skipped.length;
    if (input.dryRun) {
      await deps.idMap.put(this.tenantId, input.restoreId, name, creates.map((c) => ({ sourceId: c.sourceId, targetId: null })));
    } else {
      const createOutcomes = await this.create(w, creates, cp.offset);
      await deps.idMap.put(this.tenantId, input.restoreId, name, createOutcomes.filter((o) => o.success && o.targetId !== null).map((o) => ({ sourceId: o.sourceId, targetId: o.targetId! })));
      const updateOutcomes = await this.writer.update(name, w.plan.method, updates);
      const results = [...toResults(name, createOutcomes, RestoreOutcome.Created, 1), ...toResults(name, updateOutcomes, RestoreOutcome.Updated, 1), ...skipped];
      await deps.results.record(this.tenantId, input.restoreId, results);
      for (const o of createOutcomes) o.success ? counts.created++ : counts.failed++;
      for (const o of updateOutcomes) o.success ? counts.updated++ : counts.failed++;
    }
    const next: RestoreCheckpoint = {
      ...cp,
      offset: nextOffset,
      done: cp.done + records.length,
      counts: { ...cp.counts, [name]: counts },
      planned: { ...cp.planned, [name]: planned },
    };
    await this.ctx.saveCheckpoint(next);
    if (!input.dryRun) await deps.inFlight.end(this.tenantId, input.restoreId);
    await deps.restores.update(this.tenantId, input.restoreId, { counts: next.counts });
    return next;
  }

  /** Sends creates, first reconciling the batch a dead attempt left in flight. */
  private async create(w: ObjectWork, creates: SentRecord[], offset: number): Promise<WriteOutcome[]> {
    const { deps, input } = this;
    const name = w.plan.name;
    const outcomes: WriteOutcome[] = [];
    let toSend = creates;
    const pending = this.pending;
    if (pending !== null && pending.object === name && pending.offset === offset) {
      this.pending = null;
      if (pending.bulkJobId !== null) await this.caller.call('settle bulk job', () => this.client.settleBulkIngest(pending.bulkJobId!, { pollIntervalMs: deps.bulkPollMs }));
      const found = await this.reconciler.reconcile(input.restoreId, name, pending.sentAt, creates);
      for (const [sourceId, targetId] of found) outcomes.push({ sourceId, success: true, targetId, errors: [] });
      toSend = creates.filter((c) => !found.has(c.sourceId));
      this.ctx.logger.info(`${name}: reconciled the batch in flight at record ${offset}: ${found.size} of ${creates.length} records had been created`);
    }
    if (toSend.length === 0) return outcomes;
    const sentAt = new Date();
    await deps.inFlight.begin(this.tenantId, input.restoreId, { object: name, offset, sentAt, bulkJobId: null });
    outcomes.push(...(await this.writer.create(name, w.plan.method, toSend, sentAt)));
    return outcomes;
  }

  /** Pass 2 of one object: fills the lookups that closed a cycle, now that every parent exists. */
  private async fillDeferred(w: ObjectWork, start: RestoreCheckpoint, total: number): Promise<RestoreCheckpoint> {
    const { deps, input } = this;
    const name = w.plan.name;
    let cp = start;
    for await (const batch of this.batches(name, cp.offset, w.batchSize)) {
      this.throwIfAborted();
      const ids = batch.records.map((r) => String(r.Id));
      const referenced = batch.records.flatMap((r) => [...w.deferred].map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v !== ''));
      const restored = await deps.idMap.targetsOf(this.tenantId, input.restoreId, [...ids, ...referenced]);
      const refs: ReferenceContext = { ...this.refs, restored };
      const updates: SentRecord[] = [];
      batch.records.forEach((record, i) => {
        const mapped = restored.get(ids[i]!);
        const target = typeof mapped === 'string' ? mapped : this.sameOrg ? ids[i]! : null;
        if (target === null) return;
        const values: Record<string, unknown> = { Id: target };
        for (const field of w.deferred) {
          const value = record[field];
          if (typeof value !== 'string' || value === '') continue;
          const resolved = w.resolver.resolve(field, value, refs);
          if (resolved.kind === 'mapped' && resolved.value !== null) values[field] = resolved.value;
        }
        if (Object.keys(values).length > 1) updates.push({ sourceId: ids[i]!, values });
      });
      const counts = { ...(cp.counts[name] ?? emptyCounts()) };
      if (!input.dryRun) {
        const outcomes = await this.writer.update(name, w.plan.method, updates);
        await deps.results.record(this.tenantId, input.restoreId, toResults(name, outcomes, RestoreOutcome.Updated, 2));
        counts.failed += outcomes.filter((o) => !o.success).length;
      }
      cp = { ...cp, offset: batch.offset, done: cp.done + batch.records.length, counts: { ...cp.counts, [name]: counts } };
      await this.ctx.saveCheckpoint(cp);
      this.ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `${name}: deferred lookups` });
    }
    return cp;
  }

  /** Which of `ids` exist (not deleted) in the target. */
  private async existingIds(object: string, ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += COLLECTION_SIZE) {
      const chunk = ids.slice(i, i + COLLECTION_SIZE);
      const soql = `SELECT Id FROM ${object} WHERE Id IN (${chunk.map((id) => `'${id}'`).join(', ')})`;
      let page = await this.caller.call(`check ${object}`, () => this.client.query(soql));
      for (;;) {
        for (const r of page.records) found.add(String(r.Id));
        if (page.done || page.nextRecordsUrl === null) break;
        const next = page.nextRecordsUrl;
        page = await this.caller.call(`check ${object}`, () => this.client.queryMore(next));
      }
    }
    // Ids are compared as sent: 18-character Ids from the backup, 18-character Ids from the query.
    return found;
  }

  private async finish(plan: RestorePlan, work: ObjectWork[], cp: RestoreCheckpoint): Promise<RestoreJobResult> {
    const { deps, input } = this;
    const finalPlan: RestorePlan = {
      ...plan,
      objects: work.map((w) => {
        const p = cp.planned[w.plan.name] ?? { records: 0, toCreate: 0, toUpdate: 0, toSkip: 0, unmapped: {} };
        return {
          ...w.plan,
          records: p.records,
          toCreate: p.toCreate,
          toUpdate: p.toUpdate,
          toSkip: p.toSkip,
          unmappedReferences: Object.entries(p.unmapped).map(([field, count]) => ({ field, count })),
        };
      }),
    };
    const totals = Object.values(cp.counts).reduce((sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), emptyCounts());
    if (input.dryRun) await deps.idMap.clear(this.tenantId, input.restoreId);
    if (!input.dryRun && totals.created + totals.updated === 0 && totals.failed > 0) {
      await deps.restores.update(this.tenantId, input.restoreId, { plan: finalPlan, counts: cp.counts });
      return this.fail(RecoveryFailureCode.NothingWritten, `nothing could be written: ${totals.failed} records failed (see results)`);
    }
    await deps.restores.update(this.tenantId, input.restoreId, { status: RestoreStatus.Succeeded, plan: finalPlan, counts: cp.counts, finishedAt: new Date() });
    this.ctx.progress({ processed: cp.done, total: cp.done, message: `done: ${totals.created} created, ${totals.updated} updated, ${totals.failed} failed, ${totals.skipped} skipped` });
    return { restoreId: input.restoreId, dryRun: input.dryRun, status: RestoreStatus.Succeeded, order: plan.order, ...totals };
  }

  /** Ends the restore FAILED with a reason the client can read, and fails the job without retries (no retry changes a plan). */
  private async fail(code: RecoveryFailureCode, message: string): Promise<never> {
    await this.deps.restores.update(this.tenantId, this.input.restoreId, { status: RestoreStatus.Failed, error: { code, message }, finishedAt: new Date() });
    throw new RecoveryFailedError(code, message);
  }

  private throwIfAborted(): void {
    if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
  }
}

function toResults(object: string, outcomes: readonly WriteOutcome[], success: RestoreOutcome, pass: number): RestoreResult[] {
  const at = new Date();
  return outcomes.map((o) => ({ object, sourceId: o.sourceId, targetId: o.targetId, outcome: o.success ? success : RestoreOutcome.Failed, pass, errors: o.errors, at }));
}
