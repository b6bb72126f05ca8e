import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { RestoreIdMap, RestoreResultStore } from '../../src/storage/index.ts';

describe('restore stores', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await withTestDatabase('restorestores');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should keep one Id map entry per source record when a batch is written again', async () => {
    const map = new RestoreIdMap(database.db);
    await map.put('t', 'r1', 'Account', [{ sourceId: 'a1', targetId: null }, { sourceId: 'a2', targetId: 't2' }]);
    await map.put('t', 'r1', 'Account', [{ sourceId: 'a1', targetId: 't1' }, { sourceId: 'a2', targetId: 't2' }, { sourceId: 'a3', targetId: 't3' }]);
    await map.put('t', 'r2', 'Account', [{ sourceId: 'a1', targetId: 'other' }]);
    expect(await map.targetsOf('t', 'r1', ['a1', 'a2', 'a3', 'a4'])).toEqual(new Map([['a1', 't1'], ['a2', 't2'], ['a3', 't3']]));
    expect(await map.knownTargets('t', 'r1', ['t1', 't3', 'other'])).toEqual(new Set(['t1', 't3']));
    // Another tenant naming the same restore finds nothing, and clears nothing.
    expect(await map.targetsOf('u', 'r1', ['a1', 'a2'])).toEqual(new Map());
    expect(await map.knownTargets('u', 'r1', ['t1'])).toEqual(new Set());
    await map.clear('u', 'r1');
    expect(await map.targetsOf('t', 'r1', ['a1'])).toEqual(new Map([['a1', 't1']]));
    await map.clear('t', 'r1');
    expect(await map.targetsOf('t', 'r1', ['a1'])).toEqual(new Map());
    expect(await map.targetsOf('t', 'r2', ['a1'])).toEqual(new Map([['a1', 'other']]));
  });

  it('should replace the results of a batch written again and page through them', async () => {
    const results = new RestoreResultStore(database.db);
    const at = new Date();
    const result = (sourceId: string, outcome: 'CREATED' | 'FAILED') => ({ object: 'Contact', sourceId, targetId: outcome === 'CREATED' ? `t${sourceId}` : null, outcome, pass: 1, errors: [], at });
    await results.record('t', 'r1', [result('1', 'FAILED'), result('2', 'CREATED')]);
    await results.record('t', 'r1', [result('1', 'CREATED'), result('2', 'CREATED'), result('3', 'FAILED')]);
    const all = await results.list('t', 'r1');
    expect(all.map((r) => [r.sourceId, r.outcome])).toEqual([['1', 'CREATED'], ['2', 'CREATED'], ['3', 'FAILED']]);
    expect(await results.list('u', 'r1')).toEqual([]);
    expect((await results.list('t', 'r1', { outcome: 'FAILED' })).map((r) => r.sourceId)).toEqual(['3']);
    const page = await results.list('t', 'r1', { first: 1, after: all[0]!.cursor });
    expect(page.map((r) => r.sourceId)).toEqual(['2']);
  });
});
