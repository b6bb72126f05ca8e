import { PeriodicSweep } from '../db/periodicSweep.ts';
import { ExportStatus } from './exportDocument.ts';
import type { ExportFileStore } from './exportFileStore.ts';
import type { ExportStore } from './exportStore.ts';

/** Options of {@link ExportSweeper}. */
export interface ExportSweeperOptions {
  exports: ExportStore;
  files: ExportFileStore;
  /** Interval between sweeps in ms (default 600,000). */
  intervalMs?: number;
  /** Called when a sweep fails (the next one tries again). */
  onError?: (error: unknown) => void;
}

/**
 * Removes the files of expired exports and marks them `EXPIRED`, periodically (no TTL index: it must
 * run on FerretDB and DocumentDB too). Downloads check `expiresAt` themselves, so a file past its
 * time is never served even before the sweep.
 */
export class ExportSweeper {
  private readonly periodic: PeriodicSweep;

  constructor(private readonly options: ExportSweeperOptions) {
    this.periodic = new PeriodicSweep({ sweep: (now) => this.expire(now), intervalMs: options.intervalMs, onError: options.onError });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): void {
    this.periodic.stop();
  }

  /** One sweep (joins the one under way); returns how many exports expired. */
  sweep(now = new Date()): Promise<number> {
    return this.periodic.run(now);
  }

  private async expire(now: Date): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.options.exports.listExpiredAnyTenant(now);
      if (batch.length === 0) return expired;
      for (const e of batch) {
        await this.options.files.remove(e.tenantId, e.id);
        await this.options.exports.update(e.tenantId, e.id, { status: ExportStatus.Expired });
        expired++;
      }
    }
  }
}
