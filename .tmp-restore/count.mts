import { MongoClient } from 'mongodb';
const c = await MongoClient.connect('mongodb://127.0.0.1:43947/');
const dbs = await c.db().admin().listDatabases();
for (const d of dbs.databases) if (d.name.startsWith('bench_export')) console.log(d.name, await c.db(d.name).collection('backupFiles.files').countDocuments());
await c.close();
