import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { testDatabaseUri } from './database.ts';

/** API keys every test process accepts. */
export const TEST_KEYS = {
  tenantA: 'tenant-a-key-0001',
  tenantB: 'tenant-b-key-0001',
  operator: 'operator-key-0001',
  /** A tenant no test creates jobs for unless it means to (listings start empty). */
  tenantC: 'tenant-c-key-0001',
} as const;

/** Settings that keep tests fast: quick polling, heartbeats, lock expiry and backoff. */
export const FAST_ENV: NodeJS.ProcessEnv = {
  LONGHAUL_API_KEYS: `${TEST_KEYS.tenantA}=tenantA,${TEST_KEYS.tenantB}=tenantB,${TEST_KEYS.operator}=ops:operator,${TEST_KEYS.tenantC}=tenantC`,
  LOG_LEVEL: 'warn',
  LONGHAUL_PROCESS_EVERY_MS: '300',
  LONGHAUL_HEARTBEAT_MS: '250',
  LONGHAUL_LOCK_LIFETIME_MS: '10000',
  LONGHAUL_BACKOFF_MS: '100',
  LONGHAUL_PROGRESS_INTERVAL_MS: '20',
  LONGHAUL_SHUTDOWN_TIMEOUT_MS: '5000',
  LONGHAUL_WORKER_HEARTBEAT_MS: '500',
  // `longhaul all` would start the sandbox org on port 4100; tests that want it pass a free port.
  LONGHAUL_SANDBOX: 'off',
  // Tests run their own sandbox orgs on loopback ports; the egress tests set it back to `off`.
  LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'on',
};

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A `longhaul` process started by a test. */
export interface LonghaulProcess {
  child: ChildProcess;
  /** GraphQL URL (roles with an API). */
  url: string;
  /** Log lines (JSON, parsed) seen so far on stderr. */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line matching `predicate` (already seen or future). */
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the first stdout line matching `pattern` (already printed or future). */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends a signal and waits for exit; returns the exit code and signal. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `longhaul <role>` as a real child process on the test database `dbName`; resolves once
 * it serves (API roles: its URL is printed) or its first worker started (`work`).
 */
export async function startLonghaul(role: 'all' | 'serve' | 'work', dbName: string, env: NodeJS.ProcessEnv = {}): Promise<LonghaulProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, role], {
    env: { ...process.env, ...FAST_ENV, MONGODB_URI: testDatabaseUri(dbName), LONGHAUL_DB: dbName, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { predicate: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      parsed = { msg: line };
    }
    logs.push(parsed);
    for (const w of [...waiters]) {
      if (w.predicate(parsed)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(parsed);
      }
    }
  });
  const waitForLog = (predicate: (l: Record<string, unknown>) => boolean, timeoutMs = 30_000) => {
    const seen = logs.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line matched within ${timeoutMs} ms; last lines: ${JSON.stringify(logs.slice(-5))}`)), timeoutMs);
      waiters.push({ predicate, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  };
  const stdoutLines: string[] = [];
  const stdoutWaiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdoutLines.push(line);
    for (const w of [...stdoutWaiters]) {
      const m = w.pattern.exec(line);
      if (m) {
        stdoutWaiters.splice(stdoutWaiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = once(child, 'exit');
  // 'exit' can come before the last lines the process wrote were read from its pipes; 'close' comes after them
  // (bounded: a worker process it left behind could hold a pipe open).
  const closed = once(child, 'close');
  closed.catch(() => undefined);
  const waitForStdout = (pattern: RegExp, timeoutMs = 60_000) => {
    const seen = stdoutLines.map((l) => pattern.exec(l)).find((m) => m !== null);
    if (seen) return Promise.resolve(seen);
    return new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`longhaul ${role}: no output matched ${pattern}; logs: ${JSON.stringify(logs.slice(-5))}`)), timeoutMs);
      stdoutWaiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      void exited.then(() => reject(new Error(`longhaul ${role} exited early; logs: ${JSON.stringify(logs.slice(-5))}`)));
    });
  };
  let url = '';
  if (role !== 'work') url = (await waitForStdout(/GraphQL at (\S+)/))[1]!;
  if (role !== 'serve' && env.LONGHAUL_WORKERS !== '0') await waitForStdout(/longhaul worker \S+: running/);
  return {
    child,
    url,
    logs,
    waitForLog,
    waitForStdout,
    stop: async (signal = 'SIGTERM', timeoutMs = 20_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      await Promise.race([closed, sleep(2000)]);
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
}
