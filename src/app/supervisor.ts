import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logging/logger.ts';
import type { BlockedWorkerReport } from '../monitoring/blockedWorkerReports.ts';
import { childEnvironment } from '../config/childEnvironment.ts';
import { findFreePort } from '../db/freePort.ts';
import { collectBlockedReport, removeReportFiles } from './blockedWorkerReport.ts';
import { isSupervisorMessage, type SupervisorMessage } from './supervisorChannel.ts';
import { SHUTDOWN_GRACE_MS } from './shutdownSignals.ts';

/** Options of {@link Supervisor}. */
export interface SupervisorOptions {
  /** Worker processes to keep running. */
  count: number;
  /**
   * The environment the workers' own is taken from: only its allow-listed variables reach them (system basics and
   * `LONGHAUL_*` settings, never a variable whose name looks secret: see `childEnvironment`).
   */
  env: NodeJS.ProcessEnv;
  /**
   * Variables the workers need but must not hold in their environment block (`/proc/<pid>/environ`, a
   * signal report): `LONGHAUL_SECRET_KEYS`, `MONGODB_URI` (it may hold a password). Sent over the IPC channel
   * when a worker asks at start (`longhaul.secretsRequest`). Default none.
   */
  secretEnv?: Record<string, string>;
  logger: Logger;
  /** First restart delay; doubles per quick crash up to `maxRestartDelayMs`. Default 500 ms. */
  restartDelayMs?: number;
  /** Default 30 s. */
  maxRestartDelayMs?: number;
  /**
   * Folder where workers write their signal-triggered diagnostic reports (`--report-directory`), made
   * private (0700) and emptied of report files at start; default the worker's cwd.
   */
  reportDirectory?: string;
  /** A worker that answers no IPC ping for this long counts as blocked: reported and restarted. Default 30 s. */
  blockedAfterMs?: number;
  /** How long to wait for a blocked worker's own report (SIGUSR2) before killing it; default 5 s. */
  reportWaitMs?: number;
  /**
   * Report a blocked worker from inside its blocking code through its inspector (opened on 127.0.0.1 by
   * SIGUSR1 only once it is found blocked, then killed); default true. False: signal report only.
   */
  inspectBlocked?: boolean;
  /** Stores the report of a blocked worker (after it was killed); default: only logged. */
  onBlockedReport?: (report: BlockedWorkerReport) => Promise<void>;
}

/** What the supervisor knows of a running worker process. */
interface WatchedWorker {
  child: ChildProcess;
  /** Port its inspector opens on when asked (SIGUSR1). */
  inspectPort: number | undefined;
  /** Its worker id, once it introduced itself. */
  workerId: string | null;
  /** Last answer to a ping (0: none yet; a worker is watched from its first answer on). */
  lastAnswerAt: number;
  /** The worker announced it blocks its own loop on purpose until then (e.g. a heap snapshot). */
  pausedUntil: number;
  seq: number;
  /** Being reported and killed as blocked. */
  blocked: boolean;
}

type Phase = 'running' | 'stopping' | 'stopped';

/** Longest a blocked worker's report may take to store before the worker is killed anyway. */
const STORE_TIMEOUT_MS = 5000;

const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

/**
 * Keeps worker processes alive: a worker that dies (crash, uncaught exception, OOM, kill) is restarted
 * with backoff; its jobs are released by its own guard or, if it died hard, when their locks expire.
 */
