/**
 * `npm run bench -- busidle`: what the bus costs the database when nothing happens, and how fast it delivers
 * across processes, on a FerretDB this bench starts itself (so that it can read FerretDB's command counters
 * from its debug metrics endpoint).
 *
 * For each bus wait mode (`client`, `server`):
 * - idle: an idle `longhaul all` (API and supervised workers, no jobs) for `BENCH_BUS_IDLE_S` seconds (default 30)
 *   after a settling period: FerretDB's CPU (from `/proc`) and its commands per second, by command name;
 * - jobs: `BENCH_BUS_JOBS` (default 20) trivial jobs created one after the other on that `longhaul all`, each awaited:
 *   FerretDB commands per job by name (the bench's own state reads are subtracted);
 * - latency: a publisher process publishes `BENCH_BUS_EVENTS` events (default 200), one every 20 ms, on a bus
 *   of its own; this process receives them through its own bus: p50/p99 from the publish call to the delivery.
 *
 * `BENCH_BUS_FERRETDB_BIN` picks the FerretDB binary (default: the build in use); `BENCH_BUS_MODES` the modes
 * (default `client,server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, ObjectId } from 'mongodb';
import { pino } from 'pino';
import { ensureFerretdbBinary } from '../src/db/ferretdbBinary.ts';
import { MongoBus } from '../src/bus/mongoBus.ts';
import { cpuSecondsOf } from './support/cpuMeter.ts';
import { BenchProcess } from './support/benchProcess.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, REPO_ROOT } from './support/longhaulService.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { TRIVIAL_JOB } from './longhaulEnqueue.ts';

type Wait = 'client' | 'server';

/** One mode's figures. */
export interface BusIdleResult {
  wait: Wait;
  /** FerretDB CPU over the idle window, percent of one core. */
  idleCpuPercent: number;
  /** Commands per second FerretDB answered over the idle window. */
  idleCommandsPerSecond: number;
  /** The same, by command name. */
  idleByCommand: Record<string, number>;
  /** Publish call to delivery in another process, ms. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Commands per delivered event during the latency run (publisher and reader together). */
  commandsPerEvent: number;
  /** Commands per trivial job (created one after the other over GraphQL, each awaited), by command name; the bench's own reads excluded. */
  perJobByCommand: Record<string, number>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** FerretDB's request counters by command name (Prometheus text of `/debug/metrics`). */
async function commandCounts(debugPort: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${debugPort}/debug/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^ferretdb_client_requests_total\{([^}]*)\}\s+(\d+(?:\.\d+)?(?:e\+?\d+)?)/.exec(line);
    if (match === null) continue;
    const command = /command="([^"]*)"/.exec(match[1]!)?.[1] ?? '?';
    counts.set(command, (counts.get(command) ?? 0) + Number(match[2]));
  }
  return counts;
}

function diff(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) > 0) out.set(k, v - (before.get(k) ?? 0));
  return out;
}

const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** Starts a FerretDB on free ports of 127.0.0.1 with its debug metrics endpoint, in a fresh data folder. */
export async function startFerretdb(binary: string): Promise<{ child: ChildProcess; uri: string; debugPort: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-busidle-'));
  const [port, debugPort] = [await freePort(), await freePort()];
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=${pathToFileURL(dir).href}/?_pragma=synchronous(normal)`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      '--telemetry=disable',
      '--log-level=error',
      '--test-capped-cleanup-interval=10s',
    ],
    { stdio: 'ignore' },
  );
  const uri = `mongodb://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      await commandCounts(debugPort);
      const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 1000 });
      await client.close();
      return { child, uri, debugPort, dir };
    } catch (error) {
      if (i > 100) throw error;
      await sleep(200);
    }
  }
}

