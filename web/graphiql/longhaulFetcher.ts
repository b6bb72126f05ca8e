import type { Fetcher, FetcherOpts, FetcherParams, FetcherResult } from '@graphiql/toolkit';
import { getOperationAST, OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

/** Options of {@link createLonghaulFetcher}. */
export interface LonghaulFetcherOptions {
  /** GraphQL URL over HTTP; the WebSocket uses the same URL with ws(s). */
  url: string;
  /** API key from the key field; an `authorization` header in the headers editor takes precedence. */
  apiKey: string | undefined;
}

/**
 * GraphiQL's fetcher for longhaul: queries and mutations over HTTP, subscriptions over graphql-ws on the same
 * URL, both authorised by the same key (the key field, or an `authorization` header from the headers editor,
 * which graphql-ws cannot send as a header: it goes into `connection_init`, as the API expects).
 */
export function createLonghaulFetcher(options: LonghaulFetcherOptions): Fetcher & { dispose(): void } {
  const wsUrl = options.url.replace(/^http/, 'ws');
  let socket: { authorization: string | undefined; client: Client } | undefined;

  const webSocketFor = (authorization: string | undefined): Client => {
    if (socket !== undefined && socket.authorization === authorization) return socket.client;
    void socket?.client.dispose();
    const client = createClient({
      url: wsUrl,
      connectionParams: authorization === undefined ? {} : { authorization },
      lazy: true,
      retryAttempts: 0,
    });
    socket = { authorization, client };
    return client;
  };

  const fetcher = (params: FetcherParams, opts?: FetcherOpts) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts?.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const authorization = headers.authorization ?? (options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`);
    const operation = resolveOperation(params);
    if (operation.subscription) return subscribe(webSocketFor(authorization), operation.params);
    return post(options.url, { ...headers, ...(authorization === undefined ? {} : { authorization }) }, operation.params);
  };
  return Object.assign(fetcher, { dispose: () => void socket?.client.dispose() });
}

/**
 * The operation to run and whether it is a subscription. Parsed here, not taken from GraphiQL's `documentAST` and
 * `operationName`: right after a tab switch they can still be the previous tab's. A name the document does not
 * define is dropped when the document has a single operation.
 */
function resolveOperation(params: FetcherParams): { params: FetcherParams; subscription: boolean } {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    return { params, subscription: false };
  }
  let operation = getOperationAST(document, params.operationName ?? undefined);
  let operationName = params.operationName;
  if (operation === null && operationName !== undefined && operationName !== null) {
    operation = getOperationAST(document);
    operationName = operation?.name?.value ?? null;
  }
  return { params: { ...params, operationName }, subscription: operation?.operation === OperationTypeNode.SUBSCRIPTION };
}

async function post(url: string, headers: Record<string, string>, params: FetcherParams): Promise<FetcherResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json, application/json', ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as FetcherResult;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] } as unknown as FetcherResult;
  }
}

/** The API's close codes for refused keys. */
const CLOSE_REASONS: Record<number, string> = {
  4401: 'UNAUTHENTICATED: enter an API key above',
  4403: 'FORBIDDEN: the API key was refused',
};

async function* subscribe(client: Client, params: FetcherParams): AsyncGenerator<FetcherResult> {
  try {
    for await (const result of client.iterate({ query: params.query, variables: (params.variables ?? undefined) as Record<string, unknown> | undefined, operationName: params.operationName ?? undefined })) {
      yield result as FetcherResult;
    }
  } catch (error) {
    yield { errors: describeError(error) } as unknown as FetcherResult;
  }
}

function describeError(error: unknown): { message: string; extensions?: unknown }[] {
  if (Array.isArray(error)) return error as { message: string }[];
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as CloseEvent).code === 'number') {
    const { code, reason } = error as CloseEvent;
    return [{ message: `WebSocket closed (${code}): ${CLOSE_REASONS[code] ?? (reason || 'connection lost')}` }];
  }
  return [{ message: error instanceof Error ? error.message : 'WebSocket error' }];
}
