/** Options of {@link PeriodicSweep}. */
export interface PeriodicSweepOptions {
  /** One sweep at `now`; returns how many things it removed or changed. */
  sweep(now: Date): Promise<number>;
  /** Interval between sweeps in ms; default 600,000. */
  intervalMs?: number;
  /** Called when a sweep fails (the next one tries again); default nothing. */
  onError?: (error: unknown) => void;
}

/**
 * Runs a sweep periodically (retention without TTL indexes, which FerretDB and DocumentDB lack): one timer,
 * unref'd, and at most one sweep at a time (a call while one is under way joins it).
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly intervalMs: number;

  constructor(private readonly options: PeriodicSweepOptions) {
    this.intervalMs = options.intervalMs ?? 600_000;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.run().catch((error: unknown) => this.options.onError?.(error)), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sweep now (joins the one under way); returns its count. */
  run(now = new Date()): Promise<number> {
    this.running ??= this.options.sweep(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
