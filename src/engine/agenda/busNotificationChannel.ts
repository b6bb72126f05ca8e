import { BaseNotificationChannel, type JobNotification, toJobId } from 'agenda';
import type { Bus } from '../../bus/bus.ts';
import { WAKE_TOPIC, type WakePayload } from '../jobEvent.ts';

/**
 * Agenda's notification channel on longhaul's bus: a `job.wake` event, published by whichever
 * process created or rescheduled a job, makes this process's Agenda look for it at once instead
 * of at its next poll. Needs nothing but the bus (so nothing but MongoDB).
 */
export class BusNotificationChannel extends BaseNotificationChannel {
  private unsubscribe: (() => void) | undefined;
  /** Per job type: a wake-up being handled, and the newest one that arrived meanwhile. */
  private readonly inFlight = new Map<string, { next: JobNotification | undefined }>();

  /** @param onWake told of every wake-up before Agenda looks for its job (the claim path's cache); default none. */
  constructor(
    private readonly bus: Bus,
    private readonly onWake: (wake: WakePayload) => void = () => undefined,
  ) {
    super({ channelName: 'longhaul-bus' });
  }

  /**
   * Makes this process's Agenda look for jobs of `jobName` now (a running slot just freed up), as a wake-up from the
   * bus would, without publishing anything; coalesced like wake-ups (at most one search per type at a time).
   */
  refill(jobName: string): void {
    this.wake({ jobId: toJobId('000000000000000000000000'), jobName, nextRunAt: null, priority: 0, timestamp: new Date() });
  }

  async connect(): Promise<void> {
    this.unsubscribe ??= this.bus.subscribe((event) => {
      if (event.topic !== WAKE_TOPIC) return;
      const wake = event.payload as WakePayload;
      this.onWake(wake);
      this.wake({
        jobId: toJobId(wake.jobId),
        jobName: wake.jobName,
        nextRunAt: wake.dueAt === null ? null : new Date(wake.dueAt),
        priority: wake.priority,
        timestamp: new Date(event.at),
      });
    });
    this.setState('connected');
  }

  /**
   * Hands a wake-up to Agenda, at most one per job type at a time: each makes Agenda look for and lock
   * jobs of that type until its limits are reached, so a burst of 200 creations needs one such search
   * (plus one after it), not 200 concurrent ones.
   */
  private wake(notification: JobNotification): void {
    const pending = this.inFlight.get(notification.jobName);
    if (pending !== undefined) {
      pending.next = notification;
      return;
    }
    const slot: { next: JobNotification | undefined } = { next: undefined };
    this.inFlight.set(notification.jobName, slot);
    void this.notifyHandlers(notification).finally(() => {
      this.inFlight.delete(notification.jobName);
      if (slot.next !== undefined) this.wake(slot.next);
    });
  }

  async disconnect(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.setState('disconnected');
  }

  async publish(notification: JobNotification): Promise<void> {
    const wake: WakePayload = {
      jobName: notification.jobName,
      jobId: notification.jobId.toString(),
      dueAt: notification.nextRunAt,
      priority: notification.priority,
    };
    await this.bus.publish({ topic: WAKE_TOPIC, jobId: wake.jobId, payload: wake });
  }
}
