import type { Logger } from '../logging/logger.ts';
import { OutageLog } from '../db/outageLog.ts';
import type { JobErrorRecord, JobRecord } from '../engine/jobRecord.ts';
import type { JobEventPublisher } from '../engine/jobEventPublisher.ts';
import type { JobLogStore } from '../engine/jobLogStore.ts';
import type { JobRun } from '../engine/jobRun.ts';
import type { JobRepository } from '../engine/jobRepository.ts';
import type { JobTypeRegistry } from '../engine/jobTypeRegistry.ts';
import { JobState } from '../engine/jobState.ts';
import { EngineErrorCode, JobHungError } from '../engine/errors/index.ts';
import type { DiagnosticsCapture } from './diagnosticsCapture.ts';
import type { DiagnosticStore } from './diagnosticStore.ts';
import type { JobLogLineRecord } from './jobLogLineRecord.ts';
import type { MonitoringEventPublisher } from './monitoringEventPublisher.ts';
import type { ZombieDocument, ZombieReason } from './zombieDocument.ts';
import { zombieId, type ZombieStore } from './zombieStore.ts';
import type { WorkerStore } from './workerStore.ts';
import type { WorkerLiveness } from './workerLiveness.ts';
import type { WorkerDocument } from './workerDocument.ts';

/** The runs of this process, as the detector sees them. */
export interface LocalRuns {
  /** This process's worker id. */
  readonly id: string;
  readonly running: readonly JobRun[];
}

/** Options of {@link ZombieDetector}. */
export interface ZombieDetectorOptions {
  jobs: JobRepository;
  logs: JobLogStore;
  zombies: ZombieStore;
  workers: WorkerStore;
  registry: JobTypeRegistry;
  events: MonitoringEventPublisher;
  jobEvents: JobEventPublisher;
  capture: DiagnosticsCapture;
  /** Reports already stored for a lost run are linked to its zombie. */
  diagnostics: DiagnosticStore;
  local: LocalRuns;
  logger: Logger;
  /** Interval between two checks (`LONGHAUL_ZOMBIE_CHECK_MS`). */
  checkMs: number;
  /** What counts as a live worker (registry interval × `LONGHAUL_WORKER_LOST_INTERVALS`). */
  liveness: WorkerLiveness;
  /** Interval of the jobs' own heartbeats; a lost worker's job must also have missed three of them. */
  jobHeartbeatMs: number;
  /** Overrides every type's `hang.noProgressMs` when set. */
  noProgressMs?: number;
  /** Overrides every type's `hang.heartbeatStallMs` when set. */
  heartbeatStallMs?: number;
  /** How long an aborted hung run gets to stop before its attempt is ended anyway; default 5000 ms. */
  abortGraceMs?: number;
  /** Log lines kept with a zombie; default 20. */
  lastLogLines?: number;
}

/** How far back the registry is searched for workers that stopped heartbeating. */
const LOST_WORKER_WINDOW_MS = 60 * 60_000;

/**
 * Why a RUNNING job is lost (both are `WORKER_LOST` zombies): its worker stopped heartbeating (`workerGone`), or its
 * worker is alive but no longer holds it: the run ended without writing its outcome, e.g. through a database outage
 * longer than its lock (`runEnded`).
 */
type LostCause = 'workerGone' | 'runEnded';

/** A zombie found by one check, before it is recorded. */
interface Finding {
  doc: JobRecord;
  runId: string;
  reason: ZombieReason;
  since: Date;
  workerId: string | null;
  /** Set for `WORKER_LOST` findings. */
  cause?: LostCause;
}

/** Lifecycle of a {@link ZombieDetector}. */
export type ZombieDetectorPhase = 'created' | 'running' | 'stopped';

/** Largest share of the time a detector spends scanning RUNNING jobs: a scan waits 20 times its last duration. */
const MAX_SCAN_SHARE = 0.05;

/**
 * Finds RUNNING jobs that will not finish by themselves and decides what becomes of them; runs in every
 * worker process. Runs of this process that stopped progressing (`NO_PROGRESS`) or heartbeating
 * (`HEARTBEAT_STALLED`) get a diagnostic report and are aborted through their signal, before their
 * lock could expire. Jobs of any process whose worker stopped heartbeating (`WORKER_LOST`), and jobs whose alive
 * worker no longer holds them (a registry heartbeat newer than their claim does not list them: the run ended without
 * writing its outcome, e.g. through a database outage), are put back in the queue from their checkpoint, the lost
 * attempt counted, or go to the debug queue once out of attempts.
 * Inserting the zombie record (`_id` `<jobId>:<runId>`) is the one decision per zombie: of detectors
 * racing on the same run, only the one whose insert succeeds acts, and its writes are fenced by run id.
 */
