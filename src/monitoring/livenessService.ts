import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Bus } from '../bus/bus.ts';
import type { Caller } from '../engine/jobService.ts';
import { MONITORING_COMMAND_TOPIC, type DiagnosticCommand } from './diagnosticCommand.ts';
import type { DiagnosticDocument, DiagnosticKind } from './diagnosticDocument.ts';
import type { DiagnosticStore } from './diagnosticStore.ts';
import { MONITORING_TOPIC, type MonitoringEventPayload } from './monitoringEvent.ts';
import type { WorkerDocument } from './workerDocument.ts';
import type { WorkerStore } from './workerStore.ts';
import type { WorkerLiveness } from './workerLiveness.ts';
import type { ZombieDocument } from './zombieDocument.ts';
import type { ZombieStore } from './zombieStore.ts';
import {
  DiagnosticExpiredError,
  DiagnosticNotFoundError,
  DiagnosticsFailedError,
  DiagnosticsForbiddenError,
  DiagnosticsTimeoutError,
  WorkerNotFoundError,
  WorkerUnavailableError,
} from './errors/index.ts';

/** Options of {@link LivenessService}. */
export interface LivenessServiceOptions {
  bus: Bus;
  /** The worker registry. */
  workers: WorkerStore;
  /** Zombie records. */
  zombies: ZombieStore;
  /** Diagnostic files and records (heap-snapshot switch, retention and secrets are the store's). */
  diagnostics: DiagnosticStore;
  /** What counts as a live worker. */
  liveness: WorkerLiveness;
  /** How long {@link LivenessService.captureDiagnostics} waits for the worker; `LONGHAUL_DIAGNOSTICS_TIMEOUT_MS`. */
  captureTimeoutMs: number;
}

/** How far back `workers(includeStopped: true)` looks. */
const STOPPED_WORKERS_WINDOW_MS = 60 * 60_000;

/**
 * What the API reads and asks of the worker registry, zombies and diagnostics, scoped to the caller:
 * a tenant sees its own zombies and diagnostics, an operator every tenant's.
 */
export class LivenessService {
  readonly workers: WorkerStore;
  readonly zombies: ZombieStore;
  readonly diagnostics: DiagnosticStore;

  constructor(private readonly options: LivenessServiceOptions) {
    this.workers = options.workers;
    this.zombies = options.zombies;
    this.diagnostics = options.diagnostics;
  }

  /** Whether a registered process is alive now. */
  isAlive(worker: WorkerDocument): boolean {
    return this.options.liveness.isAlive(worker, Date.now());
  }

  /** Live processes; with `includeStopped`, also those that stopped or were lost in the last hour. */
  async listWorkers(includeStopped: boolean): Promise<WorkerDocument[]> {
    if (includeStopped) return this.workers.list(new Date(Date.now() - STOPPED_WORKERS_WINDOW_MS));
    const recent = await this.workers.list(new Date(Date.now() - this.options.liveness.lostAfterMs));
    return recent.filter((w) => this.isAlive(w));
  }

  async listZombies(caller: Caller, includeResolved: boolean): Promise<ZombieDocument[]> {
    return this.zombies.list(scope(caller), includeResolved);
  }

  async listDiagnostics(caller: Caller, filter: { workerId?: string | null; jobId?: string | null }): Promise<DiagnosticDocument[]> {
    return this.diagnostics.list({ tenantId: scope(caller), ...filter });
  }

  /** Diagnostics of several jobs (already checked to be the caller's), grouped by job id. */
  async diagnosticsOfJobs(jobIds: readonly string[]): Promise<Map<string, DiagnosticDocument[]>> {
    const found = new Map<string, DiagnosticDocument[]>(jobIds.map((id) => [id, []]));
    for (const doc of await this.diagnostics.listByJobs(jobIds)) if (doc.jobId !== null) found.get(doc.jobId)?.push(doc);
    return found;
  }

