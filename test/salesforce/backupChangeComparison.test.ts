import { describe, expect, it } from 'vitest';
import { sameStoredContent } from '../../src/jobs/salesforce/backup/backupChangeTracker.ts';

const VALUES: unknown[] = [null, '', 'a', 'null', '1', 'true', 0, -0, 1, 1.5, 12, true, false, Number.NaN, Number.POSITIVE_INFINITY, undefined, { a: 1 }, { a: 2 }, [1], [1, 2]];

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sameStoredContent', () => {
  it('should decide like comparing the JSON text of both records, whatever the values and field order', () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    for (let n = 0; n < 20_000; n++) {
      const names = ['Id', 'Name', 'Amount', 'When'].slice(0, 1 + Math.floor(next() * 4));
      const a: Record<string, unknown> = {};
      for (const name of names) a[name] = pick(VALUES);
      // Mostly the same record with one change, sometimes fields in another order or one more field.
      const order = next() < 0.1 ? [...names].reverse() : names;
      const b: Record<string, unknown> = {};
      for (const name of order) b[name] = next() < 0.7 ? a[name] : pick(VALUES);
      if (next() < 0.05) b.Extra = pick(VALUES);
      expect(sameStoredContent(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });

  it('should tell records apart by a changed value and find equal ones equal', () => {
    expect(sameStoredContent({ Id: '001A', Name: 'Acme', Amount: 1 }, { Id: '001A', Name: 'Acme', Amount: 1 })).toBe(true);
    expect(sameStoredContent({ Id: '001A', Name: 'Acme', Amount: 1 }, { Id: '001A', Name: 'Acme', Amount: '1' })).toBe(false);
    expect(sameStoredContent({ Id: '001A', Name: null }, { Id: '001A', Name: 'null' })).toBe(false);
    expect(sameStoredContent({ Id: '001A', Amount: Number.NaN }, { Id: '001A', Amount: null })).toBe(true);
  });
});
