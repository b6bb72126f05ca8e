import { PeriodicSweep } from '../db/periodicSweep.ts';
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
  private readonly periodic: PeriodicSweep;

  constructor(options: DiagnosticSweeperOptions) {
    this.periodic = new PeriodicSweep({ sweep: (now) => options.store.sweep(now), intervalMs: options.intervalMs, onError: options.onError });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): void {
    this.periodic.stop();
  }

  /** One sweep (joins the one under way); returns how many diagnostics it deleted. */
  sweep(now = new Date()): Promise<number> {
    return this.periodic.run(now);
  }
}
