import { MongoClient } from 'mongodb';
import { RestoreIdMap, RestoreResultStore } from '/work/main/src/storage/index.ts';
const c = await MongoClient.connect('mongodb://127.0.0.1:43947/');
const db = c.db('bench_tmp_idmap');
await db.dropDatabase();
const map = new RestoreIdMap(db);
const results = new RestoreResultStore(db);
for (let b = 0; b < 60; b++) {
  const pairs = Array.from({ length: 200 }, (_, i) => ({ sourceId: `001S${b}x${i}`, targetId: `001T${b}x${i}` }));
  const t0 = Date.now();
  await map.targetsOf('r1', pairs.map((p) => p.sourceId));
  const t1 = Date.now();
  await map.put('r1', 'Account', pairs);
  const t2 = Date.now();
  await results.record('r1', pairs.map((p) => ({ object: 'Account', sourceId: p.sourceId, targetId: p.targetId, outcome: 'CREATED', pass: 1, errors: [], at: new Date() })));
  const t3 = Date.now();
  if (b % 10 === 0 || b === 59) console.log(b, 'targetsOf', t1 - t0, 'put', t2 - t1, 'record', t3 - t2);
}
await db.dropDatabase();
await c.close();
