import { ObjectId } from 'mongodb';
import { openBenchDatabase } from '../support/benchDatabase.ts';
import { BenchProcess } from '../support/benchProcess.ts';
import { GraphqlHttpClient } from '../support/graphqlHttpClient.ts';
import { startServe, startWork } from '../support/longhaulService.ts';
import { setTimeout as sleep } from 'node:timers/promises';

process.on('exit', () => BenchProcess.killAll());
const database = await openBenchDatabase();
const dbName = database.newDatabaseName('dbg');
const svc = { mongoUri: database.serverUri, dbName, apiKeys: 'benchkey123=bench', env: { LOG_LEVEL: process.env.DBG_LOG ?? 'warn' } };
const [serve, work] = await Promise.all([startServe(svc), startWork(svc)]);
const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: 'benchkey123' });
const db = database.db(dbName);
await sleep(4000);
const ids: string[] = [];
for (let i = 0; i < 5; i++) { ids.push(await http.createJob('demo.count', { to: 0 })); await sleep(1500); }
const docs = await db.collection('agendaJobs').find({ _id: { $in: ids.map((x) => new ObjectId(x)) } }).toArray();
for (const d of docs) console.log(d._id.toHexString(), d.state, 'v', d.version, 'att', d.attempt, 'created', d.createdAt?.toISOString(), 'startedAt', 'startedAt' in d ? d.startedAt : '<absent>', 'lastRunAt', d.lastRunAt?.toISOString(), 'finishedAt', d.finishedAt?.toISOString());
const ev = await db.collection('events').find({ jobId: ids[0] }).toArray();
for (const e of ev) console.log(e.seq, e.topic, e.payload?.kind, e.at.toISOString(), 'job.startedAt', e.payload?.job?.startedAt);
console.log('--- work tail\n' + work.tail(3000));
await work.stop(); await serve.process.stop(); await database.close();
