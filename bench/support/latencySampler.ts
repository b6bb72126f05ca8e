/** One request's round trip. */
export interface LatencySample {
  /** When it was sent (`Date.now()`). */
  at: number;
  /** Round trip, ms. */
  ms: number;
}

/** Sends one request after another (one in flight) until stopped; records each one's start time and round trip. */
export class LatencySampler {
  private readonly samples: LatencySample[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Requests that failed (each still a sample of its duration). */
  failures = 0;

  constructor(private readonly request: () => Promise<unknown>) {}

  /** Starts sending; once only. */
  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        const at = Date.now();
        const t0 = performance.now();
        try {
          await this.request();
        } catch {
          this.failures += 1;
        }
        this.samples.push({ at, ms: performance.now() - t0 });
      }
    })();
  }

  /** Stops after the request in flight; resolves with every sample, in order. */
  async stop(): Promise<LatencySample[]> {
    this.stopped = true;
    await this.running;
    return this.samples;
  }
}
