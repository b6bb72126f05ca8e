import { openBenchDatabase } from '../support/benchDatabase.ts';
const database = await openBenchDatabase();
const db = database.db('ferret_probe');
const c = db.collection('t');
await c.insertOne({ _id: 1 as never, startedAt: null, state: 'Q', attempt: 0, version: 1, a: 0, b: 0 });
const r = await c.findOneAndUpdate({ _id: 1 as never, state: { $in: ['Q'] } }, { $set: { state: 'R' }, $min: { startedAt: new Date() }, $inc: { attempt: 1, version: 1 } }, { returnDocument: 'after' });
console.log('fau result', r);
console.log('stored', await c.findOne({ _id: 1 as never }));
// concurrency: many concurrent updates to different fields of one doc
await c.insertOne({ _id: 2 as never, a: 0, b: 0 });
const ops: Promise<unknown>[] = [];
for (let i = 0; i < 200; i++) {
  ops.push(c.updateOne({ _id: 2 as never }, { $inc: { a: 1 } }));
  ops.push(c.findOneAndUpdate({ _id: 2 as never }, { $inc: { b: 1 } }, { returnDocument: 'after' }));
}
await Promise.all(ops);
console.log('after 200+200 concurrent incs', await c.findOne({ _id: 2 as never }));
// different docs concurrently
const docs = Array.from({ length: 50 }, (_, i) => ({ _id: (100 + i) as never, n: 0, m: 0 }));
await c.insertMany(docs);
const ops2: Promise<unknown>[] = [];
for (let k = 0; k < 10; k++) for (let i = 0; i < 50; i++) {
  ops2.push(c.updateOne({ _id: (100 + i) as never }, { $inc: { n: 1 } }));
  ops2.push(c.findOneAndUpdate({ _id: (100 + i) as never }, { $inc: { m: 1 } }));
}
await Promise.all(ops2);
const all = await c.find({ _id: { $gte: 100 as never } }).toArray();
console.log('bad docs', all.filter((d) => d.n !== 10 || d.m !== 10).map((d) => [d._id, d.n, d.m]));
await database.close();
