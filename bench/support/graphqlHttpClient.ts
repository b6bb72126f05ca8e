/** Options of {@link GraphqlHttpClient}. */
export interface GraphqlHttpClientOptions {
  /** `http://127.0.0.1:PORT/graphql`. Required. */
  url: string;
  /** API key sent as `authorization: Bearer <key>`. Required. */
  apiKey: string;
  /** Per-request time bound. Default: 30 000 ms. */
  timeoutMs?: number;
}

/** Error for a GraphQL response with `errors`, or a failed HTTP exchange. */
export class GraphqlRequestError extends Error {
  override readonly name = 'GraphqlRequestError';
}

const CREATE_JOB = 'mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { id } }';

/** Minimal GraphQL-over-HTTP client of the bench (POST, JSON, bearer key). */
export class GraphqlHttpClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: GraphqlHttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Runs one operation; resolves with `data`, throws {@link GraphqlRequestError} on any error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let body: { data?: T; errors?: { message: string }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GraphqlRequestError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
    if (body.errors !== undefined && body.errors.length > 0) {
      throw new GraphqlRequestError(`HTTP ${response.status}: ${body.errors.map((e) => e.message).join('; ')}`);
    }
    if (body.data === undefined) throw new GraphqlRequestError(`HTTP ${response.status}: no data`);
    return body.data;
  }

  /** `createJob`; resolves with the new job's id. */
  async createJob(type: string, input: unknown): Promise<string> {
    const data = await this.request<{ createJob: { id: string } }>(CREATE_JOB, { input: { type, input } });
    return data.createJob.id;
  }
}
