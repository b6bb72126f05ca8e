import { openBenchDatabase } from '../support/benchDatabase.ts';
import { runBounded } from '../support/boundedConcurrency.ts';
const database = await openBenchDatabase();
const db = database.db('ferret_probe2');
await db.createCollection('events', { capped: true, size: 64 * 1024 * 1024, max: 5000 });
await db.collection('events').createIndex({ seq: 1 });
const counters = db.collection<{ _id: string; seq: number }>('counters');
const events = db.collection('events');
const jobs = db.collection('jobs');
const errors = new Map<string, number>();
const seqs: number[] = [];
for (const c of [1, 4, 16, 32]) {
  const t0 = Date.now();
  const n = 200;
  await runBounded(n, c, async () => {
    try {
      await jobs.insertOne({ x: 1, payload: 'y'.repeat(800) });
      const r = await counters.findOneAndUpdate({ _id: 'events' }, { $inc: { seq: 2 } }, { upsert: true, returnDocument: 'after' });
      const last = r!.seq;
      seqs.push(last - 1, last);
      await events.insertMany([{ seq: last - 1, at: new Date(), payload: 'z'.repeat(800) }, { seq: last, at: new Date() }], { ordered: true });
    } catch (e) {
      const m = String((e as Error).message).slice(0, 200);
      errors.set(m, (errors.get(m) ?? 0) + 1);
    }
  });
  console.log(`C=${c}: ${n} create-like sequences in ${Date.now() - t0} ms`);
}
const counter = await counters.findOne({ _id: 'events' });
const distinct = new Set(seqs);
console.log('counter', counter?.seq, 'expected', 800 * 2, 'allocated seqs', seqs.length, 'distinct', distinct.size);
console.log('errors', errors);
await database.close();
