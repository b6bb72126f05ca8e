import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logging/logger.ts';

/** Options of {@link Supervisor}. */
export interface SupervisorOptions {
  /** Worker processes to keep running. */
  count: number;
  /** Environment of the workers (the database URI among it). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** First restart delay; doubles per quick crash up to `maxRestartDelayMs`. Default 500 ms. */
  restartDelayMs?: number;
  /** Default 30 s. */
  maxRestartDelayMs?: number;
}

type Phase = 'running' | 'stopping' | 'stopped';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * Keeps worker processes alive: a worker that dies (crash, uncaught exception, OOM, kill) is restarted
 * with backoff; its jobs are released by its own guard or, if it died hard, when their locks expire.
 */
export class Supervisor {
  private readonly children = new Map<number, ChildProcess>();
  private phase: Phase = 'running';
  private failures = 0;

  constructor(private readonly options: SupervisorOptions) {}


  start(): void {
    for (let slot = 0; slot < this.options.count; slot++) this.spawn(slot);
  }

  /** Asks every worker to shut down gracefully (SIGTERM), kills those still alive after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    this.phase = 'stopping';
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), timeoutMs).unref();
        }),
    );
    await Promise.all(exits);
    this.phase = 'stopped';
  }

  private spawn(slot: number): void {
    const child = fork(MAIN, ['worker-process'], {
      env: { ...this.options.env, LONGHAUL_WORKER_SLOT: String(slot), LONGHAUL_SUPERVISED: '1' },
      execArgv: ['--import', 'tsx', '--report-on-signal', '--report-signal=SIGUSR2'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = Date.now();
    this.children.set(slot, child);
    this.options.logger.info({ slot, pid: child.pid }, 'worker process started');
    child.once('exit', (code, signal) => {
      if (this.children.get(slot) === child) this.children.delete(slot);
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
}
