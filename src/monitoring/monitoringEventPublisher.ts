import type { Bus } from '../bus/bus.ts';
import { MONITORING_TOPIC, type MonitoringEventPayload } from './monitoringEvent.ts';

/** Puts monitoring events on the bus (topic {@link MONITORING_TOPIC}); events about a job carry its tenant. */
export class MonitoringEventPublisher {
  constructor(private readonly bus: Bus) {}

  async publish(payload: MonitoringEventPayload, tenantId?: string | null): Promise<void> {
    await this.bus.publish({
      topic: MONITORING_TOPIC,
      ...(tenantId === undefined || tenantId === null ? {} : { tenantId }),
      ...(payload.jobId === undefined ? {} : { jobId: payload.jobId }),
      payload,
    });
  }
}
