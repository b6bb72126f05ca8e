import { describe, expect, it } from 'vitest';
import { CostSpacedCache } from '../../src/monitoring/stats/costSpacedCache.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CostSpacedCache', () => {
  it('should reuse a costly value for cost/share, then serve it while one recomputation runs in the background', async () => {
    const cache = new CostSpacedCache<number>({ minMs: 10, share: 0.5, inlineMs: 20 });
    let computed = 0;
    const slow = async () => {
      await sleep(60);
      return ++computed;
    };
    expect(await cache.get('k', slow)).toBe(1);
    // Within 2 x 60 ms of the first: reused, nothing computed.
    expect(await cache.get('k', slow)).toBe(1);
    expect(computed).toBe(1);
    // Once due again, readers keep getting the last value, never waiting, while one recomputation runs.
    const seen: number[] = [];
    while (computed < 2) {
      seen.push(await cache.get('k', slow));
      await sleep(10);
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((v) => v === 1)).toBe(true);
    expect(await cache.get('k', slow)).toBe(2);
    expect(computed).toBe(2);
    // Another key is its own value.
    expect(await cache.get('other', async () => 42)).toBe(42);
  });

  it('should recompute a cheap value while the reader waits once minMs passed, and retry a failed first computation', async () => {
    const cache = new CostSpacedCache<number>({ minMs: 30, share: 0.05, inlineMs: 100 });
    let n = 0;
    const cheap = async () => ++n;
    expect(await cache.get('k', cheap)).toBe(1);
    expect(await cache.get('k', cheap)).toBe(1);
    await sleep(40);
    expect(await cache.get('k', cheap)).toBe(2);

    await expect(cache.get('failing', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('failing', async () => 7)).toBe(7);
  });
});
