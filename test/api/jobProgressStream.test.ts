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

/** A bus whose events the test emits by hand, to listeners registered by the stream. */
class ManualBus extends TruncatedBus {
  private seq = 500;
  private readonly own = new Set<BusListener>();
  override subscribe(listener: BusListener) {
    this.own.add(listener);
    return () => this.own.delete(listener);
  }
  emit(kind: JobEvent['kind'], view: JobView): void {
    const event: BusEvent = { topic: 'job', tenantId: 't', jobId: view.id, payload: { kind, job: view }, seq: ++this.seq, at: new Date() };
    for (const listener of this.own) listener(event);
  }
}

describe('jobProgress for a subscriber that falls behind', () => {
  const at = (state: JobView['state'], version: number, processed: number): JobView => ({ ...job(state), version, progress: { processed, total: 100, message: null } });

  it('should merge the progress events waiting for it into the latest one and keep every other event, in order', async () => {
    const bus = new ManualBus(0);
    const stream = jobProgressStream(bus, jobsReturning(at('QUEUED', 1, 0)), caller, 'a'.repeat(24));
    const first = await stream.next();
    expect(first.value).toMatchObject({ kind: 'SNAPSHOT' });
    // The subscriber does not read while these arrive: the first waits in its `next()`, the rest queue.
    const waiting = stream.next();
    bus.emit('STARTED', at('RUNNING', 2, 0));
    for (let i = 1; i <= 5; i++) bus.emit('PROGRESS', at('RUNNING', 2 + i, i));
    bus.emit('CHECKPOINT', at('RUNNING', 8, 5));
    bus.emit('PROGRESS', at('RUNNING', 9, 6));
    bus.emit('PROGRESS', at('RUNNING', 10, 7));
    bus.emit('SUCCEEDED', at('SUCCEEDED', 11, 7));
    const events = [(await waiting).value as JobEvent];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => [e.kind, e.job.version, e.job.progress.processed])).toEqual([
      ['STARTED', 2, 0],
      ['PROGRESS', 7, 5],
      ['CHECKPOINT', 8, 5],
      ['PROGRESS', 10, 7],
      ['SUCCEEDED', 11, 7],
    ]);
  });

  it('should deliver every progress event to a subscriber that keeps up', async () => {
    const bus = new ManualBus(0);
    const stream = jobProgressStream(bus, jobsReturning(at('RUNNING', 1, 0)), caller, 'a'.repeat(24));
    await stream.next();
    const seen: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const next = stream.next();
      bus.emit('PROGRESS', at('RUNNING', 1 + i, i));
      seen.push(((await next).value as JobEvent).job.progress.processed);
    }
    await stream.return?.(undefined);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

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