export class Supervisor {
  private readonly children = new Map<number, ChildProcess>();
  private readonly watched = new Map<number, WatchedWorker>();
  private phase: Phase = 'running';
  private failures = 0;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisorOptions) {}


  start(): void {
    const { reportDirectory } = this.options;
    if (reportDirectory !== undefined) {
      // Node writes a signal report whole (environment included) before we read and redact it.
      mkdirSync(reportDirectory, { recursive: true, mode: 0o700 });
      chmodSync(reportDirectory, 0o700);
      void removeReportFiles(reportDirectory).catch((error: unknown) => this.options.logger.warn({ err: error }, 'old report files not removed'));
    }
    for (let slot = 0; slot < this.options.count; slot++) this.spawn(slot);
    const blockedAfterMs = this.options.blockedAfterMs ?? 30_000;
    this.watchdog = setInterval(() => this.watch(blockedAfterMs), Math.max(50, Math.min(1000, Math.floor(blockedAfterMs / 4))));
    this.watchdog.unref();
  }

  /**
   * Asks every worker to shut down gracefully (SIGTERM); one still alive after `timeoutMs` and a grace to report
   * ({@link SHUTDOWN_GRACE_MS} / 2, within its own deadline) is killed. Resolves with the workers that did not stop
   * cleanly (exit code 0): killed, or failed to put their jobs back in time.
   */
  async stop(timeoutMs: number): Promise<{ unclean: number }> {
    this.phase = 'stopping';
    clearInterval(this.watchdog);
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<boolean>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
          child.once('exit', (code) => resolve(code === 0));
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), timeoutMs + SHUTDOWN_GRACE_MS / 2).unref();
        }),
    );
    const clean = await Promise.all(exits);
    this.phase = 'stopped';
    return { unclean: clean.filter((ok) => !ok).length };
  }

  private spawn(slot: number): void {
    if (this.options.inspectBlocked === false) return this.fork(slot, undefined);
    findFreePort().then(
      (port) => this.fork(slot, port),
      () => this.fork(slot, undefined),
    );
  }

  private fork(slot: number, inspectPort: number | undefined): void {
    if (this.phase !== 'running') return;
    const child = fork(MAIN, ['worker-process'], {
      env: childEnvironment(this.options.env, { LONGHAUL_WORKER_SLOT: String(slot), LONGHAUL_SUPERVISED: '1' }),
      execArgv: [
        '--import',
        'tsx',
        '--report-on-signal',
        '--report-signal=SIGUSR2',
        ...(this.options.reportDirectory === undefined ? [] : [`--report-directory=${this.options.reportDirectory}`]),
        ...(inspectPort === undefined ? [] : [`--inspect-port=127.0.0.1:${inspectPort}`]),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = Date.now();
    this.children.set(slot, child);
    const watched: WatchedWorker = { child, inspectPort, workerId: null, lastAnswerAt: 0, pausedUntil: 0, seq: 0, blocked: false };
    this.watched.set(slot, watched);
    child.on('message', (message: unknown) => {
      if (!isSupervisorMessage(message)) return;
      if (message.type === 'longhaul.hello' || message.type === 'longhaul.pong') {
        watched.workerId = message.workerId;
        watched.lastAnswerAt = Date.now();
        watched.pausedUntil = 0;
      }
      // A pause announced by the worker itself does not count as blocked (until its next answer or its bound).
      if (message.type === 'longhaul.pause') watched.pausedUntil = Date.now() + message.ms;
      if (message.type === 'longhaul.secretsRequest' && child.connected) {
        const answer: SupervisorMessage = { type: 'longhaul.secrets', env: this.options.secretEnv ?? {} };
        child.send(answer, (error) => {
          if (error !== null && error !== undefined) this.options.logger.warn({ err: error, pid: child.pid }, 'worker configuration not sent');
        });
      }
    });
    this.options.logger.info({ slot, pid: child.pid }, 'worker process started');
    child.once('exit', (code, signal) => {
      if (this.children.get(slot) === child) this.children.delete(slot);
      if (this.watched.get(slot) === watched) this.watched.delete(slot);
      if (this.phase !== 'running') return;
      this.failures = Date.now() - started > 60_000 ? 1 : this.failures + 1;
      const base = this.options.restartDelayMs ?? 500;
      const delay = Math.min(this.options.maxRestartDelayMs ?? 30_000, base * 2 ** (this.failures - 1));
      this.options.logger.warn({ slot, pid: child.pid, code, signal, restartInMs: delay }, 'worker process died; restarting');
      setTimeout(() => {
        if (this.phase === 'running') this.spawn(slot);
      }, delay);
    });
  }

  /** Pings every worker; one that stopped answering for `blockedAfterMs` is reported and killed (then restarted). */
  private watch(blockedAfterMs: number): void {
    const now = Date.now();
    for (const watched of this.watched.values()) {
      const { child } = watched;
      if (watched.blocked || child.exitCode !== null || child.signalCode !== null || !child.connected) continue;
      if (watched.lastAnswerAt > 0 && now - watched.lastAnswerAt > blockedAfterMs && now > watched.pausedUntil) {
        watched.blocked = true;
        void this.reportAndKill(watched, now - watched.lastAnswerAt);
        continue;
      }
      const ping: SupervisorMessage = { type: 'longhaul.ping', seq: ++watched.seq };
      child.send(ping, (error) => {
        if (error !== null && error !== undefined) this.options.logger.debug({ err: error, pid: child.pid }, 'ping not sent');
      });
    }
  }

  private async reportAndKill(watched: WatchedWorker, blockedForMs: number): Promise<void> {
    const { logger, reportDirectory, reportWaitMs = 5000, onBlockedReport } = this.options;
    const { child, workerId } = watched;
    const pid = child.pid!;
    logger.error({ pid, workerId, blockedForMs }, 'worker event loop blocked; collecting a report, then restarting it');
    let report: BlockedWorkerReport | undefined;
    try {
      report = await collectBlockedReport({ child, workerId, blockedForMs, reportDirectory, reportWaitMs, inspectPort: watched.inspectPort });
    } catch (error) {
      logger.warn({ err: error, pid }, 'no report of the blocked worker');
    }
    // Stored before the kill, while the blocked run still holds its job (the report is linked to it);
    // bounded, since the worker is of no use any more.
    if (report !== undefined && onBlockedReport !== undefined) {
      await Promise.race([onBlockedReport(report), sleep(STORE_TIMEOUT_MS, undefined, { ref: false }).then(() => Promise.reject(new Error(`not stored within ${STORE_TIMEOUT_MS} ms`)))]).catch((error: unknown) =>
        logger.error({ err: error, pid, workerId }, 'report of the blocked worker could not be stored'),
      );
    }
    child.kill('SIGKILL');
    // A report the worker wrote after we stopped waiting (its loop came free) is not left behind.
    if (reportDirectory !== undefined) {
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      await removeReportFiles(reportDirectory, pid);
    }
  }
}
