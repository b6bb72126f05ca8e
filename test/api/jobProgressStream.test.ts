import { describe, expect, it } from 'vitest';
import type { Bus, BusListener } from '../../src/bus/bus.ts';
import type { BusEvent, BusMessage, BusReplay } from '../../src/bus/busEvent.ts';
import type { JobEvent } from '../../src/engine/jobEvent.ts';
import type { Caller, JobService } from '../../src/engine/jobService.ts';
import type { JobView } from '../../src/engine/jobView.ts';
import { jobProgressStream } from '../../src/api/subscriptions/jobProgressStream.ts';

/** A bus whose history starts at `oldest`: what a capped collection keeps after dropping older events. */
class TruncatedBus implements Bus {
  private readonly listeners = new Set<BusListener>();
  constructor(private readonly oldest: number) {}
  async start() {}
  async stop() {}
  async publish(_: BusMessage | BusMessage[]): Promise<BusEvent[]> {
    return [];
  }
  subscribe(listener: BusListener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  position() {
    return 500;
  }
  async replay(query: { afterSeq: number }): Promise<BusReplay> {
    return { events: [], complete: query.afterSeq + 1 >= this.oldest };
  }
  listenerCount() {
    return this.listeners.size;
  }
}

const job = (state: JobView['state']): JobView => ({
  id: 'a'.repeat(24),
  tenantId: 't',
  type: 'demo.count',
  state,
  input: {},
  priority: 0,
  progress: { processed: 3, total: 10, message: null },
  attempts: 1,
  maxAttempts: 3,
  lastError: null,
  errors: [],
  result: null,
  retryAt: null,
  idempotencyKey: null,
  createdAt: new Date(),
  runAt: new Date(),
  startedAt: null,
  finishedAt: null,
  version: 7,
  logCount: 0,
});

const jobsReturning = (view: JobView) => ({ require: async () => view }) as unknown as JobService;
const caller: Caller = { tenantId: 't', operator: false };

async function firstEvents(stream: AsyncIterable<JobEvent>, n: number): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const event of stream) {
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

describe('jobProgress resume positions', () => {
  it('should start from the current snapshot and say so when `after` is older than what the bus keeps', async () => {
    const events = await firstEvents(jobProgressStream(new TruncatedBus(400), jobsReturning(job('SUCCEEDED')), caller, 'a'.repeat(24), 10), 1);
    expect(events).toEqual([expect.objectContaining({ kind: 'SNAPSHOT', gap: true, job: expect.objectContaining({ state: 'SUCCEEDED', version: 7 }) })]);
  });

  it('should end a resumed stream of a finished job with its final state, not hang', async () => {
    const stream = jobProgressStream(new TruncatedBus(5), jobsReturning(job('SUCCEEDED')), caller, 'a'.repeat(24), 10);
    const events = await firstEvents(stream, 2);
    expect(events).toEqual([expect.objectContaining({ kind: 'SNAPSHOT', gap: false, job: expect.objectContaining({ state: 'SUCCEEDED' }) })]);
  });
});
