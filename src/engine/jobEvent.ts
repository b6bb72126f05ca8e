import type { BusEvent } from '../bus/busEvent.ts';
import { encodePosition } from '../bus/busPosition.ts';
import { reviveJobView, type JobView } from './jobView.ts';

/** Kinds of job events; mirrors `JobEventKind` in the SDL. */
export type JobEventKind =
  | 'SNAPSHOT'
  | 'CREATED'
  | 'STARTED'
  | 'PROGRESS'
  | 'CHECKPOINT'
  | 'RETRYING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'REQUEUED'
  | 'DEBUG';

/** Bus topic of job events. */
export const JOB_TOPIC = 'job';
/** Bus topic asking workers to look for runnable jobs of a type now. */
export const WAKE_TOPIC = 'job.wake';

/** Payload of a `job` bus event. */
export interface JobEventPayload {
  kind: JobEventKind;
  job: JobView;
}

/** Payload of a `job.wake` bus event. */
export interface WakePayload {
  jobName: string;
  jobId: string;
  /** When the job is due (see `JobRecord.dueAt`). */
  dueAt: Date | null;
  priority: number;
}

/** A job event as subscribers receive it. */
export interface JobEvent {
  position: string;
  kind: JobEventKind;
  at: Date;
  job: JobView;
  gap: boolean;
}

const converted = new WeakMap<BusEvent, JobEvent>();

/** Turns a bus event of topic {@link JOB_TOPIC} into a {@link JobEvent}; converted once however many subscribers receive it. */
export function jobEventFromBus(event: BusEvent): JobEvent {
  let jobEvent = converted.get(event);
  if (jobEvent === undefined) {
    const payload = event.payload as JobEventPayload;
    jobEvent = { position: encodePosition(event.seq), kind: payload.kind, at: new Date(event.at), job: reviveJobView(payload.job), gap: false };
    converted.set(event, jobEvent);
  }
  return jobEvent;
}

/**
 * Whether `incoming` supersedes `queued` for a subscriber that has not received `queued` yet: both report
 * progress of the same job in the same state, and an event carries the job's whole view, so the newer one
 * loses nothing. Every other kind (a state change, a checkpoint) is always delivered.
 */
export function progressSupersedes(queued: JobEvent, incoming: JobEvent): boolean {
  return queued.kind === 'PROGRESS' && incoming.kind === 'PROGRESS' && queued.job.id === incoming.job.id && queued.job.state === incoming.job.state;
}
