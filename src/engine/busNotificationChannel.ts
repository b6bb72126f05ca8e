import { BaseNotificationChannel, type JobNotification, toJobId } from 'agenda';
import type { Bus } from '../bus/bus.ts';
import { WAKE_TOPIC, type WakePayload } from './jobEvent.ts';

/**
 * Agenda's notification channel on longhaul's bus: a `job.wake` event, published by whichever
 * process created or rescheduled a job, makes this process's Agenda look for it at once instead
 * of at its next poll. Needs nothing but the bus (so nothing but MongoDB).
 */
export class BusNotificationChannel extends BaseNotificationChannel {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly bus: Bus) {
    super({ channelName: 'longhaul-bus' });
  }

  async connect(): Promise<void> {
    this.unsubscribe ??= this.bus.subscribe((event) => {
      if (event.topic !== WAKE_TOPIC) return;
      const wake = event.payload as WakePayload;
      void this.notifyHandlers({
        jobId: toJobId(wake.jobId),
        jobName: wake.jobName,
        nextRunAt: wake.nextRunAt === null ? null : new Date(wake.nextRunAt),
        priority: wake.priority,
        timestamp: new Date(event.at),
      });
    });
    this.setState('connected');
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
      nextRunAt: notification.nextRunAt,
      priority: notification.priority,
    };
    await this.bus.publish({ topic: WAKE_TOPIC, jobId: wake.jobId, payload: wake });
  }
}
