import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { cpuSecondsOf } from '../support/cpuMeter.ts';
import { summarize } from '../stats.ts';
import { burstRate, type BurstFigure, type SequentialLatency } from './burstFigure.ts';
import { CommandCounter, redisCommandSource } from './commandCounter.ts';
import type { RedisServer } from './redisServer.ts';

/** What the BullMQ peer measured. */
export interface BullmqResult {
  /** One entry per burst size, in order. */
  bursts: BurstFigure[];
  /** Sequential enqueue-to-start (`processedOn - timestamp` of each job). */
  latency: SequentialLatency;
  /** `BullMQ <version>`. */
  description: string;
}

/** Options of {@link measureBullmq}. */
export interface BullmqOptions {
  redis: RedisServer;
  bursts: number[];
  latencyJobs: number;
  burstTimeoutMs: number;
  /** Worker concurrency. Default: 20. */
  concurrency?: number;
}

/**
 * BullMQ on the bench's `redis-server`: one `Worker` with concurrency 20 and an empty processor, in this process.
 * A burst is one `addBulk` call of N jobs (the counterpart of longhaul's `createJobs`), a fresh queue per burst.
 */
export async function measureBullmq(options: BullmqOptions, status: (message: string) => void): Promise<BullmqResult> {
  const connection = { host: '127.0.0.1', port: options.redis.port, maxRetriesPerRequest: null };
  const admin = new Redis(connection);
  const commands = redisCommandSource(() => admin.info('commandstats'));
  const { version } = (await import('bullmq/package.json', { with: { type: 'json' } })).default as { version: string };
  try {
    const bursts: BurstFigure[] = [];
    for (const size of options.bursts) {
      status(`BullMQ: burst of ${size}`);
      bursts.push(await burst(`bench-burst-${size}`, size));
      status(`BullMQ: ${bursts.at(-1)!.perSecond.toFixed(0)} jobs/s`);
    }
    status(`BullMQ: ${options.latencyJobs} sequential jobs`);
    const latency = await sequential();
    return { bursts, latency, description: `BullMQ ${version}` };
  } finally {
    admin.disconnect();
  }

  async function withWorker<T>(queueName: string, body: (queue: Queue, completions: Map<string, Job>, wake: { next: () => Promise<void> }) => Promise<T>): Promise<T> {
    const queue = new Queue(queueName, { connection });
    const completions = new Map<string, Job>();
    let waiters: (() => void)[] = [];
    const worker = new Worker(queueName, async () => undefined, { connection, concurrency: options.concurrency ?? 20 });
    worker.on('completed', (job) => {
      completions.set(job.id!, job);
      for (const w of waiters) w();
      waiters = [];
    });
    await worker.waitUntilReady();
    try {
      return await body(queue, completions, { next: () => new Promise<void>((resolve) => waiters.push(resolve)) });
    } finally {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  }

  async function waitUntil(done: () => boolean, deadline: number, wake: { next: () => Promise<void> }): Promise<void> {
    while (!done() && Date.now() < deadline) {
      await Promise.race([wake.next(), new Promise((r) => setTimeout(r, Math.max(1, Math.min(1000, deadline - Date.now()))))]);
    }
  }

  function burst(queueName: string, size: number): Promise<BurstFigure> {
    return withWorker(queueName, async (queue, completions, wake) => {
      const counter = await CommandCounter.start(commands);
      const cpuBefore = cpuSecondsOf(options.redis.pid);
      const startedAt = Date.now();
      const deadline = startedAt + options.burstTimeoutMs;
      const jobs = await queue.addBulk(Array.from({ length: size }, (_, i) => ({ name: 'noop', data: { i } })));
      await waitUntil(() => completions.size >= size, deadline, wake);
      const cpuAfter = cpuSecondsOf(options.redis.pid);
      const counts = await counter?.read();
      const finishes = [...completions.values()].flatMap((job) => (job.finishedOn === undefined ? [] : [job.finishedOn]));
      return {
        ...burstRate(size, jobs.length, finishes, startedAt),
        createMethod: 'one addBulk call',
        dbCpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
        commands: counts,
        notes: [],
      };
    });
  }

  function sequential(): Promise<SequentialLatency> {
    return withWorker('bench-latency', async (queue, completions, wake) => {
      const samples: number[] = [];
      for (let i = 0; i < options.latencyJobs; i++) {
        const job = await queue.add('noop', { i });
        await waitUntil(() => completions.has(job.id!), Date.now() + 10_000, wake);
        const done = completions.get(job.id!);
        if (done?.processedOn !== undefined) samples.push(done.processedOn - done.timestamp);
      }
      const notes = samples.length < options.latencyJobs ? [`${options.latencyJobs - samples.length} job(s) did not complete within 10 s`] : [];
      return { summary: summarize(samples), method: 'queue.add one at a time, each waited for; processedOn - timestamp', notes };
    });
  }
}
