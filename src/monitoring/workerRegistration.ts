import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import { OutageLog } from '../db/outageLog.ts';
import type { EventLoopMonitor } from './eventLoopMonitor.ts';
import type { MonitoringEventPublisher } from './monitoringEventPublisher.ts';
import type { WorkerStore } from './workerStore.ts';

/** longhaul's version, as registered by every process. */
export const LONGHAUL_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A process id in the worker id format (`host:pid:random`), for processes that run no {@link Worker}. */
export function newProcessId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** How long entries of processes that stopped heartbeating stay in the registry. */
const REGISTRY_RETENTION_MS = 24 * 60 * 60_000;

/** What a process registers as: `worker` (runs jobs), `api` or `all` (the API of `longhaul all`). */
export type ProcessRole = 'worker' | 'api';

/** Options of {@link WorkerRegistration}. */
export interface WorkerRegistrationOptions {
  id: string;
  role: ProcessRole;
  store: WorkerStore;
  events: MonitoringEventPublisher;
  eventLoop: EventLoopMonitor;
  logger: Logger;
  /** Registry heartbeat interval (`LONGHAUL_WORKER_HEARTBEAT_MS`). */
  heartbeatMs: number;
  /** Ids of the jobs the process runs now; default none. */
  runningJobIds?: () => string[];
}

/** Lifecycle of a {@link WorkerRegistration}. */
export type WorkerRegistrationPhase = 'created' | 'running' | 'stopped';

/**
 * This process in the `workers` registry: registered at start (`WORKER_JOINED`), one `_id` update per
 * heartbeat (running jobs, event-loop delay of the interval, memory), deregistered on a graceful stop
 * (`WORKER_STOPPED`). A process that dies simply stops heartbeating; detectors call it lost.
 */
export class WorkerRegistration {
  private phase: WorkerRegistrationPhase = 'created';
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  /** Heartbeats failing through a database outage are logged once, and their recovery. */
  private readonly outage: OutageLog;

  constructor(private readonly options: WorkerRegistrationOptions) {
    this.outage = new OutageLog({ logger: options.logger, what: 'worker registry heartbeat' });
  }

  get id(): string {
    return this.options.id;
  }

  get state(): WorkerRegistrationPhase {
    return this.phase;
  }

  async start(): Promise<void> {
    if (this.phase !== 'created') return;
    const { id, role, store, events, eventLoop, heartbeatMs } = this.options;
    eventLoop.start();
    const now = new Date();
    await store.register({
      _id: id,
      host: hostname(),
      pid: process.pid,
      role,
      version: LONGHAUL_VERSION,
      startedAt: now,
      heartbeatAt: now,
      stoppedAt: null,
      runningJobIds: [],
      eventLoopDelay: null,
      rssBytes: process.memoryUsage.rss(),
    });
    this.phase = 'running';
    await events.publish({ kind: 'WORKER_JOINED', message: `${role} ${id} joined`, workerId: id }).catch(() => undefined);
    // Entries of processes gone for a day are of no use to anyone.
    await store.prune(new Date(Date.now() - REGISTRY_RETENTION_MS)).catch(() => undefined);
    this.timer = setInterval(() => {
      // A slow database gets one heartbeat at a time, not a pile of them.
      this.inFlight ??= this.beat().finally(() => {
        this.inFlight = undefined;
      });
    }, heartbeatMs);
    this.timer.unref();
  }

  /** Deregisters (graceful stop). */
  async stop(): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'stopped';
    clearInterval(this.timer);
    await this.inFlight;
    this.options.eventLoop.stop();
    const { id, role, store, events } = this.options;
    await store.stop(id, new Date());
    await events.publish({ kind: 'WORKER_STOPPED', message: `${role} ${id} stopped`, workerId: id }).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const { id, store, eventLoop, runningJobIds } = this.options;
    try {
      await store.heartbeat(id, { at: new Date(), runningJobIds: runningJobIds?.() ?? [], eventLoopDelay: eventLoop.sample(), rssBytes: process.memoryUsage.rss() });
      this.outage.success({ workerId: id });
    } catch (error) {
      this.outage.failure(error, { workerId: id });
    }
  }
}
