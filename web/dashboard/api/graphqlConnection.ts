import { createClient, type Client } from 'graphql-ws';
import { GraphqlError, type GraphqlErrorShape } from './graphqlError.ts';

/** Options of {@link GraphqlConnection}. */
export interface GraphqlConnectionOptions {
  /** GraphQL URL over HTTP; the WebSocket uses the same URL with ws(s). */
  url: string;
  /** API key sent as `authorization: Bearer <key>` over HTTP and in `connection_init`; none sends no key. */
  apiKey: string | undefined;
}

/** What a subscriber is told; `next` gets each result's `data`. */
export interface SubscriptionSink<T> {
  next(data: T): void;
  /** The subscription failed (GraphQL error, refused key, connection lost for good). */
  error(error: GraphqlError): void;
  /** The server completed it (e.g. `jobProgress` after a final state). */
  complete?(): void;
  /** The WebSocket (re)connected: a subscriber that missed events while it was down re-queries here. */
  reconnected?: () => void;
}

/** The API's WebSocket close codes for refused keys. */
const CLOSE_REASONS: Record<number, string> = {
  4401: 'UNAUTHENTICATED',
  4403: 'FORBIDDEN',
};

/**
 * The dashboard's one connection to the API: queries and mutations over HTTP POST, subscriptions over one shared
 * graphql-ws socket on the same URL, both with the same key. Live data only ever comes through subscriptions.
 */
export class GraphqlConnection {
  readonly #url: string;
  readonly #apiKey: string | undefined;
  readonly #ws: Client;
  /** Subscribers to tell about a reconnect; `seen` once the socket they use has connected. */
  readonly #reconnectListeners = new Set<{ listener: () => void; seen: boolean }>();
  #connected = false;

  constructor(options: GraphqlConnectionOptions) {
    this.#url = options.url;
    this.#apiKey = options.apiKey;
    this.#ws = createClient({
      url: options.url.replace(/^http/, 'ws'),
      connectionParams: options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` },
      lazy: true,
      // Moving between pages ends one page's subscriptions just before the next page's start: keep the socket.
      lazyCloseTimeout: 2000,
      retryAttempts: Infinity,
      // A refused key (4401, 4403) or a protocol error (other 4xxx) will not heal by retrying.
      shouldRetry: (event) => !(isCloseEvent(event) && event.code >= 4000 && event.code < 5000),
      on: {
        connected: () => {
          this.#connected = true;
          // Only subscribers that were connected before missed something; a new one just connected for the first time.
          for (const entry of this.#reconnectListeners) {
            if (entry.seen) entry.listener();
            entry.seen = true;
          }
        },
        closed: () => {
          this.#connected = false;
        },
      },
    });
  }

  /** Runs a query or mutation over HTTP; resolves with `data`, rejects with a {@link GraphqlError}. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (this.#apiKey !== undefined) headers.authorization = `Bearer ${this.#apiKey}`;
    let response: Response;
    try {
      response = await fetch(this.#url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (error) {
      throw new GraphqlError('NETWORK_ERROR', error instanceof Error ? error.message : 'the API cannot be reached');
    }
    let body: { data?: T | null; errors?: GraphqlErrorShape[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphqlError('BAD_RESPONSE', `HTTP ${response.status} without a GraphQL response`);
    }
    if (Array.isArray(body.errors) && body.errors.length > 0) throw GraphqlError.fromErrors(body.errors);
    if (body.data === undefined || body.data === null) throw new GraphqlError('BAD_RESPONSE', `HTTP ${response.status} without data`);
    return body.data;
  }

  /** Subscribes over graphql-ws; returns the function that unsubscribes. */
  subscribe<T>(query: string, variables: Record<string, unknown>, sink: SubscriptionSink<T>): () => void {
    const reconnected = sink.reconnected === undefined ? undefined : { listener: sink.reconnected, seen: this.#connected };
    if (reconnected !== undefined) this.#reconnectListeners.add(reconnected);
    const unsubscribe = this.#ws.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors !== undefined && result.errors.length > 0) sink.error(GraphqlError.fromErrors(result.errors));
          else if (result.data !== undefined && result.data !== null) sink.next(result.data);
        },
        error: (error) => sink.error(subscriptionError(error)),
        complete: () => sink.complete?.(),
      },
    );
    return () => {
      if (reconnected !== undefined) this.#reconnectListeners.delete(reconnected);
      unsubscribe();
    };
  }

  /** Closes the WebSocket. */
  dispose(): void {
    void this.#ws.dispose();
  }
}

interface CloseEventLike {
  code: number;
  reason: string;
}

function isCloseEvent(value: unknown): value is CloseEventLike {
  return typeof value === 'object' && value !== null && typeof (value as CloseEventLike).code === 'number' && 'reason' in value;
}

function subscriptionError(error: unknown): GraphqlError {
  if (Array.isArray(error)) return GraphqlError.fromErrors(error as GraphqlErrorShape[]);
  if (isCloseEvent(error)) {
    const code = CLOSE_REASONS[error.code] ?? 'WEBSOCKET_CLOSED';
    return new GraphqlError(code, `WebSocket closed (${error.code})${error.reason === '' ? '' : `: ${error.reason}`}`);
  }
  return GraphqlError.from(error);
}
