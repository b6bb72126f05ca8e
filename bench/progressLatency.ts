import type { BenchProcess } from './support/benchProcess.ts';
import { CpuMeter, type CpuSubject, type CpuUse } from './support/cpuMeter.ts';
import type { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { describePinoWarnings } from './support/pinoWarnings.ts';
import { SubscriberFleet } from './support/subscriberFleet.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** Input of the `demo.count` job whose progress is pushed. */
export interface CountJobInput {
  /** Steps; one progress report each. */
  to: number;
  /** Pause after each step, ms. */
  delayMs: number;
  /** Steps between checkpoints. */
  checkpointEvery: number;
}

/** Options of {@link measureProgressLatency}. */
export interface ProgressLatencyOptions {
  /** GraphQL client of the one `serve` process. Required. */
  http: GraphqlHttpClient;
  /** WebSocket URL of the same `serve` process. Required. */
  wsUrl: string;
  /** API key of the bench tenant. Required. */
  apiKey: string;
  /**
   * Starts a `work` process. No worker may be running when the phase begins: the job must wait,
   * QUEUED, until every subscriber has its SNAPSHOT. Required.
   */
  startWorker: () => Promise<BenchProcess>;
  /** Concurrent WebSocket subscribers. Required. */
  subscribers: number;
  /** Subscribers per child process. Default: 500. */
  perProcess?: number;
  /** The job. Default: `{ to: 200, delayMs: 20, checkpointEvery: 50 }`. */
  job?: CountJobInput;
  /** Bound on connecting and subscribing everyone. Default: 60 000 ms + 30 ms per subscriber. */
  readyTimeoutMs?: number;
  /** Position of the newest stored bus event (to see how far behind the server's bus reader is). Optional. */
  busHead?: () => Promise<number>;
  /** Processes whose CPU use is measured while events flow (the worker and subscribers are added). Default: none. */
  cpuSubjects?: CpuSubject[];
}

/** Progress-to-subscriber latency at one subscriber count. */
export interface ProgressLatencyResult {
  /** Subscribers asked for. */
  subscribers: number;
  /** Subscriptions that received their SNAPSHOT. */
  subscribed: number;
  /** Time to open every socket and subscribe, in ms. */
  setupMs: number;
  /** Receive time minus `at` of every PROGRESS event at every subscriber, in ms. */
  progress: LatencySummary;
  /** The same for STARTED and SUCCEEDED events. */
  lifecycle: LatencySummary;
  /** PROGRESS events per subscriber (fewest, most). */
  eventsPerSubscriber: { min: number; max: number };
  /** Subscriptions that completed after SUCCEEDED. */
  completed: number;
  /** CPU use per process group from the worker's start to the last result, % of one core. */
  cpu: CpuUse;
  /** Anything odd seen while measuring. */
  notes: string[];
}

/**
 * Creates one `demo.count` job while no worker runs, subscribes `subscribers` graphql-ws clients
 * (one socket each, in child processes) to its `jobProgress`, then starts a `work` process and
 * collects, at every subscriber, receive time minus the `at` of each event.
 */
export async function measureProgressLatency(options: ProgressLatencyOptions): Promise<ProgressLatencyResult> {
  const job = options.job ?? { to: 200, delayMs: 20, checkpointEvery: 50 };
  const notes: string[] = [];
  const jobId = await options.http.createJob('demo.count', job);
  const setupStarted = Date.now();
  const fleet = SubscriberFleet.start({
    wsUrl: options.wsUrl,
    apiKey: options.apiKey,
    jobId,
    subscribers: options.subscribers,
    perProcess: options.perProcess,
  });
  let worker: BenchProcess | undefined;
  try {
    const ready = await fleet.whenReady(options.readyTimeoutMs ?? 60_000 + 30 * options.subscribers);
    const setupMs = Date.now() - setupStarted;
    if (ready.failed > 0) notes.push(`${ready.failed} subscription(s) failed to start: ${ready.errors.slice(0, 3).join(' | ')}`);
    if (options.busHead !== undefined && ready.snapshotPosition >= 0) {
      const behind = (await options.busHead()) - ready.snapshotPosition;
      if (behind > 0) notes.push(`serve's bus reader was at least ${behind} event(s) behind the newest stored event when the last subscriber subscribed`);
    }
    worker = await options.startWorker();
    const running = worker;
    const meter = new CpuMeter([
      ...(options.cpuSubjects ?? []),
      { label: 'work', pid: () => (running.running ? running.pid : undefined) },
      ...fleet.pids.map((pid, i) => ({ label: `subscribers#${i}`, pid: () => pid })),
    ]);
    // The job's own run time twice, plus room for the worker to boot.
    const results = await fleet.collect(job.to * job.delayMs * 2 + 30_000);
    const cpu = meter.read();
    const perSubscriber = results.flatMap((r) => r.progressPerSubscriber);
    const completed = results.reduce((n, r) => n + r.completed, 0);
    const errors = [...new Set(results.flatMap((r) => r.errors))];
    if (errors.length > 0) notes.push(`subscriber errors: ${errors.slice(0, 3).join(' | ')}`);
    if (results.some((r) => r.cutShort)) notes.push('results were collected before every subscription completed (time bound)');
    if (completed < ready.subscribed) notes.push(`${ready.subscribed - completed} subscription(s) did not complete after SUCCEEDED`);
    return {
      subscribers: options.subscribers,
      subscribed: ready.subscribed,
      setupMs,
      progress: summarize(results.flatMap((r) => r.progressLatencies)),
      lifecycle: summarize(results.flatMap((r) => r.otherLatencies)),
      eventsPerSubscriber: perSubscriber.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...perSubscriber), max: Math.max(...perSubscriber) },
      completed,
      cpu,
      notes,
    };
  } finally {
    await fleet.close();
    const how = await worker?.stop();
    if (how !== undefined && how !== 0) notes.push(`work process exited with ${how} on SIGTERM`);
    const warnings = worker === undefined ? undefined : describePinoWarnings(worker.tail(Number.MAX_SAFE_INTEGER));
    if (warnings !== undefined) notes.push(`work process warnings: ${warnings}`);
  }
}

/** The result of a phase that could not be measured, with why. */
export function failedProgressResult(subscribers: number, error: unknown): ProgressLatencyResult {
  const none = summarize([]);
  return {
    subscribers,
    subscribed: 0,
    setupMs: Number.NaN,
    progress: none,
    lifecycle: none,
    eventsPerSubscriber: { min: 0, max: 0 },
    completed: 0,
    cpu: new Map(),
    notes: [`phase failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 1000)}`],
  };
}
