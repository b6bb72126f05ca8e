import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Options of {@link connectWsClient}. */
export interface WsClientOptions {
  /** `ws://127.0.0.1:PORT/graphql`. Required. */
  url: string;
  /** API key sent as `connectionParams.authorization: Bearer <key>`. Required. */
  apiKey: string;
  /** How long the connection may take to be acknowledged. Default: 30 000 ms. */
  timeoutMs?: number;
}

/**
 * Opens one graphql-ws client (one WebSocket) and resolves once the server acknowledged it.
 * No retries: a bench must see a dropped connection, not paper over it.
 */
export function connectWsClient(options: WsClientOptions): Promise<Client> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const client = createClient({
      url: options.url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.apiKey}` },
      lazy: false,
      retryAttempts: 0,
      connectionAckWaitTimeout: timeoutMs,
      onNonLazyError: (error) => settle(() => reject(describeClose(error))),
      on: {
        connected: () => settle(() => resolve(client)),
        closed: (event) => settle(() => reject(describeClose(event))),
        error: (error) => settle(() => reject(describeClose(error))),
      },
    });
    const timer = setTimeout(
      () =>
        settle(() => {
          void client.dispose();
          reject(new Error(`WebSocket to ${options.url} not acknowledged within ${timeoutMs} ms`));
        }),
      timeoutMs,
    );
  });
}

/** Turns what graphql-ws reports (an Error, a CloseEvent, an ErrorEvent) into an Error. */
export function describeClose(cause: unknown): Error {
  if (cause instanceof Error) return cause;
  if (typeof cause === 'object' && cause !== null) {
    const { code, reason, message } = cause as { code?: number; reason?: string; message?: string };
    if (code !== undefined) return new Error(`WebSocket closed (${code}${reason ? `: ${reason}` : ''})`);
    if (message !== undefined) return new Error(`WebSocket error: ${message}`);
  }
  return new Error(`WebSocket failed: ${String(cause)}`);
}
