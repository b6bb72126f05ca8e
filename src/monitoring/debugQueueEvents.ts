import type { BusMessage } from '../bus/busEvent.ts';
import type { DebugActionKind, JobRecord } from '../engine/jobRecord.ts';
import type { JobEventCompanions } from '../engine/jobEventCompanions.ts';
import { MONITORING_TOPIC, type MonitoringEventPayload } from './monitoringEvent.ts';

/** `DEBUG_ENTERED`: the job just entered the debug queue (its last error says why). */
export function debugEnteredMessage(doc: JobRecord): BusMessage<MonitoringEventPayload> {
  const error = doc.lastError === null ? '' : `: ${doc.lastError.code}: ${doc.lastError.message}`;
  return monitoringMessage(doc, 'DEBUG_ENTERED', `job ${doc.id} (${doc.type}) entered the debug queue after ${doc.attempt} attempt${doc.attempt === 1 ? '' : 's'}${error}`.slice(0, 1000));
}

/** `DEBUG_LEFT`: an operator took the job out of the debug queue with `action`. */
export function debugLeftMessage(doc: JobRecord, action: Exclude<DebugActionKind, 'ENTERED'>, by: string): BusMessage<MonitoringEventPayload> {
  return monitoringMessage(doc, 'DEBUG_LEFT', `job ${doc.id} (${doc.type}) left the debug queue: ${action} by ${by}`);
}

/**
 * Companions of job events for every process that publishes them: a job's `DEBUG` event goes out
 * with its `DEBUG_ENTERED` monitoring event, whoever moved it (a worker's runner, the zombie detector).
 */
export const debugQueueCompanions: JobEventCompanions = (kind, doc) => (kind === 'DEBUG' ? [debugEnteredMessage(doc)] : []);

function monitoringMessage(doc: JobRecord, kind: 'DEBUG_ENTERED' | 'DEBUG_LEFT', message: string): BusMessage<MonitoringEventPayload> {
  return { topic: MONITORING_TOPIC, tenantId: doc.tenantId, payload: { kind, message, jobId: doc.id } };
}
