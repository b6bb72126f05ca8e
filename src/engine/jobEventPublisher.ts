import type { Bus } from '../bus/bus.ts';
import type { BusMessage } from '../bus/busEvent.ts';
import type { JobDocument } from './jobDocument.ts';
import type { JobEventCompanions } from './jobEventCompanions.ts';
import { JOB_TOPIC, WAKE_TOPIC, type JobEventKind, type JobEventPayload, type WakePayload } from './jobEvent.ts';
import { toJobView } from './jobView.ts';

/** Puts job events (and worker wake-ups) on the bus. */
export class JobEventPublisher {
  /** `companions` add messages to every job event's batch (see {@link JobEventCompanions}); default none. */
  constructor(
    private readonly bus: Bus,
    private readonly companions?: JobEventCompanions,
  ) {}

  /**
   * Publishes a job event carrying the job as of `doc`, in one batch with its companions and the
   * messages in `with`; with `wake`, also tells workers to look for it now.
   */
  async publish(kind: JobEventKind, doc: JobDocument, options: { wake?: boolean; with?: readonly BusMessage[] } = {}): Promise<void> {
    const messages: BusMessage[] = [JobEventPublisher.jobMessage(kind, doc), ...(this.companions?.(kind, doc) ?? []), ...(options.with ?? [])];
    if (options.wake === true) messages.push(JobEventPublisher.wakeMessage(doc));
    await this.bus.publish(messages);
  }

  /** Tells workers a job of this type is due at `nextRunAt`. */
  async wake(doc: Pick<JobDocument, '_id' | 'name' | 'nextRunAt' | 'priority'> & { tenantId?: string }): Promise<void> {
    await this.bus.publish(JobEventPublisher.wakeMessage(doc));
  }

  private static jobMessage(kind: JobEventKind, doc: JobDocument): BusMessage<JobEventPayload> {
    return { topic: JOB_TOPIC, tenantId: doc.tenantId, jobId: doc._id.toHexString(), payload: { kind, job: toJobView(doc, false) } };
  }

  private static wakeMessage(doc: Pick<JobDocument, '_id' | 'name' | 'nextRunAt' | 'priority'> & { tenantId?: string }): BusMessage<WakePayload> {
    return {
      topic: WAKE_TOPIC,
      tenantId: doc.tenantId,
      jobId: doc._id.toHexString(),
      payload: { jobName: doc.name, jobId: doc._id.toHexString(), nextRunAt: doc.nextRunAt, priority: doc.priority },
    };
  }
}
