import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedDatabase } from '../src/db/embeddedDatabase.ts';
import { ensureFerretdbBinary } from '../src/db/ferretdbBinary.ts';
import { positiveInt } from './benchOptions.ts';
import { summarize } from './stats.ts';
import { renderTable } from './support/textTable.ts';

/**
 * Options of `npm run bench -- idlookup`, from the environment:
 * - `BENCH_IDLOOKUP_DOCS` (default 5,000): documents in the large collection (the small one holds 1);
 * - `BENCH_IDLOOKUP_SAMPLES` (default 200): timed lookups per collection (a quarter of it for the `$in` query);
 * - `BENCH_IDLOOKUP_BASELINE_BIN` (default: the cached `longhaul.3` build, when present): the FerretDB binary to
 *   compare with, built before `_id` lookups used the `_id_` index.
 */
export interface IdLookupBenchOptions {
  docs: number;
  samples: number;
  baselineBinary: string | undefined;
}

/** One binary's figures. */
export interface IdLookupBenchRun {
  label: string;
  binary: string;
  /** SQLite's plan for `find({_id})` on the large collection, from FerretDB's `explain`. */
  plan: string;
  /** p50 of `findOne({_id})`, ms, with 1 document and with {@link IdLookupBenchOptions.docs}. */
  findOneP50: { one: number; many: number };
  /** p50 of `find({_id: {$in: 100 ids}})`, ms, on the large collection. */
  inP50: number;
}

/** What `npm run bench -- idlookup` measured. */
export interface IdLookupBenchResult {
  options: IdLookupBenchOptions;
  runs: IdLookupBenchRun[];
  /** Why a binary was left out. */
  notes: string[];
}

const IN_BATCH = 100;
const WARMUP = 20;

/** Reads {@link IdLookupBenchOptions}. */
export function loadIdLookupBenchOptions(env: NodeJS.ProcessEnv = process.env): IdLookupBenchOptions {
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const cachedBaseline = join(cacheHome, 'longhaul', 'ferretdb-v1.24.2-longhaul.3', 'ferretdb');
  const explicit = env.BENCH_IDLOOKUP_BASELINE_BIN;
  return {
    docs: positiveInt(env, 'BENCH_IDLOOKUP_DOCS', 5000),
    samples: positiveInt(env, 'BENCH_IDLOOKUP_SAMPLES', 200),
    baselineBinary: explicit !== undefined && explicit !== '' ? explicit : existsSync(cachedBaseline) ? cachedBaseline : undefined,
  };
}

/**
 * Times `_id` lookups on a FerretDB server of its own per binary (the baseline, then the build in use), each on
 * a collection of 1 document and one of `docs` documents shaped like bus events. Prints nothing; see
 * {@link renderIdLookupReport}.
 */
export async function runIdLookupBench(options: IdLookupBenchOptions, status: (message: string) => void): Promise<IdLookupBenchResult> {
  const notes: string[] = [];
  const binaries: { label: string; binary: string }[] = [];
  if (options.baselineBinary === undefined) notes.push('baseline: no longhaul.3 build cached and BENCH_IDLOOKUP_BASELINE_BIN unset; measured the current build only');
  else binaries.push({ label: 'baseline', binary: options.baselineBinary });
  binaries.push({ label: 'current', binary: await ensureFerretdbBinary() });
  const runs: IdLookupBenchRun[] = [];
  for (const { label, binary } of binaries) {
    status(`idlookup: ${label} (${binary})`);
    runs.push({ label, binary, ...(await measure(binary, options)) });
  }
  return { options, runs, notes };
}

