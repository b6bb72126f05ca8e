import type { Bus } from '../bus/bus.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { DiagnosticStore } from '../monitoring/diagnosticStore.ts';
import { DiagnosticsCapture } from '../monitoring/diagnosticsCapture.ts';
import { EventLoopMonitor } from '../monitoring/eventLoopMonitor.ts';
import { MonitoringEventPublisher } from '../monitoring/monitoringEventPublisher.ts';
import { WorkerRegistration, type ProcessRole } from '../monitoring/workerRegistration.ts';
import type { Stores } from './stores.ts';

/** Options of {@link startProcessLiveness}. */
export interface ProcessLivenessOptions {
  /** The worker registry and the diagnostic store. */
  stores: Pick<Stores, 'workers' | 'diagnostics'>;
  bus: Bus;
  config: Config;
  logger: Logger;
  /** This process's id (a worker's id, or {@link newProcessId}). */
  id: string;
  role: ProcessRole;
  /** Ids of the jobs this process runs now; default none. */
  runningJobIds?: () => string[];
  /** Tells the supervisor the process is about to block its loop on purpose; default nothing. */
  announcePause?: (ms: number) => void;
}

/** What every process runs to be seen and examined: its registration, event-loop monitor and diagnostics. */
export interface ProcessLiveness {
  eventLoop: EventLoopMonitor;
  capture: DiagnosticsCapture;
  /** Where this process's diagnostic files go (redacted, expiring). */
  diagnostics: DiagnosticStore;
  events: MonitoringEventPublisher;
  registration: WorkerRegistration;
  /** Deregisters and stops answering diagnostics requests. */
  stop(): Promise<void>;
}

/** Registers this process in the worker registry, starts its heartbeat and answers operators' diagnostics requests. */
export async function startProcessLiveness(options: ProcessLivenessOptions): Promise<ProcessLiveness> {
  const { stores, bus, config, logger, id, role, runningJobIds, announcePause } = options;
  const eventLoop = new EventLoopMonitor();
  const events = new MonitoringEventPublisher(bus);
  const diagnostics = stores.diagnostics;
  const capture = new DiagnosticsCapture({ store: diagnostics, events, bus, eventLoop, workerId: id, logger, announcePause });
  const registration = new WorkerRegistration({ id, role, store: stores.workers, events, eventLoop, logger, heartbeatMs: config.liveness.workerHeartbeatMs, runningJobIds });
  await registration.start();
  capture.start();
  return {
    eventLoop,
    capture,
    diagnostics,
    events,
    registration,
    stop: async () => {
      capture.stop();
      await registration.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not deregister'));
    },
  };
}