export class ZombieDetector {
  private phase: ZombieDetectorPhase = 'created';
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  /** Runs of this process already declared hung (a run is declared once). */
  private readonly declared = new Set<string>();
  /** Zombies of observed (not aborted) runs of this process, by run id: resolved once their run ends. */
  private readonly observed = new Map<string, string>();
  /** When the previous check started: a check that comes late means this process's event loop was blocked. */
  private lastCheckAt = Date.now();
  /** Checks failing through a database outage are logged once, and their recovery. */
  private readonly outage: OutageLog;
  /** When the last scan of RUNNING jobs ended and how long it took (see {@link MAX_SCAN_SHARE}). */
  private lastScan = { endedAt: 0, durationMs: 0 };

  constructor(private readonly options: ZombieDetectorOptions) {
    this.outage = new OutageLog({ logger: options.logger, what: 'zombie check' });
  }

  get state(): ZombieDetectorPhase {
    return this.phase;
  }

  start(): void {
    if (this.phase !== 'created') return;
    this.phase = 'running';
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.phase = 'stopped';
    clearInterval(this.timer);
    await this.checking;
  }

  /** One pass over local runs and every RUNNING job; a pass still in progress is joined, not repeated. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce()
      .then(
        () => this.outage.success(),
        (error: unknown) => this.outage.failure(error),
      )
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const now = Date.now();
    // Right after this process's own event loop was blocked (a heap snapshot, a job's synchronous code), every
    // run looks stalled; one more interval lets their heartbeats catch up before anything is declared hung.
    const loopWasBlocked = now - this.lastCheckAt > 2 * this.options.checkMs;
    this.lastCheckAt = now;
    await this.forgetEndedRuns();
    for (const run of loopWasBlocked ? [] : this.options.local.running) {
      if (this.phase === 'stopped') return;
      const reason = this.hangOf(run, now);
      if (reason !== null) await this.handleHung(run, reason.reason, reason.since);
    }
    // The scan of RUNNING jobs costs what the live collection holds (on FerretDB's SQLite backend, a read of every
    // live job: about a second with 10,000 queued); it waits at least 20 times its last duration.
    if (now - this.lastScan.endedAt >= this.lastScan.durationMs / MAX_SCAN_SHARE) {
      const started = Date.now();
      const lost = await this.findLost(now);
      this.lastScan = { endedAt: Date.now(), durationMs: Date.now() - started };
      for (const finding of lost) {
        if (this.phase === 'stopped') return;
        await this.handleLost(finding);
      }
    }
    await this.announceLostWorkers(now);
  }

  /** Publishes `WORKER_LOST` once for every worker that stopped heartbeating without deregistering, busy or idle. */
  private async announceLostWorkers(now: number): Promise<void> {
    const { workers, liveness } = this.options;
    for (const worker of await workers.list(new Date(now - LOST_WORKER_WINDOW_MS))) {
      if (worker.stoppedAt !== null || (worker.lostAt ?? null) !== null || worker._id === this.options.local.id || liveness.isAlive(worker, now)) continue;
      await this.markLost(worker._id);
    }
  }

  private async markLost(workerId: string): Promise<void> {
    if (await this.options.workers.markLost(workerId, new Date())) {
      await this.options.events.publish({ kind: 'WORKER_LOST', message: `worker ${workerId} stopped heartbeating`, workerId });
    }
  }

  private hangOf(run: JobRun, now: number): { reason: ZombieReason; since: Date } | null {
    if (run.signal.aborted || this.declared.has(run.runId)) return null;
    const hang = run.type.resolved.hang;
    const stallLimit = this.options.heartbeatStallMs ?? Math.min(hang.heartbeatStallMs, run.lockLifetimeMs / 2);
    if (now - run.lastHeartbeatAt > stallLimit) return { reason: 'HEARTBEAT_STALLED', since: new Date(run.lastHeartbeatAt) };
    const progressLimit = this.options.noProgressMs ?? hang.noProgressMs;
    if (progressLimit !== null && now - run.lastProgressAt > progressLimit) return { reason: 'NO_PROGRESS', since: new Date(run.lastProgressAt) };
    return null;
  }

