import { describe, expect, it } from 'vitest';
import { newRecordId, RECORD_ID_PATTERN } from '../../src/db/recordId.ts';

describe('newRecordId', () => {
  it('should give 22 url-safe characters, all different, none starting with "-" (a command line would read it as an option)', () => {
    // One random id in 64 started with "-": 20,000 draws meet about 310 of them, so a generator that let them
    // through fails here with certainty for any practical purpose (probability 0.984^20000).
    const ids = Array.from({ length: 20_000 }, () => newRecordId());
    expect(ids.filter((id) => !RECORD_ID_PATTERN.test(id) || id.length !== 22)).toEqual([]);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    // Every other character still comes up first (the ids keep their spread).
    expect(new Set(ids.map((id) => id[0])).size).toBe(63);
  });
});
