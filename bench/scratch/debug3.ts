import { openBenchDatabase } from '../support/benchDatabase.ts';
import { BenchProcess } from '../support/benchProcess.ts';
import { GraphqlHttpClient } from '../support/graphqlHttpClient.ts';
import { startServe, startWork } from '../support/longhaulService.ts';
import { runBounded } from '../support/boundedConcurrency.ts';
import { setTimeout as sleep } from 'node:timers/promises';

process.on('exit', () => BenchProcess.killAll());
const database = await openBenchDatabase();
const dbName = database.newDatabaseName('dbg');
const svc = { mongoUri: database.serverUri, dbName, apiKeys: 'benchkey123=bench', env: { LOG_LEVEL: process.env.DBG_LOG ?? 'warn' } };
const serve = await startServe(svc);
const work = process.env.WORK === '1' ? await startWork(svc) : undefined;
await sleep(3000);
const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: 'benchkey123', timeoutMs: 120000 });
const n = Number(process.env.N ?? 200);
const conc = Number(process.env.C ?? 16);
const durations: number[] = [];
const byIndex: number[] = [];
const t0 = Date.now();
const timeline: string[] = [];
await runBounded(n, conc, async (i) => {
  const s = Date.now();
  try { await http.createJob('demo.count', { to: 0 }); } catch (e) { timeline.push(`#${i} ERROR ${(e as Error).message}`); }
  durations.push(Date.now() - s); byIndex[i] = Date.now() - s;
  if (Date.now() - s > 1000) timeline.push(`#${i} start=${s - t0} took=${Date.now() - s}`);
});
for (let k = 0; k < n; k += 50) { const sl = byIndex.slice(k, k + 50).sort((a, b) => a - b); console.log(`jobs ${k}-${k + 49}: p50 ${sl[sl.length >> 1]} ms`); }
durations.sort((a, b) => a - b);
console.log(`n=${n} c=${conc} total=${Date.now() - t0}ms p50=${durations[n >> 1]} p99=${durations[Math.floor(n * 0.99)]} max=${durations[n - 1]}`);
console.log(timeline.slice(0, 30).join('\n'));
console.log('--- serve tail\n' + serve.process.tail(3000));
if (work) console.log('--- work tail\n' + work.tail(3000));
await work?.stop(); await serve.process.stop(); await database.close();