  private async handleHung(run: JobRun, reason: ZombieReason, since: Date): Promise<void> {
    const { jobs, zombies, capture, logger } = this.options;
    this.declared.add(run.runId);
    const doc = (await jobs.findAnyTenant(run.jobId)) ?? run.doc;
    const zombie = await this.record({ doc: { ...doc, report: run.currentProgress }, runId: run.runId, reason, since, workerId: this.options.local.id });
    if (zombie === null) return;
    const log = logger.child({ jobId: run.jobId, zombieId: zombie._id, reason });
    // The report is written before the abort, so it shows the run as it hung.
    try {
      const report = await capture.capture('REPORT', { reason: `job hung: ${reason}`, jobId: run.jobId, tenantId: doc.tenantId, zombieId: zombie._id });
      await zombies.addDiagnostic(zombie._id, report._id);
    } catch (error) {
      log.warn({ err: error }, 'diagnostic report of a hung job could not be written');
    }
    const policy = run.type.resolved.hang.policy;
    switch (policy) {
      case 'abort':
        run.abandon(new JobHungError(`job ${run.jobId}: ${reason === 'NO_PROGRESS' ? 'no progress' : 'no heartbeat'} since ${since.toISOString()}; aborted as hung`), this.options.abortGraceMs ?? 5000);
        await zombies.resolve(zombie._id, 'ABORTED');
        log.warn('hung run aborted');
        return;
      case 'observe':
        this.observed.set(run.runId, zombie._id);
        log.warn('hung run reported; its type lets it run on');
        return;
      default: {
        const exhaustive: never = policy;
        throw new Error(`unknown hang policy ${String(exhaustive)}`);
      }
    }
  }

  /** Resolves the zombies of observed runs that ended, and forgets every ended run. */
  private async forgetEndedRuns(): Promise<void> {
    if (this.declared.size === 0) return;
    const live = new Set(this.options.local.running.map((run) => run.runId));
    for (const runId of this.declared) {
      if (live.has(runId)) continue;
      const id = this.observed.get(runId);
      if (id !== undefined) await this.options.zombies.resolve(id, null);
      this.observed.delete(runId);
      this.declared.delete(runId);
    }
  }

  private async findLost(now: number): Promise<Finding[]> {
    const { jobs, workers, local, liveness, jobHeartbeatMs } = this.options;
    const running = (await jobs.listRunning()).filter((doc) => doc.runId !== null);
    if (running.length === 0) return [];
    const ids = [...new Set(running.map((doc) => doc.workerId).filter((id): id is string => id !== null))];
    const byId = new Map((await workers.getMany(ids)).map((w) => [w._id, w]));
    const jobStaleAfter = Math.max(liveness.lostAfterMs, 3 * jobHeartbeatMs);
    const found: Finding[] = [];
    const abandoned: JobRecord[] = [];
    for (const doc of running) {
      const worker = doc.workerId === null ? undefined : byId.get(doc.workerId);
      if (worker !== undefined && liveness.isAlive(worker, now)) {
        if (noLongerHeld(worker, doc)) abandoned.push(doc);
        continue;
      }
      if (doc.workerId === local.id) continue;
      const lastBeat = doc.heartbeatAt?.getTime() ?? 0;
      if (now - lastBeat <= jobStaleAfter) continue;
      const since = new Date(Math.max(lastBeat, worker?.heartbeatAt.getTime() ?? 0));
      found.push({ doc, runId: doc.runId!, reason: 'WORKER_LOST', since, workerId: doc.workerId, cause: 'workerGone' });
    }
    return [...found, ...(await this.stillRunning(abandoned))];
  }

  /**
   * The abandoned jobs still RUNNING under the same run once the registry was read: one that ended between the
   * two reads is left alone (a worker releases a job only once its run's end is written or given up).
   */
  private async stillRunning(abandoned: readonly JobRecord[]): Promise<Finding[]> {
    if (abandoned.length === 0) return [];
    const current = new Map((await this.options.jobs.findManyAnyTenant(abandoned.map((doc) => doc.id))).map((doc) => [doc.id, doc]));
    const found: Finding[] = [];
    for (const doc of abandoned) {
      const now = current.get(doc.id);
      if (now === undefined || now.state !== JobState.Running || now.runId !== doc.runId) continue;
      const since = now.heartbeatAt ?? now.claimedAt ?? new Date();
      found.push({ doc: now, runId: doc.runId!, reason: 'WORKER_LOST', since, workerId: now.workerId, cause: 'runEnded' });
    }
    return found;
  }

