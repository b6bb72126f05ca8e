import type { BusMessage } from '../bus/busEvent.ts';
import type { DebugActionKind, JobDocument } from '../engine/jobDocument.ts';
import type { JobEventCompanions } from '../engine/jobEventCompanions.ts';
import { MONITORING_TOPIC, type MonitoringEventPayload } from './monitoringEvent.ts';

/** `DEBUG_ENTERED`: the job just entered the debug queue (its last error says why). */
export function debugEnteredMessage(doc: JobDocument): BusMessage<MonitoringEventPayload> {
  const error = doc.lastError === null ? '' : `: ${doc.lastError.code}: ${doc.lastError.message}`;
  return monitoringMessage(doc, 'DEBUG_ENTERED', `job ${doc._id.toHexString()} (${doc.name}) entered the debug queue after ${doc.attempt} attempt${doc.attempt === 1 ? '' : 's'}${error}`.slice(0, 1000));
}

/** `DEBUG_LEFT`: an operator took the job out of the debug queue with `action`. */
export function debugLeftMessage(doc: JobDocument, action: Exclude<DebugActionKind, 'ENTERED'>, by: string): BusMessage<MonitoringEventPayload> {
  return monitoringMessage(doc, 'DEBUG_LEFT', `job ${doc._id.toHexString()} (${doc.name}) left the debug queue: ${action} by ${by}`);
}

/**
 * Companions of job events for every process that publishes them: a job's `DEBUG` event goes out
 * with its `DEBUG_ENTERED` monitoring event, whoever moved it (a worker's runner, the zombie detector).
 */
export const debugQueueCompanions: JobEventCompanions = (kind, doc) => (kind === 'DEBUG' ? [debugEnteredMessage(doc)] : []);

function monitoringMessage(doc: JobDocument, kind: 'DEBUG_ENTERED' | 'DEBUG_LEFT', message: string): BusMessage<MonitoringEventPayload> {
  return { topic: MONITORING_TOPIC, tenantId: doc.tenantId, payload: { kind, message, jobId: doc._id.toHexString() } };
}
