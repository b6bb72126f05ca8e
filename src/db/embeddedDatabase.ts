import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseStartError, DatabaseUnavailableError } from './errors/index.ts';
import { ensureFerretdbBinary, findExecutableOnPath } from './ferretdbBinary.ts';
import { findFreePort } from './freePort.ts';
import { loadMemoryServer, startMemoryServer } from './memoryServer.ts';
import { ServerKeeper, type ServerKeeperStatus } from './serverKeeper.ts';
import { startSupervisedProcess } from './supervisedProcess.ts';
import { childEnvironment } from '../config/childEnvironment.ts';
import { waitForPing } from './waitForPing.ts';

/**
 * The embedded FerretDB's Go runtime: collect garbage when the heap has grown by 400% since the last collection
 * (Go's default: 100%). Its heap is small (tens of MB) and short-lived (each command decodes documents and drops
 * them), so collections ran often: 13% of its CPU during a burst of jobs went to the collector (`go tool pprof`).
 */
const FERRETDB_ENVIRONMENT: NodeJS.ProcessEnv = { GOGC: '400' };

/** Which kind of server an {@link EmbeddedDatabase} runs. */
export type EmbeddedDatabaseProvider = 'mongod' | 'ferretdb' | 'mongodb-memory-server';

/** Logger accepted by {@link startEmbeddedDatabase}; a pino logger fits. */
export interface EmbeddedDatabaseLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options of {@link startEmbeddedDatabase}. */
export interface EmbeddedDatabaseOptions {
  /** Folder that keeps the data across restarts. Default: a fresh temp folder, removed on stop. */
  dataDir?: string;
  /** Receives startup and build progress. Default: silent (a FerretDB build still reports to stderr). */
  logger?: EmbeddedDatabaseLogger;
  /** How long the server may take to answer `ping`. Default: 30 000 ms. */
  readyTimeoutMs?: number;
  /** Launch attempts, each on a new free port, when the server exits or the port was taken. Default: 3. */
  startAttempts?: number;
  /** Listen on this port (every launch attempt uses it; `mongod` and FerretDB only). Default: a free port. */
  port?: number;
  /**
   * Restart the server when it exits by itself, on the same port (so clients holding {@link EmbeddedDatabase.uri}
   * reconnect by themselves) and the same data folder, with backoff (see {@link ServerKeeper}). `mongod` and
   * FerretDB only. A temporary data folder is removed when its server exits, so such a restart starts empty.
   * Default: false.
   */
  restart?: boolean;
  /** First restart delay, doubling per failed or quick restart. Default: 500 ms. */
  restartDelayMs?: number;
  /** Longest restart delay. Default: 30 000 ms, or `restartDelayMs` when longer. */
  maxRestartDelayMs?: number;
  /**
   * FerretDB only: serve its debug handler (Prometheus metrics at `/debug/metrics`, e.g. `ferretdb_client_requests_total`
   * by command) on this port of 127.0.0.1. The bench reads commands per job there. Default: off.
   */
  debugPort?: number;
}

/** What an {@link EmbeddedDatabase} tells about its server (`phase`: `running`, `restarting`, `exited`, `stopped`). */
export type EmbeddedDatabaseStatus = ServerKeeperStatus;

/** A MongoDB-wire server started by this process; it dies with this process. */
export interface EmbeddedDatabase {
  /** `mongodb://127.0.0.1:PORT/`, without a database name. */
  readonly uri: string;
  readonly provider: EmbeddedDatabaseProvider;
  /** Pid of the server process (the current one, after restarts). */
  readonly pid: number;
  /** Where the server keeps its files. */
  readonly dataDir: string;
  /** Whether the server runs, is being restarted, or is gone; how often it was restarted. */
  status(): EmbeddedDatabaseStatus;
  /** Stops the server, waits for it to exit, removes a temporary data folder. Idempotent. */
  stop(): Promise<void>;
}

interface ResolvedOptions {
  dataDir: string | undefined;
  logger: EmbeddedDatabaseLogger | undefined;
  readyTimeoutMs: number;
  startAttempts: number;
  port: number | undefined;
  restart: boolean;
  restartDelayMs: number;
  maxRestartDelayMs: number;
  debugPort: number | undefined;
}

interface DataFolder {
  path: string;
  temporary: boolean;
}

