import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ApiError } from '../errors/apiError.ts';
import { BadArgumentError } from '../errors/badArgumentError.ts';
import { BadResponseError } from '../errors/badResponseError.ts';
import { ConnectionError } from '../errors/connectionError.ts';

/** Where the CLI finds the API when neither `--url` nor `LONGHAUL_URL` says. */
export const DEFAULT_LONGHAUL_URL = 'http://127.0.0.1:4000/graphql';

/** Options of {@link LonghaulClient}. */
export interface LonghaulClientOptions {
  /** GraphQL URL (http or https); the WebSocket uses the same URL. Default: `LONGHAUL_URL`, else {@link DEFAULT_LONGHAUL_URL}. */
  url?: string;
  /** API key sent as `authorization: Bearer <key>` over HTTP and in `connection_init`. Default: `LONGHAUL_API_KEY`; none sends no key. */
  apiKey?: string;
  /** Longest time one HTTP request may take, in ms. Default 30000. */
  requestTimeoutMs?: number;
  /** Reconnects of a subscription whose connection drops (with graphql-ws's randomised backoff). Default 5. */
  retryAttempts?: number;
}

/** {@link LonghaulClientOptions} with every default applied. */
export interface ResolvedLonghaulClientOptions {
  url: URL;
  apiKey: string | undefined;
  requestTimeoutMs: number;
  retryAttempts: number;
}

/** Applies defaults (environment first) and validates; throws {@link BadArgumentError} for an unusable URL. */
export function resolveClientOptions(options: LonghaulClientOptions, env: NodeJS.ProcessEnv = process.env): ResolvedLonghaulClientOptions {
  const raw = options.url ?? nonEmpty(env.LONGHAUL_URL) ?? DEFAULT_LONGHAUL_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadArgumentError(`not a URL: ${raw} (set LONGHAUL_URL or --url, e.g. ${DEFAULT_LONGHAUL_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadArgumentError(`the API URL must be http or https, got ${raw}`);
  return {
    url,
    apiKey: options.apiKey ?? nonEmpty(env.LONGHAUL_API_KEY),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    retryAttempts: options.retryAttempts ?? 5,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

interface GraphqlErrorShape {
  message?: unknown;
  extensions?: { code?: unknown };
}

/** The first error of a GraphQL response as an {@link ApiError}. */
function toApiError(errors: readonly GraphqlErrorShape[]): ApiError {
  const first = errors[0] ?? {};
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  return new ApiError(code, typeof first.message === 'string' ? first.message : 'unknown error');
}

/** The API's WebSocket close codes for refused keys (see `WsCloseCode` in the API). */
const CLOSE_UNAUTHENTICATED = 4401;
const CLOSE_FORBIDDEN = 4403;

interface CloseEventLike {
  code: number;
  reason: string;
}

function isCloseEvent(value: unknown): value is CloseEventLike {
  return typeof value === 'object' && value !== null && typeof (value as CloseEventLike).code === 'number' && 'reason' in value;
}

/**
 * A GraphQL client of one longhaul API: queries and mutations over HTTP, subscriptions over graphql-ws on
 * the same URL, both with the same API key. Errors are {@link ApiError} (the API's code),
 * {@link ConnectionError} or {@link BadResponseError}; never raw transport errors.
 */
export class LonghaulClient {
  readonly options: ResolvedLonghaulClientOptions;
  #ws: Client | undefined;

  constructor(options: LonghaulClientOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    this.options = resolveClientOptions(options, env);
  }

  /** Runs a query or mutation over HTTP; resolves with `data`, rejects with the first GraphQL error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw new ConnectionError(`cannot reach ${this.options.url.href}: ${describeFetchError(error)}`);
    }
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphqlErrorShape[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new BadResponseError(`${this.options.url.href} answered HTTP ${response.status} with no GraphQL response (is it a longhaul API URL?)`);
    }
    if (Array.isArray(body.errors) && body.errors.length > 0) throw toApiError(body.errors);
    if (body.data === undefined || body.data === null) throw new BadResponseError(`${this.options.url.href} answered HTTP ${response.status} without data`);
    return body.data;
  }

  /**
   * Subscribes over graphql-ws and yields each result's `data`; ends when the server completes the
   * subscription. A dropped connection is retried (the operation is sent again); a refused key or a
   * GraphQL error ends the iteration with an {@link ApiError}.
   */
  async *subscribe<T>(query: string, variables: Record<string, unknown> = {}): AsyncGenerator<T> {
    const iterator = this.#webSocket().iterate<T>({ query, variables });
    try {
      for (;;) {
        let step: IteratorResult<{ data?: T | null; errors?: readonly GraphqlErrorShape[] }>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw this.#subscriptionError(error);
        }
        if (step.done === true) return;
        if (step.value.errors !== undefined && step.value.errors.length > 0) throw toApiError(step.value.errors);
        if (step.value.data !== undefined && step.value.data !== null) yield step.value.data;
      }
    } finally {
      await iterator.return?.(undefined);
    }
  }

  /** Closes the WebSocket, if one was opened. */
  async close(): Promise<void> {
    await this.#ws?.dispose();
    this.#ws = undefined;
  }

  #webSocket(): Client {
    if (this.#ws !== undefined) return this.#ws;
    const url = new URL(this.options.url);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#ws = createClient({
      url: url.href,
      webSocketImpl: WebSocket,
      connectionParams: this.options.apiKey === undefined ? {} : { authorization: `Bearer ${this.options.apiKey}` },
      lazy: true,
      retryAttempts: this.options.retryAttempts,
      // A refused key (4401, 4403) or a protocol error (other 4xxx) will not heal by retrying.
      shouldRetry: (event) => !(isCloseEvent(event) && event.code >= 4000 && event.code < 5000),
    });
    return this.#ws;
  }

  #subscriptionError(error: unknown): Error {
    if (Array.isArray(error)) return toApiError(error as GraphqlErrorShape[]);
    if (isCloseEvent(error)) {
      if (error.code === CLOSE_UNAUTHENTICATED) return new ApiError('UNAUTHENTICATED', error.reason || 'an API key is required (set LONGHAUL_API_KEY)');
      if (error.code === CLOSE_FORBIDDEN) return new ApiError('FORBIDDEN', error.reason || 'the API key was refused');
      return new ConnectionError(`the WebSocket to ${this.options.url.href} closed (code ${error.code}${error.reason === '' ? '' : `: ${error.reason}`})`);
    }
    if (error instanceof Error) return new ConnectionError(`WebSocket to ${this.options.url.href} failed: ${error.message}`);
    return new ConnectionError(`WebSocket to ${this.options.url.href} failed`);
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (error.name === 'TimeoutError') return 'request timed out';
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