/** Creates `count` trivial jobs one after the other, each awaited; FerretDB commands per job by name, without the bench's own reads. */
async function measureJobs(url: string, uri: string, debugPort: number, count: number): Promise<Map<string, number>> {
  const http = new GraphqlHttpClient({ url, apiKey: BENCH_API_KEY });
  const client = await MongoClient.connect(uri);
  try {
    // An ended job moves from Agenda's collection to the history: its SUCCEEDED state is read there.
    const jobs = client.db('busidle').collection<{ _id: ObjectId; state?: string }>('jobHistory');
    let ownFinds = 0;
    const before = await commandCounts(debugPort);
    for (let i = 0; i < count; i++) {
      const id = new ObjectId(await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input));
      for (const deadline = Date.now() + 60_000; ; ) {
        await sleep(100);
        ownFinds++;
        if ((await jobs.findOne({ _id: id }, { projection: { state: 1 } }))?.state === 'SUCCEEDED') break;
        if (Date.now() > deadline) throw new Error(`job ${id.toHexString()} did not succeed within 60 s`);
      }
    }
    const spent = diff(await commandCounts(debugPort), before);
    spent.set('find', (spent.get('find') ?? 0) - ownFinds);
    return new Map([...spent].filter(([, v]) => v > 0).map(([k, v]) => [k, v / count]));
  } finally {
    await client.close();
  }
}

async function measureMode(wait: Wait, binary: string, idleSeconds: number, eventCount: number, jobCount: number, status: (m: string) => void): Promise<BusIdleResult> {
  const db = await startFerretdb(binary);
  try {
    status(`${wait}: FerretDB ${db.uri} (pid ${db.child.pid}); starting an idle longhaul all`);
    const service = BenchProcess.spawn({
      name: 'longhaul all',
      args: ['--import', 'tsx', fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'all'],
      env: { ...process.env, LOG_LEVEL: 'warn', MONGODB_URI: db.uri, LONGHAUL_DB: 'busidle', LONGHAUL_API_KEYS: BENCH_API_KEYS, HOST: '127.0.0.1', PORT: '0', LONGHAUL_BUS_WAIT: wait },
      cwd: REPO_ROOT,
    });
    let idleCpuPercent: number;
    let idleByCommand: Map<string, number>;
    let perJob: Map<string, number>;
    try {
      const url = (await service.waitForOutput(/GraphQL at (http:\/\/127\.0\.0\.1:\d+\/graphql)/, 180_000))[1]!;
      await service.waitForOutput(/longhaul worker \S+ running/, 180_000);
      await sleep(10_000); // settle: workers connect, the first heartbeats and index checks are done
      const cpu0 = cpuSecondsOf(db.child.pid!)!;
      const counts0 = await commandCounts(db.debugPort);
      const t0 = Date.now();
      await sleep(idleSeconds * 1000);
      const seconds = (Date.now() - t0) / 1000;
      idleCpuPercent = ((cpuSecondsOf(db.child.pid!)! - cpu0) / seconds) * 100;
      idleByCommand = new Map([...diff(await commandCounts(db.debugPort), counts0)].map(([k, v]) => [k, v / seconds]));
      perJob = await measureJobs(url, db.uri, db.debugPort, jobCount);
    } finally {
      await service.stop();
    }
    status(`${wait}: idle FerretDB CPU ${idleCpuPercent.toFixed(2)}%, ${total(idleByCommand).toFixed(1)} commands/s; measuring delivery latency`);

    const client = await MongoClient.connect(db.uri);
    const bus = new MongoBus({ db: client.db('busidle_latency'), logger: pino({ level: 'warn' }), wait });
    try {
      await bus.start();
      const latencies: number[] = [];
      let resolveAll: () => void = () => undefined;
      const all = new Promise<void>((resolve) => (resolveAll = resolve));
      bus.subscribe((event) => {
        if (event.topic !== 'bench.ping') return;
        latencies.push(performance.timeOrigin + performance.now() - (event.payload as { sentAt: number }).sentAt);
        if (latencies.length === eventCount) resolveAll();
      });
      const counts0 = await commandCounts(db.debugPort);
      const publisher = BenchProcess.spawn({
        name: 'bus publisher',
        args: ['--import', 'tsx', fileURLToPath(import.meta.url), 'publish', db.uri, wait, String(eventCount)],
        cwd: REPO_ROOT,
      });
      await Promise.race([all, publisher.exited.then(() => sleep(5000)).then(() => { throw new Error(`publisher exited; ${latencies.length} of ${eventCount} events arrived`); })]);
      const commands = total(diff(await commandCounts(db.debugPort), counts0));
      await publisher.exited;
      latencies.sort((a, b) => a - b);
      return {
        wait,
        idleCpuPercent,
        idleCommandsPerSecond: total(idleByCommand),
        idleByCommand: Object.fromEntries([...idleByCommand].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10])),
        latencyP50Ms: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        commandsPerEvent: commands / eventCount,
        perJobByCommand: Object.fromEntries([...perJob].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10])),
      };
    } finally {
      await bus.stop();
      await client.close();
    }
  } finally {
    db.child.kill('SIGTERM');
    await new Promise((resolve) => db.child.once('exit', resolve));
    rmSync(db.dir, { recursive: true, force: true });
  }
}

