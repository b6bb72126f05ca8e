import type { RecordError, RetryingCaller, SalesforceClient } from '../../../salesforce/index.ts';
import { RestoreOutcome, WriteMethod, type RestoreInFlightStore, type RestoreResult } from '../../../storage/index.ts';
import type { CreateReconciler, SentRecord } from './createReconciler.ts';
import { matchRecords } from './recordFingerprint.ts';

/** Most records of one sObject Collections request. */
export const COLLECTION_SIZE = 200;

/** Per-record Salesforce errors after which the same record may be written later (it was not written). */
const RETRYABLE_RECORD_ERRORS: ReadonlySet<string> = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_LIMIT_EXCEEDED']);

/** Rounds of writing records that failed with a retryable per-record error: 5. */
const RECORD_RETRY_ROUNDS = 5;

/** What became of one record of a write. */
export interface WriteOutcome {
  sourceId: string;
  success: boolean;
  /** The record's Id in the target (the new one after a create). */
  targetId: string | null;
  errors: RecordError[];
}

/** The results to store for `outcomes` of pass `pass`: `success` for those that succeeded, `FAILED` for the others. */
export function toRestoreResults(object: string, outcomes: readonly WriteOutcome[], success: RestoreOutcome, pass: number): RestoreResult[] {
  const at = new Date();
  return outcomes.map((o) => ({ object, sourceId: o.sourceId, targetId: o.targetId, outcome: o.success ? success : RestoreOutcome.Failed, pass, errors: o.errors, at }));
}

/** A record to update: `values.Id` is its target Id. */
export type UpdateRecord = SentRecord;

/**
 * Writes one batch of a restore through sObject Collections (200 a request) or one Bulk API 2.0
 * ingest job, and tells per record what happened. A create that fails with a retryable error is
 * reconciled with the target before it is sent again: records that did arrive are not sent twice.
 */
export class RecordBatchWriter {
  constructor(
    private readonly client: SalesforceClient,
    private readonly caller: RetryingCaller,
    private readonly reconciler: CreateReconciler,
    private readonly inFlight: RestoreInFlightStore,
    private readonly tenantId: string,
    private readonly restoreId: string,
    private readonly bulkPollMs: number,
  ) {}

  async create(object: string, method: WriteMethod, items: readonly SentRecord[], sentAt: Date): Promise<WriteOutcome[]> {
    if (items.length === 0) return [];
    if (method === WriteMethod.Bulk) return this.bulkCreate(object, items);
    return this.withRecordRetries(items, (batch) => this.collectionsCreate(object, batch, sentAt));
  }

  /** Writes `items`, then sends again (after a backoff) those that failed with a retryable per-record error. */
  private async withRecordRetries(items: readonly SentRecord[], write: (batch: readonly SentRecord[]) => Promise<WriteOutcome[]>): Promise<WriteOutcome[]> {
    const final = new Map<string, WriteOutcome>();
    let pending = items;
    for (let round = 0; pending.length > 0; round++) {
      const outcomes = await write(pending);
      for (const o of outcomes) final.set(o.sourceId, o);
      const retry = new Set(outcomes.filter((o) => !o.success && o.errors.length > 0 && o.errors.every((e) => RETRYABLE_RECORD_ERRORS.has(e.code))).map((o) => o.sourceId));
      if (retry.size === 0 || round + 1 >= RECORD_RETRY_ROUNDS) break;
      await this.caller.pause(round);
      pending = pending.filter((p) => retry.has(p.sourceId));
    }
    return items.map((i) => final.get(i.sourceId)!);
  }

