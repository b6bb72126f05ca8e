import type { DiagnosticStore } from './diagnosticStore.ts';

/** Options of {@link DiagnosticSweeper}. */
export interface DiagnosticSweeperOptions {
  store: DiagnosticStore;
  /** Interval between sweeps in ms (`LONGHAUL_DIAGNOSTICS_SWEEP_MS`; default 600,000). */
  intervalMs?: number;
  /** Called when a sweep fails (the next one tries again); default nothing. */
  onError?: (error: unknown) => void;
}

/**
 * Deletes expired diagnostics (record and file) periodically, through {@link DiagnosticStore.sweep}: no TTL
 * index, it must run on FerretDB and DocumentDB too. Downloads check `expiresAt` themselves, so a file past
 * its time is never served even before the sweep. Runs in the API process (like the export sweeper).
 */
export class DiagnosticSweeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private running: Promise<number> | undefined;

  constructor(private readonly options: DiagnosticSweeperOptions) {
    this.intervalMs = options.intervalMs ?? 600_000;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sweep().catch((error: unknown) => this.options.onError?.(error)), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sweep (joins the one under way); returns how many diagnostics it deleted. */
  async sweep(now = new Date()): Promise<number> {
    this.running ??= this.options.store.sweep(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
