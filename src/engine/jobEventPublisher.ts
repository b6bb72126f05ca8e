import type { Bus } from '../bus/bus.ts';
import type { BusMessage } from '../bus/busEvent.ts';
import type { JobRecord } from './jobRecord.ts';
import type { JobEventCompanions } from './jobEventCompanions.ts';
import { JOB_TOPIC, WAKE_TOPIC, type JobEventKind, type JobEventPayload, type WakePayload } from './jobEvent.ts';
import type { JobTransitionKind } from './jobType.ts';
import { toJobView } from './jobView.ts';

/** Hears, before its event is published, that a job was moved to an end (or parked, or requeued); see `JobTypeRegistry.transition`. */
export type JobTransitionListener = (kind: JobTransitionKind, doc: JobRecord) => Promise<void>;

/** The job a wake-up is for: a {@link JobRecord}, or what the scheduler knows of a job it saved. */
export type WakeTarget = Pick<JobRecord, 'id' | 'type' | 'dueAt' | 'priority'> & { tenantId?: string };

const TRANSITIONS: ReadonlySet<JobEventKind> = new Set<JobTransitionKind>(['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG', 'REQUEUED']);

/**
 * Puts job events (and worker wake-ups) on the bus. Every state change of a job passes here, whoever
 * makes it (runner, cancel, zombie detector, debug queue): `transitions` hears the ends first.
 */
export class JobEventPublisher {
  /**
   * `companions` add messages to every job event's batch (see {@link JobEventCompanions}); default none.
   * `transitions` is called before a `SUCCEEDED`, `FAILED`, `CANCELLED`, `DEBUG` or `REQUEUED` event
   * is published (domain records follow their jobs there); default none.
   */
  constructor(
    private readonly bus: Bus,
    private readonly companions?: JobEventCompanions,
    private readonly transitions?: JobTransitionListener,
  ) {}

  /**
   * Publishes a job event carrying the job as of `doc`, in one batch with its companions and the
   * messages in `with`; with `wake`, also tells workers to look for it now.
   */
  async publish(kind: JobEventKind, doc: JobRecord, options: { wake?: boolean; with?: readonly BusMessage[] } = {}): Promise<void> {
    if (this.transitions !== undefined && TRANSITIONS.has(kind)) await this.transitions(kind as JobTransitionKind, doc);
    const messages: BusMessage[] = [JobEventPublisher.jobMessage(kind, doc), ...(this.companions?.(kind, doc) ?? []), ...(options.with ?? [])];
    if (options.wake === true) messages.push(JobEventPublisher.wakeMessage(doc));
    await this.bus.publish(messages);
  }

  /**
   * Publishes the same event for many jobs (e.g. `CREATED` for a batch) in one bus write: each job's event and
   * companions, in the order of `docs`; with `wake`, one wake-up per job type (for its job due first), since a
   * wake-up makes a worker look for every due job of its type.
   */
  async publishMany(kind: JobEventKind, docs: readonly JobRecord[], options: { wake?: boolean } = {}): Promise<void> {
    if (docs.length === 0) return;
    if (this.transitions !== undefined && TRANSITIONS.has(kind)) for (const doc of docs) await this.transitions(kind as JobTransitionKind, doc);
    const messages: BusMessage[] = docs.flatMap((doc) => [JobEventPublisher.jobMessage(kind, doc), ...(this.companions?.(kind, doc) ?? [])]);
    if (options.wake === true) {
      const firstDue = new Map<string, JobRecord>();
      for (const doc of docs) {
        const seen = firstDue.get(doc.type);
        if (seen === undefined || dueBefore(doc, seen)) firstDue.set(doc.type, doc);
      }
      for (const doc of firstDue.values()) messages.push(JobEventPublisher.wakeMessage(doc));
    }
    await this.bus.publish(messages);
  }

  /** Tells workers a job of this type is due at `dueAt`. */
  async wake(doc: WakeTarget): Promise<void> {
    await this.bus.publish(JobEventPublisher.wakeMessage(doc));
  }

  private static jobMessage(kind: JobEventKind, doc: JobRecord): BusMessage<JobEventPayload> {
    return { topic: JOB_TOPIC, tenantId: doc.tenantId, jobId: doc.id, payload: { kind, job: toJobView(doc, false) } };
  }

  private static wakeMessage(doc: WakeTarget): BusMessage<WakePayload> {
    return {
      topic: WAKE_TOPIC,
      tenantId: doc.tenantId,
      jobId: doc.id,
      payload: { jobName: doc.type, jobId: doc.id, dueAt: doc.dueAt, priority: doc.priority },
    };
  }
}

/** Whether `a` is due before `b` (a job due at no time comes last). */
function dueBefore(a: JobRecord, b: JobRecord): boolean {
  if (a.dueAt === null) return false;
  return b.dueAt === null || a.dueAt.getTime() < b.dueAt.getTime();
}