  private async handleLost(finding: Finding): Promise<void> {
    const { jobs, zombies, jobEvents, logger } = this.options;
    const { doc, runId } = finding;
    const zombie = await this.record(finding);
    if (zombie === null) return;
    const jobId = doc.id;
    const log = logger.child({ jobId, zombieId: zombie._id, lostWorkerId: finding.workerId, cause: finding.cause });
    // A worker that merely dropped one run is alive: it is not announced as lost.
    if (finding.workerId !== null && finding.cause !== 'runEnded') await this.markLost(finding.workerId);
    const message =
      finding.cause === 'runEnded'
        ? `worker ${finding.workerId ?? '(unknown)'} no longer runs attempt ${doc.attempt}: the run ended without recording its outcome (e.g. the database was unreachable; last job heartbeat ${finding.since.toISOString()})`
        : `worker ${finding.workerId ?? '(unknown)'} was lost during attempt ${doc.attempt} (last sign of life ${finding.since.toISOString()})`;
    const error: JobErrorRecord = { code: EngineErrorCode.WorkerLost, message, attempt: doc.attempt, at: new Date() };
    if (doc.attempt < doc.maxAttempts) {
      const requeued = await jobs.requeueLost(doc.id, runId, error);
      if (requeued === null) {
        await zombies.resolve(zombie._id, null);
        log.info('lost run was already taken over or ended');
        return;
      }
      await jobEvents.publish('REQUEUED', requeued, { wake: true });
      await zombies.resolve(zombie._id, 'REQUEUED');
      log.warn('job of a lost worker requeued from its checkpoint');
      return;
    }
    const moved = await jobs.moveToDebug(doc.id, runId, error, { reason: `out of attempts: ${error.message}`, release: true });
    await zombies.resolve(zombie._id, moved === null ? null : 'MOVED_TO_DEBUG');
    if (moved !== null) await jobEvents.publish('DEBUG', moved);
    log.warn('job of a lost worker is out of attempts; moved to the debug queue');
  }

  /** Records a zombie; `null` when another detector recorded this run first. */
  private async record(finding: Finding): Promise<ZombieDocument | null> {
    const { doc, runId } = finding;
    const jobId = doc.id;
    const id = zombieId(jobId, runId);
    // A detector that already lost the race for this run skips the log read.
    if (await this.options.zombies.exists(id)) return null;
    const lines = await this.options.logs.lastLines([{ jobId, logCount: doc.logCount, last: this.options.lastLogLines ?? 20 }]);
    const lastLogs: JobLogLineRecord[] = (lines.get(jobId) ?? []).map((l) => ({ at: l.at, level: l.level, message: l.message, attempt: l.attempt }));
    // A lost worker may have left reports of this run behind (its supervisor's, when its event loop was blocked).
    const diagnosticIds =
      finding.cause === 'workerGone' && finding.workerId !== null
        ? (await this.options.diagnostics.list({ tenantId: null, jobId, workerId: finding.workerId })).filter((d) => d.createdAt.getTime() >= finding.since.getTime() - 60_000).map((d) => d._id)
        : [];
    const zombie: ZombieDocument = {
      _id: id,
      jobId,
      tenantId: doc.tenantId,
      jobType: doc.type,
      runId,
      attempt: doc.attempt,
      reason: finding.reason,
      since: finding.since,
      detectedAt: new Date(),
      workerId: finding.workerId,
      lastProgress: doc.report,
      lastLogs,
      action: null,
      resolvedAt: null,
      diagnosticIds,
    };
    if (!(await this.options.zombies.record(zombie))) return null;
    await this.options.events.publish({ kind: 'ZOMBIE_DETECTED', message: `job ${jobId} (${doc.type}) is a zombie: ${finding.reason}`, jobId, zombieId: id, workerId: finding.workerId ?? undefined }, doc.tenantId);
    return zombie;
  }
}

/**
 * Whether an alive worker no longer holds a RUNNING job it claimed: a registry heartbeat newer than the claim
 * lists the jobs held at that moment, and a worker holds a job from before its claim until its run's end is written.
 */
function noLongerHeld(worker: Pick<WorkerDocument, 'heartbeatAt' | 'runningJobIds'>, doc: JobRecord): boolean {
  if (doc.claimedAt === null) return false;
  return worker.heartbeatAt.getTime() > doc.claimedAt.getTime() && !(worker.runningJobIds ?? []).includes(doc.id);
}
