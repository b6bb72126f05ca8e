/**
 * Entry of a subscriber process: opens `count` graphql-ws clients (one socket each), subscribes
 * each to `jobProgress` of one job, and reports per-event latency (receive time minus the event's
 * `at`) to the bench over IPC. Runs apart from the bench so that neither skews the other's clock reads.
 */
import type { Client } from 'graphql-ws';
import { runBounded } from './boundedConcurrency.ts';
import type { SubscriberCommand, SubscriberMessage, SubscriberResult, SubscriberTask } from './subscriberProtocol.ts';
import { connectWsClient, describeClose } from './wsClient.ts';

const SUBSCRIPTION = 'subscription Progress($id: ID!) { jobProgress(id: $id) { position kind at job { state progress { processed total } } } }';

interface ProgressEvent {
  jobProgress: { position: string; kind: string; at: string; job: { state: string; progress: { processed: number; total: number | null } } };
}

const task = JSON.parse(process.argv[2] ?? '{}') as SubscriberTask;
const send = (message: SubscriberMessage): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });

const clients: Client[] = [];
const progressLatencies: number[] = [];
const otherLatencies: number[] = [];
const progressPerSubscriber = new Array<number>(task.count).fill(0);
const errors = new Set<string>();
let snapshots = 0;
let snapshotPosition = -1;
let failed = 0;
let completed = 0;
let readySent = false;
let finished = false;

const noteError = (error: unknown): void => {
  if (errors.size < 20) errors.add(describeClose(error).message);
};

const checkProgress = (): void => {
  if (!readySent && snapshots + failed >= task.count) {
    readySent = true;
    void send({ type: 'ready', subscribed: snapshots, failed, errors: [...errors], snapshotPosition });
  }
  if (completed + failed >= task.count) void finish(false);
};

const subscribe = (client: Client, index: number): void => {
  let first = true;
  client.subscribe<ProgressEvent>(
    { query: SUBSCRIPTION, variables: { id: task.jobId } },
    {
      next: (result) => {
        const received = Date.now();
        const event = result.data?.jobProgress;
        if (event === undefined) {
          noteError(new Error(`event without data: ${JSON.stringify(result.errors ?? result).slice(0, 200)}`));
          return;
        }
        if (first) {
          first = false;
          if (event.kind === 'SNAPSHOT') {
            snapshots++;
            snapshotPosition = Math.max(snapshotPosition, Number.parseInt(event.position, 36));
            checkProgress();
            return;
          }
          noteError(new Error(`first event was ${event.kind}, not SNAPSHOT`));
          snapshots++;
          checkProgress();
        }
        const latency = received - Date.parse(event.at);
        if (event.kind === 'PROGRESS') {
          progressLatencies.push(latency);
          progressPerSubscriber[index]!++;
        } else if (event.kind !== 'SNAPSHOT') {
          otherLatencies.push(latency);
        }
      },
      error: (error) => {
        noteError(error);
        failed++;
        if (first) first = false;
        checkProgress();
      },
      complete: () => {
        completed++;
        checkProgress();
      },
    },
  );
};

async function finish(cutShort: boolean): Promise<void> {
  if (finished) return;
  finished = true;
  const result: SubscriberResult = {
    type: 'result',
    progressLatencies,
    otherLatencies,
    progressPerSubscriber,
    completed,
    errors: [...errors],
    cutShort,
  };
  await send(result);
  await Promise.allSettled(clients.map(async (c) => c.dispose()));
  process.exit(0);
}

process.on('message', (command: SubscriberCommand) => {
  if (command.type === 'finish') void finish(true);
});
process.on('disconnect', () => process.exit(1));
setTimeout(() => void finish(true), task.lifetimeMs).unref();

void runBounded(task.count, task.connectConcurrency, async (index) => {
  try {
    const client = await connectWsClient({ url: task.wsUrl, apiKey: task.apiKey, timeoutMs: 30_000 });
    clients.push(client);
    subscribe(client, index);
  } catch (error) {
    noteError(error);
    failed++;
    checkProgress();
  }
});
