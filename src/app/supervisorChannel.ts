/** IPC messages between the supervisor and a worker process. */
export type SupervisorMessage =
  /** Supervisor → worker: are you (your event loop) alive? */
  | { type: 'longhaul.ping'; seq: number }
  /** Worker → supervisor: answers a ping; only a worker whose event loop runs can. */
  | { type: 'longhaul.pong'; seq: number; workerId: string }
  /** Worker → supervisor: registered under this id. */
  | { type: 'longhaul.hello'; workerId: string }
  /** Worker → supervisor: about to block its own event loop on purpose (e.g. a heap snapshot) for up to `ms`. */
  | { type: 'longhaul.pause'; ms: number }
  /** Worker → supervisor, once at start: send me the variables that are kept out of my environment. */
  | { type: 'longhaul.secretsRequest' }
  /** Supervisor → worker: those variables (`LONGHAUL_SECRET_KEYS`, `MONGODB_URI`), never in `/proc/<pid>/environ`. */
  | { type: 'longhaul.secrets'; env: Record<string, string> };

/** How long a worker waits for its supervisor's {@link SupervisorMessage} `longhaul.secrets`. */
const SECRETS_TIMEOUT_MS = 30_000;

/**
 * In a supervised worker process: asks the supervisor for the variables it keeps out of the worker's
 * environment (see `Supervisor`) and resolves with them, to be merged over `process.env` in memory only
 * (never written to `process.env`, which would put them in the process's environment block). Unsupervised:
 * resolves with none. Rejects when the supervisor does not answer within 30 s.
 */
export function receiveSupervisorSecrets(): Promise<Record<string, string>> {
  if (process.send === undefined || !process.connected) return Promise.resolve({});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error(`the supervisor sent no configuration within ${SECRETS_TIMEOUT_MS} ms`));
    }, SECRETS_TIMEOUT_MS);
    const onMessage = (message: unknown): void => {
      if (!isSupervisorMessage(message) || message.type !== 'longhaul.secrets') return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(message.env);
    };
    process.on('message', onMessage);
    const request: SupervisorMessage = { type: 'longhaul.secretsRequest' };
    process.send!(request);
  });
}

/** Whether an IPC message is one of longhaul's. */
export function isSupervisorMessage(message: unknown): message is SupervisorMessage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' && (message as { type: string }).type.startsWith('longhaul.');
}

/**
 * In a supervised worker process: introduces the worker to its supervisor and answers its pings, from the
 * event loop (a loop blocked by synchronous code answers none, and the supervisor notices). No-op unsupervised.
 */
export function answerSupervisor(workerId: string): { announcePause(ms: number): void; stop(): void } {
  if (process.send === undefined || !process.connected) return { announcePause: () => undefined, stop: () => undefined };
  const send = (message: SupervisorMessage): void => {
    if (process.connected) process.send?.(message);
  };
  const onMessage = (message: unknown): void => {
    if (isSupervisorMessage(message) && message.type === 'longhaul.ping') send({ type: 'longhaul.pong', seq: message.seq, workerId });
  };
  process.on('message', onMessage);
  send({ type: 'longhaul.hello', workerId });
  return { announcePause: (ms) => send({ type: 'longhaul.pause', ms }), stop: () => process.off('message', onMessage) };
}
