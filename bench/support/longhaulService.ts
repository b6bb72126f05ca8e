import { fileURLToPath } from 'node:url';
import { BenchProcess } from './benchProcess.ts';

/** The API key the bench's longhaul processes accept, for tenant `bench`. */
export const BENCH_API_KEY = 'benchkey123';

/** `LONGHAUL_API_KEYS` of the bench's longhaul processes. */
export const BENCH_API_KEYS = `${BENCH_API_KEY}=bench`;

/** The repository root (where `src/cli/main.ts` lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Options of {@link startServe} and {@link startWork}. */
export interface LonghaulServiceOptions {
  /** Server URI without a database name, e.g. `mongodb://127.0.0.1:27017/`. Required. */
  mongoUri: string;
  /** Database (`LONGHAUL_DB`). Required. */
  dbName: string;
  /** `LONGHAUL_API_KEYS`, `key=tenant`. Required. */
  apiKeys: string;
  /** Extra environment (e.g. `LONGHAUL_WORKERS`). Default: none; the bench's own environment is inherited. */
  env?: NodeJS.ProcessEnv;
  /** How long the process may take to report it is up. Default: 60 000 ms. */
  startTimeoutMs?: number;
}

/** A `longhaul serve` process and the GraphQL URL it printed. */
export interface ServeProcess {
  /** The `serve` process itself. */
  process: BenchProcess;
  /** `http://127.0.0.1:PORT/graphql`. */
  httpUrl: string;
  /** `ws://127.0.0.1:PORT/graphql`. */
  wsUrl: string;
}

function environment(options: LonghaulServiceOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOG_LEVEL: 'warn',
    // The benches' sandbox org runs in its own process on a loopback port (see LONGHAUL_SALESFORCE_ALLOW_LOOPBACK).
    LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'on',
    // The progress bench opens thousands of sockets with one key; the per-key cap (default 50) is not what it measures.
    LONGHAUL_MAX_CONNECTIONS_PER_KEY: '1000000',
    ...options.env,
    MONGODB_URI: options.mongoUri,
    LONGHAUL_DB: options.dbName,
    LONGHAUL_API_KEYS: options.apiKeys,
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

function launch(role: 'serve' | 'work' | 'all', options: LonghaulServiceOptions): BenchProcess {
  // Enough output to count every warning of a run, not only the last few.
  return BenchProcess.spawn({ name: `longhaul ${role}`, args: ['--import', 'tsx', MAIN, role], env: environment(options), cwd: REPO_ROOT, outputLimit: 2_000_000 });
}

/** Starts `longhaul serve` on a free port of 127.0.0.1; resolves once it printed its URL. */
export async function startServe(options: LonghaulServiceOptions): Promise<ServeProcess> {
  return startWithUrl('serve', options);
}

/**
 * Starts `longhaul work` (supervisor and its worker processes); resolves once the supervisor
 * reported its workers started. The workers themselves may still be connecting.
 */
export async function startWork(options: LonghaulServiceOptions): Promise<BenchProcess> {
  const proc = launch('work', options);
  try {
    await proc.waitForOutput(/worker process\(es\) running/, options.startTimeoutMs ?? 60_000);
    return proc;
  } catch (error) {
    proc.kill();
    throw error;
  }
}

/** Starts `longhaul all` (API and supervised workers in one service) on the given database; resolves once it printed its URL. */
export async function startAll(options: LonghaulServiceOptions): Promise<ServeProcess> {
  return startWithUrl('all', options);
}

/** Starts a role that serves the API; resolves with its URLs once it printed them. */
async function startWithUrl(role: 'serve' | 'all', options: LonghaulServiceOptions): Promise<ServeProcess> {
  const proc = launch(role, options);
  try {
    const match = await proc.waitForOutput(/GraphQL at (http:\/\/127\.0\.0\.1:\d+\/graphql)/, options.startTimeoutMs ?? 60_000);
    const httpUrl = match[1]!;
    return { process: proc, httpUrl, wsUrl: httpUrl.replace(/^http:/, 'ws:') };
  } catch (error) {
    proc.kill();
    throw error;
  }
}