async function measure(binary: string, options: IdLookupBenchOptions): Promise<Omit<IdLookupBenchRun, 'label' | 'binary'>> {
  const saved = process.env.LONGHAUL_FERRETDB_BIN;
  process.env.LONGHAUL_FERRETDB_BIN = binary;
  const database = await startEmbeddedDatabase().finally(() => {
    if (saved === undefined) delete process.env.LONGHAUL_FERRETDB_BIN;
    else process.env.LONGHAUL_FERRETDB_BIN = saved;
  });
  const client = await MongoClient.connect(database.uri);
  try {
    if (database.provider !== 'ferretdb') throw new Error(`idlookup measures FerretDB builds, but the embedded database is ${database.provider}`);
    const db = client.db('idlookup');
    const idOf = (n: number): string => `p${n.toString().padStart(12, '0')}`;
    const fill = async (name: string, count: number) => {
      const collection = db.collection<{ _id: string }>(name);
      for (let from = 0; from < count; from += 1000) {
        const docs = Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({
          _id: idOf(from + i),
          seq: from + i,
          topic: 'job.progress',
          at: new Date(),
          payload: { jobId: `job-${from + i}`, tenantId: 'tenant-a', done: from + i, total: count },
        }));
        await collection.insertMany(docs, { ordered: false });
      }
      return collection;
    };
    const one = await fill('one', 1);
    const many = await fill('many', options.docs);
    const time = async (lookup: (i: number) => Promise<unknown>, count = options.samples): Promise<number> => {
      for (let i = 0; i < WARMUP; i++) await lookup(i);
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await lookup(i);
        samples.push(performance.now() - started);
      }
      return summarize(samples).p50;
    };
    const pick = (i: number): number => (i * 7919) % options.docs;
    const explained = await db.command({ explain: { find: 'many', filter: { _id: idOf(pick(1)) } }, verbosity: 'queryPlanner' });
    const plan = ((explained.queryPlanner?.Plan as string[] | undefined) ?? []).map((row) => row.replace(/^.*detail=/, '')).join('; ');
    return {
      plan,
      findOneP50: {
        one: await time(() => one.findOne({ _id: idOf(0) })),
        many: await time((i) => many.findOne({ _id: idOf(pick(i)) })),
      },
      // A quarter of the samples: without the index each of these reads the whole collection.
      inP50: await time((i) => many.find({ _id: { $in: Array.from({ length: IN_BATCH }, (_, k) => idOf(pick(i * IN_BATCH + k))) } }).toArray(), Math.max(10, Math.floor(options.samples / 4))),
    };
  } finally {
    await client.close();
    await database.stop();
  }
}

/** The report of {@link runIdLookupBench}: p50 per binary and the ratio large/small collection. */
export function renderIdLookupReport(result: IdLookupBenchResult): string {
  const { docs, samples } = result.options;
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  const table = renderTable(
    ['FerretDB build', 'findOne({_id}) p50, 1 doc', `p50, ${docs.toLocaleString('en-US')} docs`, `ratio ${docs.toLocaleString('en-US')}/1`, `_id $in ${IN_BATCH} ids p50`],
    result.runs.map((run) => [run.label, ms(run.findOneP50.one), ms(run.findOneP50.many), `${(run.findOneP50.many / run.findOneP50.one).toFixed(1)}x`, ms(run.inP50)]),
  );
  const baseline = result.runs.find((run) => run.label === 'baseline');
  const current = result.runs.find((run) => run.label === 'current');
  const lines = [
    '',
    `_id lookups on the embedded FerretDB (${samples} timed lookups per findOne figure, ${Math.max(10, Math.floor(samples / 4))} per $in figure, after ${WARMUP} untimed)`,
    ...result.runs.map((run) => `${run.label}: ${run.binary}\n  SQLite plan of find({_id}): ${run.plan}`),
    ...result.notes,
    table,
  ];
  if (baseline !== undefined && current !== undefined) {
    lines.push(`findOne({_id}) with ${docs.toLocaleString('en-US')} documents: current is ${(baseline.findOneP50.many / current.findOneP50.many).toFixed(1)}x faster than baseline`);
  }
  return `${lines.join('\n')}\n`;
}
