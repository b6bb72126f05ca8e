import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventLoopDelayRecord } from './workerDocument.ts';

const NS_PER_MS = 1e6;

/**
 * Measures this process's event-loop delay continuously (`perf_hooks.monitorEventLoopDelay`) and hands
 * it out per interval: each {@link sample} covers the time since the previous one.
 */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;
  private last: EventLoopDelayRecord | null = null;

  /** `resolutionMs`: sampling rate of the histogram; default 20 ms. */
  constructor(resolutionMs = 20) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  start(): void {
    this.histogram.enable();
  }

  stop(): void {
    this.histogram.disable();
  }

  /** Delay since the previous sample (then resets; the registry heartbeat samples); `null` when nothing was measured yet. */
  sample(): EventLoopDelayRecord | null {
    const current = this.peek();
    this.histogram.reset();
    this.last = current;
    return current;
  }

  /** Delay since the previous sample so far, without resetting (for a diagnostic report); the previous sample when none yet. */
  peek(): EventLoopDelayRecord | null {
    const h = this.histogram;
    if (h.count === 0) return this.last;
    return { meanMs: h.mean / NS_PER_MS, p50Ms: h.percentile(50) / NS_PER_MS, p99Ms: h.percentile(99) / NS_PER_MS, maxMs: h.max / NS_PER_MS };
  }
}
