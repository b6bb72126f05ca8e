import type { BusEvent } from '../bus/busEvent.ts';
import { encodePosition } from '../bus/busPosition.ts';

/** Kinds of monitoring events; mirrors `MonitoringEventKind` in the SDL. */
export type MonitoringEventKind =
  | 'ZOMBIE_DETECTED'
  | 'DEBUG_ENTERED'
  | 'DEBUG_LEFT'
  | 'WORKER_JOINED'
  | 'WORKER_LOST'
  | 'WORKER_STOPPED'
  | 'DIAGNOSTICS_CAPTURED'
  | 'ALERT_FIRED'
  | 'ALERT_RESOLVED';

/** Bus topic of monitoring events. Tenant-scoped events carry the bus message's `tenantId`; worker and alert events carry none. */
export const MONITORING_TOPIC = 'monitoring';

/** Payload of a `monitoring` bus event: ids of what it is about, resolved to current records by the API. */
export interface MonitoringEventPayload {
  kind: MonitoringEventKind;
  message: string;
  jobId?: string;
  zombieId?: string;
  workerId?: string;
  diagnosticId?: string;
  alertId?: string;
}

/** A monitoring event as subscribers receive it (the `MonitoringEvent` type's parent). */
export interface MonitoringEventModel extends MonitoringEventPayload {
  position: string;
  at: Date;
  /** Tenant of the job it is about, if any. */
  tenantId?: string;
}

/** Turns a bus event of topic {@link MONITORING_TOPIC} into a {@link MonitoringEventModel}. */
export function monitoringEventFromBus(event: BusEvent): MonitoringEventModel {
  const payload = event.payload as MonitoringEventPayload;
  return { ...payload, position: encodePosition(event.seq), at: new Date(event.at), tenantId: event.tenantId };
}
