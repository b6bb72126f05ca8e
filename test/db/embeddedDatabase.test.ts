import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embeddedDatabase.ts';
import { findFreePort } from '../../src/db/freePort.ts';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';

/** `process.kill(pid, 0)` outcome: 'alive', or the error code ('ESRCH' once the process is gone). */
function probe(pid: number): string {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

describe('the run-wide test database', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await withTestDatabase('embedded');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('should insert and find documents', async () => {
    const items = database.db.collection<{ name: string; size: number }>('items');
    await items.insertMany([
      { name: 'a', size: 1 },
      { name: 'b', size: 2 },
      { name: 'c', size: 3 },
    ]);

    const found = await items.find({ size: { $gte: 2 } }, { projection: { _id: 0 }, sort: { size: 1 } }).toArray();

    expect(found).toEqual([
      { name: 'b', size: 2 },
      { name: 'c', size: 3 },
    ]);
  });

  it('should upsert and increment a counter with findOneAndUpdate', async () => {
    const counters = database.db.collection<{ _id: string; value: number }>('counters');
    const bump = () =>
      counters.findOneAndUpdate({ _id: 'jobs' }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' });

    expect(await bump()).toEqual({ _id: 'jobs', value: 1 });
    expect(await bump()).toEqual({ _id: 'jobs', value: 2 });
  });

  it('should deliver documents inserted later to a tailable cursor on a capped collection', async () => {
    await database.db.createCollection('events', { capped: true, size: 64 * 1024 });
    const events = database.db.collection<{ seq: number }>('events');
    await events.insertOne({ seq: 1 });

    // FerretDB closes a tailable cursor whose first batch is smaller than
    // batchSize, so ask for batches of one and match an existing document.
    const cursor = events.find({ seq: { $gte: 1 } }, { tailable: true, awaitData: true, batchSize: 1 });
    onTestFinished(() => cursor.close());

    expect(await cursor.next()).toMatchObject({ seq: 1 });
    const pending = cursor.next();
    await events.insertOne({ seq: 2 });
    expect(await pending).toMatchObject({ seq: 2 });
  });
});

describe('startEmbeddedDatabase', () => {
  interface Item {
    _id: string;
    value: number;
  }

  it('should serve FerretDB debug metrics with request counts by command on debugPort', async (ctx) => {
    const debugPort = await findFreePort();
    const database = await startEmbeddedDatabase({ debugPort });
    onTestFinished(() => database.stop());
    if (database.provider !== 'ferretdb') ctx.skip();
    const client = await MongoClient.connect(database.uri);
    onTestFinished(() => client.close());
    const metrics = async (): Promise<string> => (await fetch(`http://127.0.0.1:${debugPort}/debug/metrics`)).text();
    const finds = (text: string): number => Number(/^ferretdb_client_requests_total\{command="find",opcode="OP_MSG"\} (\d+)$/m.exec(text)?.[1] ?? 0);

    const before = finds(await metrics());
    await client.db('metrics').collection('items').find({}).toArray();
    await client.db('metrics').collection('items').find({}).toArray();

    expect(finds(await metrics()) - before).toBe(2);
  });

  it('should keep data in a persistent dataDir across stop and start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'longhaul-persist-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));

    const first = await startEmbeddedDatabase({ dataDir });
    onTestFinished(() => first.stop());
    const writer = await MongoClient.connect(first.uri);
    await writer.db('persist').collection<Item>('items').insertOne({ _id: 'kept', value: 42 });
    await writer.close();
    await first.stop();

    expect(probe(first.pid)).toBe('ESRCH');
    expect(existsSync(dataDir)).toBe(true);

    const second = await startEmbeddedDatabase({ dataDir });
    onTestFinished(() => second.stop());
    const reader = await MongoClient.connect(second.uri);
    onTestFinished(() => reader.close());

    expect(second.pid).not.toBe(first.pid);
    expect(await reader.db('persist').collection<Item>('items').findOne({ _id: 'kept' })).toEqual({ _id: 'kept', value: 42 });
  });

  it('should restart a killed server on the same port and data folder, where a connected client finds its data again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'longhaul-restart-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const database = await startEmbeddedDatabase({ dataDir, restart: true, restartDelayMs: 100 });
    onTestFinished(() => database.stop());
    // Connected before the kill: the driver reconnects by itself because the URI stays the same.
    const client = await MongoClient.connect(database.uri, { serverSelectionTimeoutMS: 30_000 });
    onTestFinished(() => client.close());
    const items = client.db('restart').collection<Item>('items');
    await items.insertOne({ _id: 'kept', value: 7 });
    const firstPid = database.pid;
    expect(database.status()).toMatchObject({ phase: 'running', pid: firstPid, restarts: 0, lastExit: null });

    process.kill(firstPid, 'SIGKILL');

    await vi.waitFor(() => expect(database.status()).toMatchObject({ phase: 'running', restarts: 1 }), { timeout: 30_000, interval: 50 });
    expect(database.pid).not.toBe(firstPid);
    expect(probe(firstPid)).toBe('ESRCH');
    expect(database.status().lastExit?.at).toBeInstanceOf(Date);
    expect(await items.findOne({ _id: 'kept' })).toEqual({ _id: 'kept', value: 7 });

    await database.stop();
    expect(database.status().phase).toBe('stopped');
    expect(probe(database.pid)).toBe('ESRCH');
  });

  it('should stop for good while it waits to restart a killed server', async () => {
    const database = await startEmbeddedDatabase({ restart: true, restartDelayMs: 600_000 });
    onTestFinished(() => database.stop());
    const pid = database.pid;

    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(database.status().phase).toBe('restarting'), { timeout: 15_000, interval: 50 });
    await database.stop();

    expect(database.status()).toMatchObject({ phase: 'stopped', pid, restarts: 0 });
    expect(existsSync(database.dataDir)).toBe(false);
  });

  it('should leave a killed server down without the restart option, saying so', async () => {
    const database = await startEmbeddedDatabase();
    onTestFinished(() => database.stop());

    process.kill(database.pid, 'SIGKILL');

    await vi.waitFor(() => expect(database.status()).toMatchObject({ phase: 'exited', restarts: 0, lastExit: { code: 137 } }), { timeout: 15_000, interval: 50 });
  });

  it('should end the server process and remove its temporary dataDir on stop', async () => {
    const database = await startEmbeddedDatabase();
    onTestFinished(() => database.stop());

    expect(probe(database.pid)).toBe('alive');
    expect(existsSync(database.dataDir)).toBe(true);

    await database.stop();

    expect(probe(database.pid)).toBe('ESRCH');
    expect(existsSync(database.dataDir)).toBe(false);
  });

  it('should end the server process when its owner is killed with SIGKILL', async () => {
    const moduleUrl = new URL('../../src/db/embeddedDatabase.ts', import.meta.url).href;
    const script = `
      const { startEmbeddedDatabase } = await import(${JSON.stringify(moduleUrl)});
      const database = await startEmbeddedDatabase();
      process.stdout.write(JSON.stringify({ pid: database.pid, dataDir: database.dataDir }) + '\\n');
      setInterval(() => {}, 60_000);
    `;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => {
      owner.kill('SIGKILL');
    });
    const [line] = (await once(createInterface({ input: owner.stdout }), 'line')) as [string];
    const { pid, dataDir } = JSON.parse(line) as { pid: number; dataDir: string };
    expect(probe(pid)).toBe('alive');

    owner.kill('SIGKILL');

    await vi.waitFor(() => expect(probe(pid)).toBe('ESRCH'), { timeout: 15_000, interval: 100 });
    await vi.waitFor(() => expect(existsSync(dataDir)).toBe(false), { timeout: 5_000, interval: 100 });
  });
});
