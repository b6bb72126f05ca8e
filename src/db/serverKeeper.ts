import { setTimeout as sleep } from 'node:timers/promises';
import type { SupervisedProcess } from './supervisedProcess.ts';
import type { PingOutcome } from './waitForPing.ts';

/** Where a kept server is: serving, being restarted after it exited, exited for good (no restarts), or stopped by us. */
export type ServerKeeperPhase = 'running' | 'restarting' | 'exited' | 'stopped';

/** What a {@link ServerKeeper} tells about its server. */
export interface ServerKeeperStatus {
  phase: ServerKeeperPhase;
  /** Pid of the current server (the last one while restarting). */
  pid: number;
  /** Successful restarts so far. */
  restarts: number;
  /** The last time the server exited by itself, and its exit code as its supervising shell reports it (128 + the signal's number when killed). */
  lastExit: { at: Date; code: number | null } | null;
}

/** Logger accepted by {@link ServerKeeper}; a pino logger fits. */
export interface ServerKeeperLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options of {@link ServerKeeper}. */
export interface ServerKeeperOptions {
  /** What the server is, for the log (`ferretdb`, `mongod`). */
  provider: string;
  /** Its URI, for the log. */
  uri: string;
  /** The server already started and answering. */
  first: SupervisedProcess;
  /** Starts the server again on the same port and data folder. */
  launch: () => Promise<SupervisedProcess>;
  /** Waits until a started server answers (or exits, or another server holds the port). */
  ready: (server: SupervisedProcess) => Promise<PingOutcome>;
  /** Restart the server when it exits by itself; default false (it stays down, phase `exited`). */
  restart?: boolean;
  /** First restart delay, doubling per failed or quick (under a minute of service) restart; default 500 ms. */
  restartDelayMs?: number;
  /** Longest restart delay; default 30 000 ms. */
  maxRestartDelayMs?: number;
  /** Default: silent. */
  logger?: ServerKeeperLogger;
}

/** A server that ran this long before exiting restarts after the first delay again. */
const STABLE_AFTER_MS = 60_000;

/**
 * Keeps a database server process running: when it exits by itself (crash, OOM kill, `kill -9`) it is
 * started again on the same port and data folder, with backoff, so clients holding its URI reconnect
 * by themselves. `stop()` ends it for good.
 */
export class ServerKeeper {
  private current: SupervisedProcess;
  private phase: ServerKeeperPhase = 'running';
  private restarts = 0;
  private quickExits = 0;
  private servingSince = Date.now();
  private lastExit: ServerKeeperStatus['lastExit'] = null;
  private stopping: Promise<void> | undefined;
  /** Ends a restart's wait at once when the keeper is stopped. */
  private readonly stopped = new AbortController();
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;

  constructor(private readonly options: ServerKeeperOptions) {
    this.current = options.first;
    this.restartDelayMs = options.restartDelayMs ?? 500;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
    if (!(this.restartDelayMs > 0) || !(this.maxRestartDelayMs >= this.restartDelayMs)) {
      throw new RangeError(`restart delays must satisfy 0 < restartDelayMs <= maxRestartDelayMs, got ${this.restartDelayMs} and ${this.maxRestartDelayMs}`);
    }
    this.watch(options.first);
  }

  /** Pid of the current server. */
  get pid(): number {
    return this.current.pid;
  }

  status(): ServerKeeperStatus {
    return { phase: this.phase, pid: this.current.pid, restarts: this.restarts, lastExit: this.lastExit };
  }

  /** Stops the server for good (no restart), waits for it to exit. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.phase = 'stopped';
      this.stopped.abort();
      await this.current.stop();
    })();
    return this.stopping;
  }

  private watch(server: SupervisedProcess): void {
    void server.exited.then(
      (code) => this.exitedByItself(server, code),
      () => this.exitedByItself(server, null),
    );
  }

  private exitedByItself(server: SupervisedProcess, code: number | null): void {
    if (server !== this.current || this.phase !== 'running') return;
    const { provider, uri, logger } = this.options;
    this.lastExit = { at: new Date(), code };
    const output = server.output().slice(-2000);
    if (this.options.restart !== true) {
      this.phase = 'exited';
      logger?.warn({ provider, uri, serverPid: server.pid, code, output }, 'embedded database exited; it is not restarted');
      return;
    }
    this.phase = 'restarting';
    this.quickExits = Date.now() - this.servingSince > STABLE_AFTER_MS ? 1 : this.quickExits + 1;
    const delay = Math.min(this.maxRestartDelayMs, this.restartDelayMs * 2 ** (this.quickExits - 1));
    logger?.warn({ provider, uri, serverPid: server.pid, code, output, restartInMs: delay }, 'embedded database exited; restarting it on the same port and data folder');
    void this.restart(delay);
  }

  private async restart(firstDelay: number): Promise<void> {
    const { provider, uri, logger, launch, ready } = this.options;
    const downSince = Date.now();
    let delay = firstDelay;
    for (let attempt = 1; ; attempt++) {
      await sleep(delay, undefined, { signal: this.stopped.signal }).catch(() => undefined);
      if (this.phase !== 'restarting') return;
      let server: SupervisedProcess;
      try {
        server = await launch();
      } catch (error) {
        logger?.warn({ provider, uri, attempt, err: error }, 'embedded database could not be started again; retrying');
        delay = Math.min(this.maxRestartDelayMs, delay * 2);
        continue;
      }
      this.current = server;
      // stop() may have come while it started: it stopped the previous process, this one is ours to end.
      if (this.phase !== 'restarting') return server.stop();
      const outcome = await ready(server);
      if (this.phase !== 'restarting') return server.stop();
      if (outcome.status === 'ready') {
        this.phase = 'running';
        this.restarts += 1;
        this.servingSince = Date.now();
        this.watch(server);
        logger?.info({ provider, uri, serverPid: server.pid, restarts: this.restarts, downMs: Date.now() - downSince }, 'embedded database restarted');
        return;
      }
      await server.stop();
      logger?.warn({ provider, uri, attempt, status: outcome.status, output: server.output().slice(-2000) }, 'embedded database did not come back; retrying');
      delay = Math.min(this.maxRestartDelayMs, delay * 2);
    }
  }
}
