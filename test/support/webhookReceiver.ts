import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a {@link WebhookReceiver} got, with the status it answered. */
export interface ReceivedWebhook {
  path: string;
  body: any;
  status: number;
  at: number;
}

/**
 * A local alert receiver (node:http on port 0): records every POST, answers with the status `statusFor`
 * picks (200 by default), and can go down (refusing connections) and come back on the same port.
 */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  received: ReceivedWebhook[];
  /** Successful (2xx) requests to `path` (prefix). */
  accepted(pathPrefix: string): ReceivedWebhook[];
  statusFor: (path: string) => number;
  /** Resolves once `predicate` holds for the received list (checked on every request). */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stops listening: connections are refused until {@link up}. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { predicate: (r: ReceivedWebhook[]) => boolean; resolve: () => void }[] = [];
  let port = 0;
  let server: Server | undefined;
  const receiver: WebhookReceiver = {
    baseUrl: '',
    received,
    accepted: (prefix) => received.filter((r) => r.path.startsWith(prefix) && r.status >= 200 && r.status < 300),
    statusFor: () => 200,
    waitFor: (predicate, timeoutMs = 60_000) => {
      if (predicate(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver: condition not met in ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => [r.path, r.status, r.body?.event ?? r.body?.text]))}`)), timeoutMs);
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    down: async () => {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: async () => {
      if (server !== undefined) return;
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const path = req.url ?? '/';
          const status = receiver.statusFor(path);
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = Buffer.concat(chunks).toString('utf8');
          }
          received.push({ path, body, status, at: Date.now() });
          res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
          res.end(status < 300 ? 'ok' : 'unavailable');
          for (const w of [...waiters]) {
            if (w.predicate(received)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          }
        });
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
      receiver.baseUrl = `http://127.0.0.1:${port}`;
    },
    close: () => receiver.down(),
  };
  await receiver.up();
  return receiver;
}
