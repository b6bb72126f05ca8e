import type { Client } from 'graphql-ws';
import { connectWsClient } from './wsClient.ts';

/** Options of {@link JobOutcomeWatcher.open}. */
export interface JobOutcomeWatcherOptions {
  /** `ws://127.0.0.1:PORT/graphql`. Required. */
  wsUrl: string;
  /** API key. Required. */
  apiKey: string;
  /** Job types to follow. Required. */
  types: string[];
  /**
   * Fallback for a lost event: reads the terminal states of the given job ids from the store.
   * Called at most every `pollEveryMs` while a wait is pending. Required.
   */
  poll: (ids: string[]) => Promise<Map<string, string>>;
  /** Fallback poll interval. Default: 1000 ms. */
  pollEveryMs?: number;
}

/** What {@link JobOutcomeWatcher.waitForAll} came back with. */
export interface WaitOutcome {
  /** Terminal state of every id that ended. */
  ended: Map<string, string>;
  /** Why the wait returned early, if it did. */
  stoppedBy: 'all-ended' | 'timeout' | 'stalled';
}

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

const SUBSCRIPTION = `subscription Outcomes($filter: JobFilter) { jobEvents(filter: $filter) { kind at job { id state } } }`;

/**
 * Learns when jobs start and end from one `jobEvents` subscription (RUNNING and terminal states),
 * with a slow store poll as safety net for lost events, so waiting for many jobs costs no polling load.
 */
export class JobOutcomeWatcher {
  private readonly outcomes = new Map<string, string>();
  private readonly startedAt = new Map<string, number>();
  private readonly endedAt = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private subscriptionError: Error | undefined;
  private unsubscribe: (() => void) | undefined;

  private constructor(
    private readonly client: Client,
    private readonly options: JobOutcomeWatcherOptions,
  ) {}

  /** Connects and subscribes. */
  static async open(options: JobOutcomeWatcherOptions): Promise<JobOutcomeWatcher> {
    const client = await connectWsClient({ url: options.wsUrl, apiKey: options.apiKey });
    const watcher = new JobOutcomeWatcher(client, options);
    watcher.subscribe();
    return watcher;
  }

  /** Terminal state of a job, if seen. */
  outcome(id: string): string | undefined {
    return this.outcomes.get(id);
  }

  /** `at` (ms since epoch) of the job's first STARTED event seen, if any. */
  started(id: string): number | undefined {
    return this.startedAt.get(id);
  }

  /** `at` (ms since epoch) of the job's terminal event, when it came through the subscription (not the fallback poll). */
  ended(id: string): number | undefined {
    return this.endedAt.get(id);
  }

  /**
   * Waits until every id ended, `timeoutMs` passed, or (with `stallMs`) no id ended for that long;
   * the outcomes seen may be fewer than asked.
   */
  async waitForAll(ids: readonly string[], timeoutMs: number, stallMs = Number.POSITIVE_INFINITY): Promise<WaitOutcome> {
    const deadline = Date.now() + timeoutMs;
    const pollEveryMs = this.options.pollEveryMs ?? 1000;
    let nextPoll = Date.now() + pollEveryMs;
    const pendingIds = new Set(ids.filter((id) => !this.outcomes.has(id)));
    const refresh = (): void => {
      for (const id of pendingIds) if (this.outcomes.has(id)) pendingIds.delete(id);
    };
    let lastEnded = Date.now();
    let stoppedBy: WaitOutcome['stoppedBy'] = 'all-ended';
    while (pendingIds.size > 0) {
      const now = Date.now();
      if (now >= deadline) {
        stoppedBy = 'timeout';
        break;
      }
      if (now - lastEnded >= stallMs) {
        stoppedBy = 'stalled';
        break;
      }
      const before = pendingIds.size;
      await this.nextChange(Math.max(0, Math.min(deadline, nextPoll, lastEnded + stallMs) - now));
      if (Date.now() >= nextPoll) {
        refresh();
        if (pendingIds.size > 0) {
          const polled = await this.options.poll([...pendingIds]);
          for (const [id, state] of polled) this.record(id, state);
        }
        nextPoll = Date.now() + pollEveryMs;
      }
      refresh();
      if (pendingIds.size < before) lastEnded = Date.now();
    }
    return { ended: new Map(ids.filter((id) => this.outcomes.has(id)).map((id) => [id, this.outcomes.get(id)!])), stoppedBy };
  }

  /** Why the subscription ended, if it did before {@link close}. */
  get error(): Error | undefined {
    return this.subscriptionError;
  }

  /** Ends the subscription and the connection. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.client.dispose();
  }

  private subscribe(): void {
    this.unsubscribe = this.client.subscribe<{ jobEvents: { kind: string; at: string; job: { id: string; state: string } } }>(
      { query: SUBSCRIPTION, variables: { filter: { types: this.options.types, states: ['RUNNING', ...TERMINAL] } } },
      {
        next: (result) => {
          const event = result.data?.jobEvents;
          if (event === undefined) return;
          if (event.kind === 'STARTED' && !this.startedAt.has(event.job.id)) this.startedAt.set(event.job.id, Date.parse(event.at));
          if (TERMINAL.includes(event.kind) && !this.endedAt.has(event.job.id)) this.endedAt.set(event.job.id, Date.parse(event.at));
          this.record(event.job.id, event.job.state);
        },
        error: (error) => {
          this.subscriptionError = error instanceof Error ? error : new Error(JSON.stringify(error));
        },
        complete: () => undefined,
      },
    );
  }

  private record(id: string, state: string): void {
    if (!TERMINAL.includes(state) || this.outcomes.has(id)) return;
    this.outcomes.set(id, state);
    for (const waiter of this.waiters) waiter();
  }

  private nextChange(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}
