import { openBenchDatabase } from '../support/benchDatabase.ts';
import { BenchProcess } from '../support/benchProcess.ts';
import { GraphqlHttpClient } from '../support/graphqlHttpClient.ts';
import { startServe, startWork } from '../support/longhaulService.ts';
import { connectWsClient } from '../support/wsClient.ts';
import { setTimeout as sleep } from 'node:timers/promises';

process.on('exit', () => BenchProcess.killAll());
const database = await openBenchDatabase();
const dbName = database.newDatabaseName('dbg');
const svc = { mongoUri: database.serverUri, dbName, apiKeys: 'benchkey123=bench', env: { LOG_LEVEL: process.env.DBG_LOG ?? 'warn' } };
const serve = await startServe(svc);
const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: 'benchkey123' });
const db = database.db(dbName);
import { runBounded } from '../support/boundedConcurrency.ts';
const pre = Number(process.env.PRE ?? 0);
if (pre > 0) {
  const w0 = await startWork(svc);
  await runBounded(pre, 16, () => http.createJob('demo.count', { to: 0 }));
  await sleep(Number(process.env.PREWAIT ?? 15000));
  await w0.stop();
  console.log('pre events', await db.collection('events').countDocuments());
}
const id = await http.createJob('demo.count', { to: Number(process.env.TO ?? 60), delayMs: 20, checkpointEvery: 50 });
const K = Number(process.env.K ?? 1);
const others = await Promise.all(Array.from({ length: K - 1 }, () => connectWsClient({ url: serve.wsUrl, apiKey: 'benchkey123' })));
for (const o of others) o.subscribe({ query: 'subscription($id: ID!) { jobProgress(id: $id) { position kind at } }', variables: { id } }, { next: () => undefined, error: () => undefined, complete: () => undefined });
const client = await connectWsClient({ url: serve.wsUrl, apiKey: 'benchkey123' });
// own tail of the events collection, polling
const seen = new Map<number, number>();
let polling = true;
void (async () => {
  let last = -1;
  while (polling) {
    const docs = await db.collection('events').find({ seq: { $gt: last } }).sort({ seq: 1 }).toArray();
    const now = Date.now();
    for (const d of docs) { if (!seen.has(d.seq)) seen.set(d.seq, now - d.at.getTime()); last = Math.max(last, d.seq); }
    await sleep(2);
  }
})();
const lines: string[] = [];
const done = new Promise<void>((resolve) => {
  client.subscribe<{ jobProgress: { position: string; kind: string; at: string } }>(
    { query: 'subscription($id: ID!) { jobProgress(id: $id) { position kind at job { progress { processed } } } }', variables: { id } },
    {
      next: (r) => { const e = r.data!.jobProgress; const seq = parseInt(e.position, 36); lines.push(`${e.kind} seq=${seq} lat=${Date.now() - Date.parse(e.at)} pollLat=${seen.get(seq)}`); },
      error: (e) => { lines.push('ERR ' + String(e)); resolve(); },
      complete: () => resolve(),
    },
  );
});
await sleep(500);
const work = await startWork(svc);
await Promise.race([done, sleep(60000)]);
polling = false;
console.log(lines.join('\n'));
const events = await db.collection('events').find({}).toArray();
console.log('natural order seqs (last 40):', events.map((e) => e.seq).slice(-40).join(','));
console.log('--- serve tail\n' + serve.process.tail(3000));
console.log('--- work tail\n' + work.tail(3000));
await client.dispose(); for (const o of others) await o.dispose();
await work.stop(); await serve.process.stop(); await database.close();
