import { describe, expect, it } from 'vitest';
import { sameStoredContent } from '../../src/jobs/salesforce/backup/backupChangeTracker.ts';
import { Random } from '../support/random.ts';

const VALUES: unknown[] = [null, '', 'a', 'null', '1', 'true', 0, -0, 1, 1.5, 12, true, false, Number.NaN, Number.POSITIVE_INFINITY, undefined, { a: 1 }, { a: 2 }, [1], [1, 2]];

describe('sameStoredContent', () => {
  it('should decide like comparing the JSON text of both records, whatever the values and field order', () => {
    const random = new Random(42);
    const next = () => random.next();
    const pick = <T>(items: readonly T[]): T => random.pick(items);
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
