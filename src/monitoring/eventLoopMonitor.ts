import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventLoopDelayRecord } from './workerDocument.ts';

const NS_PER_MS = 1e6;

/**
 * Measures this process's event-loop delay continuously (`perf_hooks.monitorEventLoopDelay`) and hands
 * it out per interval: each {@link sample} covers the time since the previous one.
 *
 * `monitorEventLoopDelay` records the time between two ticks of its sampling timer, so every sample
 * includes the sampling interval itself (an idle loop reads as the resolution, 20 ms). The figures here
 * are the delay beyond that interval: an idle process reads well under 1 ms.
 */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly resolutionNs: number;
  private last: EventLoopDelayRecord | null = null;

  /** `resolutionMs`: sampling rate of the histogram; default 20 ms. */
  constructor(resolutionMs = 20) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.resolutionNs = resolutionMs * NS_PER_MS;
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
    const beyond = (ns: number): number => Math.max(0, ns - this.resolutionNs) / NS_PER_MS;
    return { meanMs: beyond(h.mean), p50Ms: beyond(h.percentile(50)), p99Ms: beyond(h.percentile(99)), maxMs: beyond(h.max) };
  }
}