  /** Diagnostics by id (a zombie's), in the order given, dropping those the caller may not see. */
  async diagnosticsByIds(caller: Caller, ids: readonly string[]): Promise<DiagnosticDocument[]> {
    const byId = new Map((await this.diagnostics.getMany(ids)).map((d) => [d._id, d]));
    return ids.map((id) => byId.get(id)).filter((d): d is DiagnosticDocument => d !== undefined && visible(caller, d.tenantId));
  }

  /**
   * A diagnostic file and its content, for a download (operators only: checked by the route). Throws
   * {@link DiagnosticNotFoundError}, or {@link DiagnosticExpiredError} for one past its time not swept yet.
   */
  async openDiagnostic(id: string): Promise<{ doc: DiagnosticDocument; content: () => Readable }> {
    const doc = await this.diagnostics.get(id);
    if (doc === null) throw new DiagnosticNotFoundError(`diagnostic ${id.slice(0, 60)} not found`);
    if (this.diagnostics.isExpired(doc)) throw new DiagnosticExpiredError(`diagnostic ${id.slice(0, 60)} expired at ${this.diagnostics.expiresAt(doc).toISOString()}`);
    return { doc, content: () => this.diagnostics.openContent(id) };
  }

  /**
   * Asks a live process to write a diagnostic file now and waits for it: the request goes out on the bus
   * (topic {@link MONITORING_COMMAND_TOPIC}) with the id to store it under, the answer is the process's
   * `DIAGNOSTICS_CAPTURED` event for that id. Operators only ({@link DiagnosticsForbiddenError}); a heap
   * snapshot only when enabled ({@link HeapSnapshotsDisabledError}; the worker checks its own setting too).
   */
  async captureDiagnostics(caller: Caller, workerId: string, kind: DiagnosticKind): Promise<DiagnosticDocument> {
    if (!caller.operator) throw new DiagnosticsForbiddenError('captureDiagnostics needs an operator key');
    this.diagnostics.assertAccepts(kind);
    const requestedBy = caller.tenantId;
    const worker = await this.workers.get(workerId);
    if (worker === null) throw new WorkerNotFoundError(`no registered worker ${workerId.slice(0, 100)}`);
    if (!this.isAlive(worker)) throw new WorkerUnavailableError(`worker ${workerId} is not alive (stopped or lost); it cannot write diagnostics`);
    const diagnosticId = randomUUID();
    const { bus, captureTimeoutMs } = this.options;
    let unsubscribe: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      unsubscribe = bus.subscribe((event) => {
        if (event.topic === MONITORING_TOPIC && (event.payload as MonitoringEventPayload).kind === 'DIAGNOSTICS_CAPTURED' && (event.payload as MonitoringEventPayload).diagnosticId === diagnosticId) resolve();
        if (event.topic === MONITORING_COMMAND_TOPIC) {
          const reply = event.payload as DiagnosticCommand;
          if (reply.command === 'captureFailed' && reply.diagnosticId === diagnosticId) reject(new DiagnosticsFailedError(`worker ${workerId} could not write diagnostics: ${reply.message}`));
        }
      });
      timer = setTimeout(() => reject(new DiagnosticsTimeoutError(`worker ${workerId} did not write the ${kind} within ${captureTimeoutMs} ms (is its event loop blocked?)`)), captureTimeoutMs);
    });
    // Settled before it is awaited when publishing is slow: not an unhandled rejection.
    answered.catch(() => undefined);
    try {
      const command: DiagnosticCommand = { command: 'captureDiagnostics', workerId, diagnosticId, kind, reason: `requested by operator (${requestedBy})` };
      await bus.publish({ topic: MONITORING_COMMAND_TOPIC, payload: command });
      await answered;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
    const doc = await this.diagnostics.get(diagnosticId);
    if (doc === null) throw new DiagnosticsFailedError(`worker ${workerId} announced diagnostics ${diagnosticId} but stored none`);
    return doc;
  }
}

/** The tenant a caller's reads are limited to; `null` for operators (every tenant). */
function scope(caller: Caller): string | null {
  return caller.operator ? null : caller.tenantId;
}

function visible(caller: Caller, tenantId: string | null): boolean {
  return caller.operator || tenantId === caller.tenantId;
}