/**
 * Starts a local MongoDB-wire server: `mongod` when it is on PATH, else
 * FerretDB (SQLite backend; built from source on first use), else
 * `mongodb-memory-server` when installed. Resolves once the server answers
 * `ping`; throws {@link DatabaseUnavailableError} when none can run and
 * {@link DatabaseStartError} when the chosen one fails to start.
 * Callers that honour `MONGODB_URI` check it before calling this.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  const resolved = resolveOptions(options);
  const folder: DataFolder =
    resolved.dataDir === undefined
      ? { path: await mkdtemp(join(tmpdir(), 'longhaul-db-')), temporary: true }
      : { path: resolve(resolved.dataDir), temporary: false };
  const started = Date.now();
  try {
    const database = await startProvider(folder, resolved);
    const { uri, provider, pid, dataDir } = database;
    resolved.logger?.info({ provider, uri, serverPid: pid, dataDir, ms: Date.now() - started }, 'embedded database ready');
    return database;
  } catch (error) {
    if (folder.temporary) await rm(folder.path, { recursive: true, force: true });
    throw error;
  }
}

function resolveOptions(options: EmbeddedDatabaseOptions): ResolvedOptions {
  const resolved = {
    dataDir: options.dataDir,
    logger: options.logger,
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
    startAttempts: options.startAttempts ?? 3,
    port: options.port,
    restart: options.restart ?? false,
    restartDelayMs: options.restartDelayMs ?? 500,
    maxRestartDelayMs: options.maxRestartDelayMs ?? Math.max(30_000, options.restartDelayMs ?? 0),
    debugPort: options.debugPort,
  };
  if (!(resolved.restartDelayMs > 0) || !(resolved.maxRestartDelayMs >= resolved.restartDelayMs)) {
    throw new RangeError(`restart delays must satisfy 0 < restartDelayMs <= maxRestartDelayMs, got ${resolved.restartDelayMs} and ${resolved.maxRestartDelayMs}`);
  }
  if (!(resolved.readyTimeoutMs > 0)) throw new RangeError(`readyTimeoutMs must be > 0, got ${resolved.readyTimeoutMs}`);
  if (!Number.isInteger(resolved.startAttempts) || resolved.startAttempts < 1) {
    throw new RangeError(`startAttempts must be an integer >= 1, got ${resolved.startAttempts}`);
  }
  return resolved;
}

async function startProvider(folder: DataFolder, options: ResolvedOptions): Promise<EmbeddedDatabase> {
  const reasons = ['mongod: not found on PATH'];
  const mongod = await findExecutableOnPath('mongod');
  if (mongod !== undefined) {
    const args = (port: number): string[] => ['--dbpath', folder.path, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
    return startServerProcess('mongod', mongod, args, folder, options);
  }

  let ferretdb: string | undefined;
  try {
    const logger = options.logger;
    ferretdb = await ensureFerretdbBinary(logger && ((line) => logger.info({ provider: 'ferretdb' }, line)));
  } catch (error) {
    reasons.push(`ferretdb: ${describe(error)}`);
    options.logger?.warn({ err: error }, 'FerretDB unavailable');
  }
  if (ferretdb !== undefined) {
    const args = (port: number): string[] => [
      '--handler=sqlite',
      // WAL with synchronous=NORMAL: a commit no longer waits for fsync (10x faster writes here); a crash of
      // the process loses nothing, a power loss may lose the last commits. Fine for a development database.
      `--sqlite-url=${pathToFileURL(folder.path).href}/?_pragma=synchronous(normal)`,
      `--state-dir=${folder.path}`,
      `--listen-addr=127.0.0.1:${port}`,
      options.debugPort === undefined ? '--debug-addr=-' : `--debug-addr=127.0.0.1:${options.debugPort}`,
      '--telemetry=disable',
      '--log-level=error',
      '--test-capped-cleanup-interval=10s',
    ];
    return startServerProcess('ferretdb', ferretdb, args, folder, options, FERRETDB_ENVIRONMENT);
  }

  let memoryServer;
  try {
    memoryServer = await loadMemoryServer();
  } catch (error) {
    reasons.push(`mongodb-memory-server: not installed (${describe(error)})`);
    throw new DatabaseUnavailableError(reasons, { cause: error });
  }
  const server = await startMemoryServer(memoryServer, folder.path);
  let stopped = false;
  return {
    uri: server.uri,
    provider: 'mongodb-memory-server',
    pid: server.pid,
    dataDir: folder.path,
    // Not watched: mongodb-memory-server owns its mongod.
    status: () => ({ phase: stopped ? 'stopped' : 'running', pid: server.pid, restarts: 0, lastExit: null }),
    stop: once(async () => {
      stopped = true;
      await server.stop();
      if (folder.temporary) await rm(folder.path, { recursive: true, force: true });
    }),
  };
}

async function startServerProcess(
  provider: 'mongod' | 'ferretdb',
  command: string,
  argsForPort: (port: number) => string[],
  folder: DataFolder,
  options: ResolvedOptions,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<EmbeddedDatabase> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const uri = `mongodb://127.0.0.1:${port}/`;
    const launch = async () => {
      // A temporary folder goes with its server (even when we are killed); recreate it.
      await mkdir(folder.path, { recursive: true });
      return startSupervisedProcess({
        command,
        args: argsForPort(port),
        env: childEnvironment(process.env, extraEnv),
        ...(folder.temporary ? { removeOnExit: folder.path } : {}),
      });
    };
    const ready = (server: { pid: number; exited: Promise<unknown> }) =>
      waitForPing(uri, { timeoutMs: options.readyTimeoutMs, exited: server.exited, expectedPid: server.pid });
    const server = await launch();
    const outcome = await ready(server);
    if (outcome.status === 'ready') {
      const keeper = new ServerKeeper({
        provider,
        uri,
        first: server,
        launch,
        ready,
        restart: options.restart,
        restartDelayMs: options.restartDelayMs,
        maxRestartDelayMs: options.maxRestartDelayMs,
        logger: options.logger,
      });
      return {
        uri,
        provider,
        get pid() {
          return keeper.pid;
        },
        dataDir: folder.path,
        status: () => keeper.status(),
        stop: once(async () => {
          await keeper.stop();
          if (folder.temporary) await rm(folder.path, { recursive: true, force: true });
        }),
      };
    }
    await server.stop();
    switch (outcome.status) {
      case 'exited':
      case 'foreign': {
        const why = outcome.status === 'exited' ? `exited (code ${await server.exited})` : `lost port ${port} to another server`;
        if (attempt < options.startAttempts) {
          options.logger?.warn({ provider, attempt, output: server.output() }, `${provider} ${why}; retrying${options.port === undefined ? ' on another port' : ''}`);
          continue;
        }
        throw new DatabaseStartError(`${provider} ${why} before answering ping (attempt ${attempt})`, server.output());
      }
      case 'timeout':
        throw new DatabaseStartError(
          `${provider} did not answer ping within ${options.readyTimeoutMs} ms`,
          server.output(),
          { cause: outcome.lastError },
        );
      default: {
        const unexpected: never = outcome;
        throw new Error(`unexpected ping outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
