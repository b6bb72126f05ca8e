/** What a subscriber process is asked to do (passed as its only argument, JSON). */
export interface SubscriberTask {
  /** `ws://127.0.0.1:PORT/graphql`. */
  wsUrl: string;
  /** API key of every subscriber. */
  apiKey: string;
  /** The job every subscriber follows with `jobProgress`. */
  jobId: string;
  /** WebSocket clients (one socket, one subscription each) in this process. */
  count: number;
  /** Connections being opened at once. */
  connectConcurrency: number;
  /** Hard bound on the process's life; it reports what it has and exits after it. */
  lifetimeMs: number;
}

/** Sent by a subscriber process once every subscription received its SNAPSHOT (or failed). */
export interface SubscriberReady {
  type: 'ready';
  /** Subscriptions that received their SNAPSHOT. */
  subscribed: number;
  /** Connections or subscriptions that failed. */
  failed: number;
  /** Distinct error messages (first few). */
  errors: string[];
  /** Highest bus position among the SNAPSHOTs received (how far the server's bus reader had read); -1 if none. */
  snapshotPosition: number;
}

/** Sent by a subscriber process when every subscription completed (or failed, or time ran out). */
export interface SubscriberResult {
  type: 'result';
  /** Receive time minus the event's `at`, in ms, of every PROGRESS event received. */
  progressLatencies: number[];
  /** The same for every other non-SNAPSHOT event (STARTED, SUCCEEDED, …). */
  otherLatencies: number[];
  /** PROGRESS events received by each subscription. */
  progressPerSubscriber: number[];
  /** Subscriptions that completed normally (after SUCCEEDED). */
  completed: number;
  /** Distinct error messages (first few). */
  errors: string[];
  /** Whether the process stopped at its lifetime bound or on request rather than on completion. */
  cutShort: boolean;
}

/** Messages from a subscriber process to the bench. */
export type SubscriberMessage = SubscriberReady | SubscriberResult;

/** Messages from the bench to a subscriber process. */
export interface SubscriberCommand {
  /** Report what was received so far and exit. */
  type: 'finish';
}