  private async collectionsCreate(object: string, items: readonly SentRecord[], sentAt: Date): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (let i = 0; i < items.length; i += COLLECTION_SIZE) {
      let remaining = items.slice(i, i + COLLECTION_SIZE);
      await this.caller.call(
        `create ${object}`,
        async () => {
          const results = await this.client.createRecords(object, remaining.map((r) => r.values));
          results.forEach((r, k) => outcomes.push({ sourceId: remaining[k]!.sourceId, success: r.success, targetId: r.success ? r.id : null, errors: r.errors }));
        },
        async () => {
          const found = await this.reconciler.reconcile(this.restoreId, object, sentAt, remaining);
          for (const [sourceId, targetId] of found) outcomes.push({ sourceId, success: true, targetId, errors: [] });
          remaining = remaining.filter((r) => !found.has(r.sourceId));
        },
      );
    }
    return outcomes;
  }

  async update(object: string, method: WriteMethod, items: readonly UpdateRecord[]): Promise<WriteOutcome[]> {
    if (items.length === 0) return [];
    if (method === WriteMethod.Bulk) return this.bulkUpdate(object, items);
    return this.withRecordRetries(items, (batch) => this.collectionsUpdate(object, batch));
  }

  private async collectionsUpdate(object: string, items: readonly UpdateRecord[]): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (let i = 0; i < items.length; i += COLLECTION_SIZE) {
      const chunk = items.slice(i, i + COLLECTION_SIZE);
      // Updates are idempotent: a retry sends the same values again.
      const results = await this.caller.call(`update ${object}`, () => this.client.updateRecords(object, chunk.map((r) => r.values)));
      results.forEach((r, k) => outcomes.push({ sourceId: chunk[k]!.sourceId, success: r.success, targetId: String(chunk[k]!.values.Id), errors: r.errors }));
    }
    return outcomes;
  }

  private async bulkCreate(object: string, items: readonly SentRecord[]): Promise<WriteOutcome[]> {
    // A failure here fails the attempt; the resumed attempt settles the job and reconciles (see the in-flight batch).
    const result = await this.client.bulkIngest(object, 'insert', items.map((i) => i.values), {
      onJobOpened: (jobId) => this.inFlight.setBulkJob(this.tenantId, this.restoreId, jobId),
      pollIntervalMs: this.bulkPollMs,
    });
    const sent = items.map((i) => ({ key: i.sourceId, values: i.values }));
    const created = matchRecords(sent, result.successful, (row) => String(row.sf__Id ?? ''));
    const failedRows = [...result.failed, ...result.unprocessed.map((row) => ({ ...row, sf__Error: 'UNPROCESSED:not processed by the Bulk job' }))];
    const failed = matchRecords(
      sent.filter((s) => !created.has(s.key)),
      failedRows.map((row, index) => ({ ...row, sf__Row: String(index) })),
      (row) => String(row.sf__Row),
    );
    return items.map((item) => {
      const targetId = created.get(item.sourceId);
      if (targetId !== undefined) return { sourceId: item.sourceId, success: true, targetId, errors: [] };
      const row = failed.get(item.sourceId);
      const error = row === undefined ? { code: 'NO_RESULT', message: 'the Bulk job returned no result for this record', fields: [] } : bulkError(failedRows[Number(row)]!.sf__Error);
      return { sourceId: item.sourceId, success: false, targetId: null, errors: [error] };
    });
  }

  private async bulkUpdate(object: string, items: readonly UpdateRecord[]): Promise<WriteOutcome[]> {
    const result = await this.caller.call(`bulk update ${object}`, () => this.client.bulkIngest(object, 'update', items.map((i) => i.values), { pollIntervalMs: this.bulkPollMs }));
    const byId = new Map<string, { success: boolean; error?: string }>();
    for (const row of result.successful) byId.set(String(row.sf__Id ?? row.Id).slice(0, 15), { success: true });
    for (const row of result.failed) byId.set(String(row.Id ?? row.sf__Id).slice(0, 15), { success: false, error: row.sf__Error });
    for (const row of result.unprocessed) byId.set(String(row.Id).slice(0, 15), { success: false, error: 'UNPROCESSED:not processed by the Bulk job' });
    return items.map((item) => {
      const targetId = String(item.values.Id);
      const r = byId.get(targetId.slice(0, 15));
      if (r?.success === true) return { sourceId: item.sourceId, success: true, targetId, errors: [] };
      return { sourceId: item.sourceId, success: false, targetId, errors: [r === undefined ? { code: 'NO_RESULT', message: 'the Bulk job returned no result for this record', fields: [] } : bulkError(r.error)] };
    });
  }
}

/** Reads Bulk's `sf__Error` (`CODE:message:fields`). */
function bulkError(text: string | undefined): RecordError {
  const value = text ?? 'UNKNOWN:no error given';
  const [code, ...rest] = value.split(':');
  const fieldsPart = rest.length > 1 ? rest.at(-1)! : '';
  const message = rest.length > 1 ? rest.slice(0, -1).join(':') : rest.join(':');
  return { code: code ?? 'UNKNOWN', message, fields: fieldsPart === '' ? [] : fieldsPart.split(',') };
}
