import { fileURLToPath } from 'node:url';
import { BenchProcess } from './benchProcess.ts';
import type { SubscriberCommand, SubscriberMessage, SubscriberReady, SubscriberResult, SubscriberTask } from './subscriberProtocol.ts';

const SCRIPT = fileURLToPath(new URL('./subscriberProcess.ts', import.meta.url));

/** Options of {@link SubscriberFleet.start}. */
export interface SubscriberFleetOptions {
  /** `ws://127.0.0.1:PORT/graphql`. Required. */
  wsUrl: string;
  /** API key of every subscriber. Required. */
  apiKey: string;
  /** The job every subscriber follows. Required. */
  jobId: string;
  /** Subscribers in all. Required. */
  subscribers: number;
  /** Subscribers per process. Default: 500. */
  perProcess?: number;
  /** Connections each process opens at once. Default: 25. */
  connectConcurrency?: number;
  /** Hard bound on each process's life. Default: 180 000 ms. */
  lifetimeMs?: number;
}

/** Summary of the readiness reports. */
export interface FleetReady {
  /** Subscriptions that received their SNAPSHOT. */
  subscribed: number;
  /** Connections or subscriptions that failed. */
  failed: number;
  /** Distinct error messages. */
  errors: string[];
  /** Highest bus position among all SNAPSHOTs; -1 if none. */
  snapshotPosition: number;
}

/**
 * `jobProgress` subscribers spread over child processes (see `subscriberProcess.ts`): started,
 * waited for until each has its SNAPSHOT, then asked for their latencies.
 */
export class SubscriberFleet {
  private readonly ready: Promise<SubscriberReady>[];
  private readonly results: Promise<SubscriberResult>[];

  private constructor(private readonly processes: BenchProcess[]) {
    const next = <T extends SubscriberMessage>(proc: BenchProcess, type: T['type']): Promise<T> =>
      new Promise((resolve, reject) => {
        const onMessage = (message: SubscriberMessage): void => {
          if (message.type !== type) return;
          proc.child.off('message', onMessage);
          resolve(message as T);
        };
        proc.child.on('message', onMessage);
        // 'close' comes after the IPC channel was drained, unlike 'exit'.
        proc.child.once('close', (code, signal) => {
          proc.child.off('message', onMessage);
          reject(new Error(`${proc.name} exited (${code ?? signal}) before sending '${type}'; output:\n${proc.tail(2000)}`));
        });
      });
    this.ready = processes.map((p) => next<SubscriberReady>(p, 'ready'));
    this.results = processes.map((p) => next<SubscriberResult>(p, 'result'));
    for (const promise of [...this.ready, ...this.results]) promise.catch(() => undefined);
  }

  /** Starts the processes; each begins connecting at once. */
  static start(options: SubscriberFleetOptions): SubscriberFleet {
    const perProcess = options.perProcess ?? 500;
    const processes: BenchProcess[] = [];
    for (let offset = 0, index = 0; offset < options.subscribers; offset += perProcess, index++) {
      const task: SubscriberTask = {
        wsUrl: options.wsUrl,
        apiKey: options.apiKey,
        jobId: options.jobId,
        count: Math.min(perProcess, options.subscribers - offset),
        connectConcurrency: options.connectConcurrency ?? 25,
        lifetimeMs: options.lifetimeMs ?? 180_000,
      };
      processes.push(BenchProcess.spawn({ name: `subscribers#${index}`, args: ['--import', 'tsx', SCRIPT, JSON.stringify(task)], ipc: true }));
    }
    return new SubscriberFleet(processes);
  }

  /** Waits until every process reported its subscriptions ready; rejects after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<FleetReady> {
    const reports = await withTimeout(Promise.all(this.ready), timeoutMs, 'subscribers to be ready');
    return {
      subscribed: reports.reduce((n, r) => n + r.subscribed, 0),
      failed: reports.reduce((n, r) => n + r.failed, 0),
      errors: [...new Set(reports.flatMap((r) => r.errors))],
      snapshotPosition: Math.max(-1, ...reports.map((r) => r.snapshotPosition)),
    };
  }

  /**
   * Waits for every process's result; after `timeoutMs` asks the stragglers to report what they
   * have, and gives them 10 s more.
   */
  async collect(timeoutMs: number): Promise<SubscriberResult[]> {
    try {
      return await withTimeout(Promise.all(this.results), timeoutMs, 'subscriptions to complete');
    } catch {
      const finish: SubscriberCommand = { type: 'finish' };
      for (const proc of this.processes) if (proc.running && proc.child.connected) proc.child.send(finish);
      return withTimeout(Promise.all(this.results), 10_000, 'subscriber processes to report');
    }
  }

  /** Pids of the subscriber processes. */
  get pids(): number[] {
    return this.processes.map((p) => p.pid);
  }

  /** Kills processes still alive. */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop(5000)));
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
