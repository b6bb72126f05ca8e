import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Kind, OperationTypeNode, parse } from 'graphql';

/** Answer of a GraphQL HTTP request. */
export interface GraphqlResponse<T = Record<string, any>> {
  status: number;
  /** The HTTP response headers (e.g. `retry-after`). */
  headers?: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** POSTs a GraphQL operation to `url` with an API key. */
export async function gql<T = Record<string, any>>(url: string, key: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GraphqlResponse<T>;
  return { ...body, status: res.status, headers: res.headers };
}

/** Like {@link gql}, but throws on any GraphQL error and returns `data`. */
export async function gqlData<T = Record<string, any>>(url: string, key: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await gql<T>(url, key, query, variables);
  if (res.errors !== undefined || res.data === undefined || res.data === null) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** A graphql-ws client for the API at `url` (http URL; the same path serves WebSocket). */
export function wsClient(url: string, key: string | null, options: { onClose?: (code: number, reason: string) => void } = {}): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: key === null ? {} : { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        options.onClose?.(e.code, e.reason);
      },
    },
  });
}

/** Subscribes and collects results until `until` says stop, the stream completes, or `timeoutMs` passes. */
export function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  options: { until?: (item: T, all: T[]) => boolean; timeoutMs?: number } = {},
): Promise<{ items: T[]; completed: boolean; errors: unknown[] }> {
  const items: T[] = [];
  const errors: unknown[] = [];
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => undefined;
    const finish = (completed: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve({ items, completed, errors });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 30_000);
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) {
            const item = Object.values(result.data)[0] as T;
            items.push(item);
            if (options.until?.(item, items) === true) finish(false);
          }
        },
        error: (error) => {
          errors.push(error);
          finish(false);
        },
        complete: () => finish(true),
      },
    );
  });
}

/** Answer of one operation over WebSocket: its first result, or the errors the server refused it with (`refused`). */
export interface WsAnswer<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; locations?: unknown; path?: unknown; extensions?: Record<string, any> }[];
  /** The operation was refused before it ran (a graphql-ws `error` message), not answered with a result. */
  refused: boolean;
}

/** Runs one operation over graphql-ws and resolves with its first result (or its refusal), completing a subscription. */
export function wsRequest<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>, timeoutMs = 30_000): Promise<WsAnswer<T>> {
  // Queries and mutations complete by themselves: completing them from `next` as well would release the
  // client's connection lock twice (graphql-ws 6 client) and close a socket other operations still use.
  const subscription = isSubscription(query);
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms to ${query.slice(0, 80)}`)), timeoutMs);
    const done = (answer: WsAnswer<T>) => {
      clearTimeout(timer);
      if (subscription) unsubscribe();
      resolve(answer);
    };
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => done({ ...(result.data === undefined ? {} : { data: result.data }), ...(result.errors === undefined ? {} : { errors: result.errors as WsAnswer['errors'] }), refused: false }),
        error: (error) => {
          if (Array.isArray(error)) done({ errors: error as WsAnswer['errors'], refused: true });
          else {
            clearTimeout(timer);
            // A closed socket gives its CloseEvent: keep its code.
            const code = (error as { code?: unknown }).code;
            reject(error instanceof Error ? error : Object.assign(new Error(`socket closed: ${String(code)} ${String((error as { reason?: unknown }).reason ?? '')}`), { code }));
          }
        },
        complete: () => done({ refused: false }),
      },
    );
  });
}

/** Whether `query` parses and holds a subscription operation. */
export function isSubscription(query: string): boolean {
  try {
    return parse(query).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);
  } catch {
    return false;
  }
}
