import type { JobLogger } from '../../../engine/jobContext.ts';
import type { RetryingCaller, SalesforceClient } from '../../../salesforce/index.ts';
import type { InFlightBatch } from '../../../storage/index.ts';
import type { CreateReconciler, SentRecord } from './createReconciler.ts';
import type { WriteOutcome } from './recordBatchWriter.ts';

/** The creates of a batch left to send after the in-flight batch was reconciled, and the records found created. */
export interface RecoveredBatch {
  /** Records the dead attempt had created (success, with their target Id). */
  outcomes: WriteOutcome[];
  /** Records to send now. */
  toSend: SentRecord[];
}

/**
 * Reconciliation of the create batch a dead attempt left in flight (its answer lost with the crash):
 * when the resumed walk reaches that batch again (same object, same stream position), a Bulk job it
 * opened is settled first, then the org is searched for the records it created, which are not sent again.
 * Holds the batch until it is reached once.
 */
export class InFlightBatchRecovery {
  constructor(
    /** The batch the store holds for this restore; `null`: none (or a dry run). */
    private pending: InFlightBatch | null,
    private readonly client: SalesforceClient,
    private readonly caller: RetryingCaller,
    private readonly reconciler: CreateReconciler,
    private readonly logger: JobLogger,
    private readonly restoreId: string,
    private readonly bulkPollMs: number | undefined,
  ) {}

  /** Splits `creates` of batch `object`@`offset` into records already created by the dead attempt and those to send. */
  async recover(object: string, offset: number, creates: SentRecord[]): Promise<RecoveredBatch> {
    const pending = this.pending;
    if (pending === null || pending.object !== object || pending.offset !== offset) return { outcomes: [], toSend: creates };
    this.pending = null;
    if (pending.bulkJobId !== null) await this.caller.call('settle bulk job', () => this.client.settleBulkIngest(pending.bulkJobId!, { pollIntervalMs: this.bulkPollMs }));
    const found = await this.reconciler.reconcile(this.restoreId, object, pending.sentAt, creates);
    const outcomes: WriteOutcome[] = [...found].map(([sourceId, targetId]) => ({ sourceId, success: true, targetId, errors: [] }));
    this.logger.info(`${object}: reconciled the batch in flight at record ${offset}: ${found.size} of ${creates.length} records had been created`);
    return { outcomes, toSend: creates.filter((c) => !found.has(c.sourceId)) };
  }
}
