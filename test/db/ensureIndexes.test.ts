import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { collectionSpecs } from '../../src/app/collectionSpecs.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import type { CollectionSpec } from '../../src/db/collectionSpec.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';

/** The collections a spec stands for: itself, or a bucket's two. */
const physical = (spec: CollectionSpec): string[] => (spec.bucket === true ? [`${spec.name}.files`, `${spec.name}.chunks`] : [spec.name]);

describe('ensureIndexes over the collections the stores declare', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await withTestDatabase('ensure_indexes');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should give every collection exactly one owner', () => {
    const names = [...collectionSpecs, ...MongoBus.collections()].flatMap(physical);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['agendaJobs', 'jobLogs', 'orgs', 'backups', 'restores', 'exports', 'workers', 'zombies', 'alerts', 'diagnostics', 'events']));
  });

  it('should create every declared index, and change nothing when run again', async () => {
    await ensureIndexes(t.db, collectionSpecs);
    const indexesOf = async () =>
      Object.fromEntries(
        await Promise.all(
          collectionSpecs
            .filter((spec) => spec.indexes.length > 0)
            .map(async (spec) => [spec.name, (await t.db.collection(spec.name).indexes()).filter((i) => i.name !== '_id_').map((i) => ({ name: i.name, key: i.key, unique: i.unique === true })).sort((a, b) => a.name!.localeCompare(b.name!))] as const),
        ),
      );
    const expected = Object.fromEntries(
      collectionSpecs
        .filter((spec) => spec.indexes.length > 0)
        .map((spec) => [spec.name, spec.indexes.map((i) => ({ name: i.name, key: i.key, unique: i.unique === true })).sort((a, b) => a.name.localeCompare(b.name))]),
    );
    expect(await indexesOf()).toEqual(expected);
    await ensureIndexes(t.db, collectionSpecs);
    expect(await indexesOf()).toEqual(expected);
  });

  it('should create a capped collection before its index, and replace an older index on the same key with the declared one', async () => {
    const spec: CollectionSpec = { name: 'cappedThings', holds: 'a test document', capped: { sizeBytes: 1024 * 1024, maxDocuments: 10 }, indexes: [{ name: 'n_unique', key: { n: 1 }, unique: true }] };
    await t.db.createCollection('plainThings');
    await t.db.collection('plainThings').createIndex({ n: 1 }, { name: 'n' });
    const replaced: string[] = [];
    await ensureIndexes(t.db, [spec, { ...spec, name: 'plainThings', capped: undefined }], { onReplace: (collection, oldIndex, newIndex) => replaced.push(`${collection}:${oldIndex}->${newIndex}`) });
    expect(await t.db.collection('cappedThings').isCapped()).toBe(true);
    expect(replaced).toEqual(['plainThings:n->n_unique']);
    for (const name of ['cappedThings', 'plainThings']) {
      const indexes = (await t.db.collection(name).indexes()).filter((i) => i.name !== '_id_');
      expect(indexes.map((i) => ({ name: i.name, unique: i.unique }))).toEqual([{ name: 'n_unique', unique: true }]);
    }
  });
});
