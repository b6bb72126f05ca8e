import { describe, expect, it } from 'vitest';
import { ProgressRate } from '../../src/cli/watch/progressRate.ts';

describe('ProgressRate', () => {
  it('should have no rate or ETA before two samples apart in time', () => {
    const rate = new ProgressRate();
    expect(rate.perSecond()).toBeUndefined();
    rate.add(10, 1000);
    expect(rate.perSecond()).toBeUndefined();
    expect(rate.etaMs(100)).toBeUndefined();
  });

  it('should measure units per second over the window and the time left to the total', () => {
    const rate = new ProgressRate({ windowMs: 10_000 });
    rate.add(0, 0);
    rate.add(50, 5_000);
    rate.add(100, 10_000);
    expect(rate.perSecond()).toBe(10);
    expect(rate.etaMs(300)).toBe(20_000);
    expect(rate.etaMs(null)).toBeUndefined();
  });

  it('should forget samples older than the window, so a speed change shows', () => {
    const rate = new ProgressRate({ windowMs: 1_000 });
    rate.add(0, 0);
    rate.add(1, 1_000);
    rate.add(101, 2_000);
    expect(rate.perSecond()).toBe(100);
  });

  it('should start over when progress goes back (a retry from an earlier checkpoint)', () => {
    const rate = new ProgressRate();
    rate.add(0, 0);
    rate.add(80, 1_000);
    rate.add(40, 2_000);
    expect(rate.perSecond()).toBeUndefined();
    rate.add(60, 3_000);
    expect(rate.perSecond()).toBe(20);
  });

  it('should refuse a window that is not positive', () => {
    expect(() => new ProgressRate({ windowMs: 0 })).toThrow(RangeError);
  });
});
