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

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

const SUBSCRIPTION = `subscription Outcomes($filter: JobFilter) { jobEvents(filter: $filter) { kind job { id state } } }`;

/**
 * Learns when jobs end, from one `jobEvents` subscription (terminal states only) with a slow
 * store poll as safety net, so waiting for thousands of jobs costs no polling load.
 */
export class JobOutcomeWatcher {
  private readonly outcomes = new Map<string, string>();
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

  /** Waits until every id ended or `timeoutMs` passed; resolves with the outcomes seen (possibly fewer than asked). */
  async waitForAll(ids: readonly string[], timeoutMs: number): Promise<Map<string, string>> {
    const deadline = Date.now() + timeoutMs;
    const pollEveryMs = this.options.pollEveryMs ?? 1000;
    let nextPoll = Date.now() + pollEveryMs;
    const pending = (): string[] => ids.filter((id) => !this.outcomes.has(id));
    while (pending().length > 0 && Date.now() < deadline) {
      const wake = Math.min(deadline, nextPoll) - Date.now();
      await this.nextChange(Math.max(0, wake));
      if (Date.now() >= nextPoll && pending().length > 0) {
        const polled = await this.options.poll(pending());
        for (const [id, state] of polled) this.record(id, state);
        nextPoll = Date.now() + pollEveryMs;
      }
    }
    return new Map(ids.filter((id) => this.outcomes.has(id)).map((id) => [id, this.outcomes.get(id)!]));
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
    this.unsubscribe = this.client.subscribe<{ jobEvents: { kind: string; job: { id: string; state: string } } }>(
      { query: SUBSCRIPTION, variables: { filter: { types: this.options.types, states: TERMINAL } } },
      {
        next: (result) => {
          const job = result.data?.jobEvents.job;
          if (job !== undefined) this.record(job.id, job.state);
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
