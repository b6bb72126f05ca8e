/** Options of {@link ProgressRate}. */
export interface ProgressRateOptions {
  /** How far back samples count towards the rate, in ms. Default 10000. */
  windowMs?: number;
}

/**
 * Rate and time left of a job's progress, from the samples of the last `windowMs`: a sliding window
 * follows a job that speeds up or slows down (a retry resuming from a checkpoint) better than an average since the start.
 */
export class ProgressRate {
  readonly #windowMs: number;
  readonly #samples: { processed: number; atMs: number }[] = [];

  constructor(options: ProgressRateOptions = {}) {
    this.#windowMs = options.windowMs ?? 10_000;
    if (!(this.#windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${this.#windowMs}`);
  }

  /** Records that `processed` units were done at `atMs` (epoch ms). A value lower than the last one (a restart) starts over. */
  add(processed: number, atMs: number): void {
    const last = this.#samples.at(-1);
    if (last !== undefined && processed < last.processed) this.#samples.length = 0;
    this.#samples.push({ processed, atMs });
    while (this.#samples.length > 2 && this.#samples[0]!.atMs < atMs - this.#windowMs) this.#samples.shift();
  }

  /** Units per second over the window; undefined until two samples are apart in time. */
  perSecond(): number | undefined {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (first === undefined || last === undefined || last.atMs <= first.atMs) return undefined;
    return ((last.processed - first.processed) * 1000) / (last.atMs - first.atMs);
  }

  /** Milliseconds left to reach `total` at the current rate; undefined without a total or a positive rate. */
  etaMs(total: number | null | undefined): number | undefined {
    const rate = this.perSecond();
    const last = this.#samples.at(-1);
    if (total === null || total === undefined || rate === undefined || rate <= 0 || last === undefined) return undefined;
    return (Math.max(0, total - last.processed) / rate) * 1000;
  }
}
