import type { BenchProcess } from './support/benchProcess.ts';
import type { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { SubscriberFleet } from './support/subscriberFleet.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** Input of the `demo.count` job whose progress is pushed. */
export interface CountJobInput {
  to: number;
  delayMs: number;
  checkpointEvery: number;
}

/** Options of {@link measureProgressLatency}. */
export interface ProgressLatencyOptions {
  /** GraphQL client of the one `serve` process. Required. */
  http: GraphqlHttpClient;
  /** WebSocket URL of the same `serve` process. Required. */
  wsUrl: string;
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
  /** Bound on connecting and subscribing everyone. Default: 120 000 ms. */
  readyTimeoutMs?: number;
}

/** Progress-to-subscriber latency at one subscriber count. */
export interface ProgressLatencyResult {
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
    const ready = await fleet.whenReady(options.readyTimeoutMs ?? 120_000);
    const setupMs = Date.now() - setupStarted;
    if (ready.failed > 0) notes.push(`${ready.failed} subscription(s) failed to start: ${ready.errors.slice(0, 3).join(' | ')}`);
    worker = await options.startWorker();
    // The job's own run time plus room for the worker to boot and for slow fan-out.
    const results = await fleet.collect(job.to * job.delayMs * 3 + 60_000);
    const perSubscriber = results.flatMap((r) => r.progressPerSubscriber);
    const completed = results.reduce((n, r) => n + r.completed, 0);
    const errors = [...new Set(results.flatMap((r) => r.errors))];
    if (errors.length > 0) notes.push(`subscriber errors: ${errors.slice(0, 3).join(' | ')}`);
    if (results.some((r) => r.cutShort)) notes.push('some subscriber processes hit their time bound before every subscription completed');
    if (completed < ready.subscribed) notes.push(`${ready.subscribed - completed} subscription(s) did not complete after SUCCEEDED`);
    return {
      subscribers: options.subscribers,
      subscribed: ready.subscribed,
      setupMs,
      progress: summarize(results.flatMap((r) => r.progressLatencies)),
      lifecycle: summarize(results.flatMap((r) => r.otherLatencies)),
      eventsPerSubscriber: { min: Math.min(...perSubscriber), max: Math.max(...perSubscriber) },
      completed,
      notes,
    };
  } finally {
    await fleet.close();
    const how = await worker?.stop();
    if (how !== undefined && how !== 0) notes.push(`work process exited with ${how} on SIGTERM`);
  }
}
