import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventLoopMonitor } from '../../src/monitoring/eventLoopMonitor.ts';

describe('EventLoopMonitor', () => {
  it('should report the delay beyond the sampling interval: an idle loop reads far below the interval', async () => {
    const monitor = new EventLoopMonitor(20);
    monitor.start();
    try {
      // Nothing to await: the loop must stay idle for several sampling intervals.
      await sleep(300);
      const delay = monitor.sample();
      expect(delay).not.toBeNull();
      // Counting the interval in, an idle loop reads about 20 ms at p50.
      expect(delay!.p50Ms).toBeLessThan(10);
      expect(delay!.meanMs).toBeLessThanOrEqual(delay!.maxMs);
    } finally {
      monitor.stop();
    }
  });

  it('should report a blocked loop as the time it was blocked', async () => {
    const monitor = new EventLoopMonitor(20);
    monitor.start();
    try {
      // The monitor samples on its own timer: a few intervals before and after the block (nothing to await).
      await sleep(50);
      const until = Date.now() + 150;
      while (Date.now() < until) {
        // Busy-wait: the loop is blocked on purpose.
      }
      await sleep(50);
      const delay = monitor.sample();
      expect(delay!.maxMs).toBeGreaterThanOrEqual(100);
    } finally {
      monitor.stop();
    }
  });
});
