import type { Bus } from '../../bus/bus.ts';
import type { BusEvent } from '../../bus/busEvent.ts';
import type { Caller } from '../../engine/jobService.ts';
import { MONITORING_TOPIC, monitoringEventFromBus, type MonitoringEventModel } from '../../monitoring/monitoringEvent.ts';
import { EventQueue } from './eventQueue.ts';

const converted = new WeakMap<BusEvent, MonitoringEventModel>();

/** One model per bus event, however many subscribers get it: the shared executor runs it once per operation. */
function modelOf(event: BusEvent): MonitoringEventModel {
  let model = converted.get(event);
  if (model === undefined) {
    model = monitoringEventFromBus(event);
    converted.set(event, model);
  }
  return model;
}

/**
 * Whether a caller may see a monitoring bus event. Operators see all. An event whose bus message names a
 * tenant (a job's, or an alert's about a tenant's job) goes to that tenant only. Without a tenant, alert
 * events are service-wide (operators only) and the rest (worker events) go to everyone.
 */
export function mayReceive(caller: Caller, event: BusEvent): boolean {
  if (caller.operator) return true;
  if (event.tenantId !== undefined && event.tenantId !== null) return event.tenantId === caller.tenantId;
  const kind = (event.payload as { kind?: string } | null)?.kind;
  return kind !== 'ALERT_FIRED' && kind !== 'ALERT_RESOLVED';
}

/**
 * Every live monitoring event the caller may see (zombies, debug-queue moves, workers, diagnostics, alerts).
 * Listens from the call on; `return()` removes the listener at once.
 */
export function monitoringEventsStream(bus: Bus, caller: Caller): AsyncIterableIterator<MonitoringEventModel> {
  const queue = new EventQueue<MonitoringEventModel>();
  const unsubscribe = bus.subscribe((raw) => {
    if (raw.topic !== MONITORING_TOPIC || !mayReceive(caller, raw)) return;
    queue.push(modelOf(raw));
  });
  return queue.releaseWith(unsubscribe);
}
