import type { Bus } from '../bus/bus.ts';
import type { JobRepository } from '../engine/jobRepository.ts';
import type { DiagnosticDocument } from './diagnosticDocument.ts';
import type { DiagnosticStore } from './diagnosticStore.ts';
import { MonitoringEventPublisher } from './monitoringEventPublisher.ts';
import type { WorkerStore } from './workerStore.ts';
import { zombieId, type ZombieStore } from './zombieStore.ts';

/** The stores {@link BlockedWorkerReports} reads and writes. */
export interface BlockedWorkerReportStores {
  diagnostics: DiagnosticStore;
  workers: WorkerStore;
  jobs: JobRepository;
  zombies: ZombieStore;
}

/** A report about a worker process whose event loop was blocked, as its supervisor collected it. */
export interface BlockedWorkerReport {
  /** The worker's id, when it introduced itself before blocking. */
  workerId: string | null;
  pid: number;
  /** The report's JSON text (Node's own report, or the supervisor's when the worker wrote none in time). */
  content: string;
  /** How long the worker had not answered when it was declared blocked. */
  blockedForMs: number;
}

/** Reason recorded with every blocked-worker report. */
export const BLOCKED_REASON = 'event loop blocked';

/**
 * Stores blocked workers' reports as `diagnostics` records linked to the job the worker ran (when it ran
 * exactly one: its RUNNING jobs, and those of its last registry heartbeat) and to that run's zombie if a
 * detector already recorded it (a zombie recorded later picks the report up itself), and announces them
 * when a bus is at hand. Meant to run while the blocked worker is still alive: its run still holds the job.
 */
export class BlockedWorkerReports {
  private readonly diagnostics: DiagnosticStore;
  private readonly workers: WorkerStore;
  private readonly jobs: JobRepository;
  private readonly zombies: ZombieStore;
  private readonly events: MonitoringEventPublisher | undefined;

  constructor(stores: BlockedWorkerReportStores, bus?: Bus) {
    this.diagnostics = stores.diagnostics;
    this.workers = stores.workers;
    this.jobs = stores.jobs;
    this.zombies = stores.zombies;
    this.events = bus === undefined ? undefined : new MonitoringEventPublisher(bus);
  }

  async store(report: BlockedWorkerReport): Promise<DiagnosticDocument> {
    const workerId = report.workerId ?? `(pid ${report.pid})`;
    const worker = report.workerId === null ? null : await this.workers.get(report.workerId);
    const held = report.workerId === null ? [] : (await this.jobs.listRunning()).filter((j) => j.workerId === report.workerId).map((j) => j.id);
    const running = [...new Set([...held, ...(worker?.runningJobIds ?? [])])];
    const jobId = running.length === 1 ? running[0]! : null;
    const job = jobId === null ? null : await this.jobs.findAnyTenant(jobId);
    const doc = await this.diagnostics.write(
      { kind: 'REPORT', workerId, jobId, tenantId: job?.tenantId ?? null, reason: BLOCKED_REASON, eventLoopDelayMs: report.blockedForMs },
      report.content,
    );
    if (job !== null && job.runId !== null && job.workerId === report.workerId) await this.zombies.addDiagnostic(zombieId(job.id, job.runId), doc._id);
    await this.events
      ?.publish({ kind: 'DIAGNOSTICS_CAPTURED', message: `report of ${workerId}: ${BLOCKED_REASON} for ${report.blockedForMs} ms; restarting it`, workerId, diagnosticId: doc._id, ...(jobId === null ? {} : { jobId }) }, job?.tenantId)
      .catch(() => undefined);
    return doc;
  }
}