/** Runs every mode asked for. */
export async function runBusIdleBench(status: (m: string) => void): Promise<BusIdleResult[]> {
  const binary = process.env.BENCH_BUS_FERRETDB_BIN ?? (await ensureFerretdbBinary());
  const idleSeconds = Number(process.env.BENCH_BUS_IDLE_S ?? 30);
  const events = Number(process.env.BENCH_BUS_EVENTS ?? 200);
  const jobs = Number(process.env.BENCH_BUS_JOBS ?? 20);
  const modes = (process.env.BENCH_BUS_MODES ?? 'client,server').split(',') as Wait[];
  status(`FerretDB binary ${binary}`);
  const results: BusIdleResult[] = [];
  for (const wait of modes) {
    try {
      const result = await measureMode(wait, binary, idleSeconds, events, jobs, status);
      status(renderBusIdleReport([result]).split('\n').at(-2)!);
      results.push(result);
    } catch (error) {
      status(`${wait}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return results;
}

/** The report table. */
export function renderBusIdleReport(results: BusIdleResult[]): string {
  const lines = [
    'bus: idle `longhaul all` (FerretDB CPU and commands/s), commands per trivial job, cross-process delivery (publish call → listener)',
    '| wait | idle FerretDB CPU | idle commands/s | by command | commands/job | delivery p50 | p99 | commands/event |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.wait} | ${r.idleCpuPercent.toFixed(2)}% | ${r.idleCommandsPerSecond.toFixed(1)} | ${Object.entries(r.idleByCommand).map(([k, v]) => `${k} ${v}`).join(', ')} | ${Object.values(r.perJobByCommand).reduce((a, b) => a + b, 0).toFixed(1)}: ${Object.entries(r.perJobByCommand).map(([k, v]) => `${k} ${v}`).join(', ')} | ${r.latencyP50Ms.toFixed(1)} ms | ${r.latencyP99Ms.toFixed(1)} ms | ${r.commandsPerEvent.toFixed(1)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Child mode: `busIdle.ts publish <uri> <wait> <count>` publishes pings stamped with their send time. */
async function publish(uri: string, wait: Wait, count: number): Promise<void> {
  const client = await MongoClient.connect(uri);
  const bus = new MongoBus({ db: client.db('busidle_latency'), logger: pino({ level: 'warn' }), wait });
  try {
    for (let i = 0; i < count; i++) {
      await bus.publish({ topic: 'bench.ping', payload: { i, sentAt: performance.timeOrigin + performance.now() } });
      await sleep(20);
    }
  } finally {
    await client.close();
  }
}

if (process.argv[2] === 'publish') {
  await publish(process.argv[3]!, process.argv[4] as Wait, Number(process.argv[5]));
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.on('exit', () => BenchProcess.killAll());
  const results = await runBusIdleBench((m) => process.stderr.write(`[busidle] ${m}\n`));
  process.stdout.write(renderBusIdleReport(results));
}
