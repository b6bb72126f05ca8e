import jsforce, { type Connection } from 'jsforce';
import { EgressGuard } from './egressGuard.ts';
import { EgressPolicy } from './egressPolicy.ts';
import { SalesforceUnavailableError } from './errors/index.ts';
import { OrgAuthFlow, type OrgCredentials } from './orgCredentials.ts';
import { classifySalesforceError } from './salesforceErrorClassifier.ts';
import { JsforceBulkQuery } from './jsforceBulkQuery.ts';
import type { ApiBudget, BulkQueryJobInfo, BulkResultPage, BulkIngestOptions, BulkIngestResult, OrgIdentity, QueryPage, RecordSaveResult, SalesforceClient, SObjectDescribe, SObjectSummary } from './salesforceClient.ts';

/** Options of {@link JsforceClient.open}. */
export interface JsforceClientOptions {
  /** REST API version; default `59.0`. */
  apiVersion?: string;
  /** Longest wait for one call before it counts as failed (retryable); default 120,000 ms. */
  requestTimeoutMs?: number;
  /**
   * Where the session may send requests; every request passes it (see {@link EgressGuard}). Default: a policy
   * with Salesforce's hosts only, public addresses, `http:` allowed.
   */
  egress?: EgressPolicy;
}

type TokenResponse = { access_token: string; instance_url: string; id?: string };

/**
 * {@link SalesforceClient} over jsforce. Sessions renew themselves on `INVALID_SESSION_ID`: the
 * username-password flow logs in again, the refresh-token flow uses its refresh token (jsforce's
 * own OAuth refresh); an access-token session cannot renew and fails with `SessionExpiredError`.
 */
export class JsforceClient implements SalesforceClient {
  private readonly bulkQuery: JsforceBulkQuery;
  private usage: ApiBudget | null = null;
  private seenRestUsage: Connection['limitInfo'] | undefined = undefined;
  private seenBulkUsage: ApiBudget | null = null;

  private constructor(
    private readonly conn: Connection,
    private readonly timeoutMs: number,
  ) {
    this.bulkQuery = new JsforceBulkQuery(conn);
  }

  /** Opens a session with `credentials` (one token request for the OAuth flows, none for an access token). */
  static async open(credentials: OrgCredentials, options: JsforceClientOptions = {}): Promise<JsforceClient> {
    const version = options.apiVersion ?? '59.0';
    const timeoutMs = options.requestTimeoutMs ?? 120_000;
    const guard = new EgressGuard(options.egress ?? new EgressPolicy());
    const conn = await JsforceClient.connect(credentials, version, timeoutMs, guard);
    return new JsforceClient(conn, timeoutMs);
  }

  /**
   * Opens the jsforce session. Each URL is checked by `guard` before anything is sent to it: the login or
   * instance URL given, then the `instance_url` and identity URL (`id`) of every token answer; the OAuth
   * and REST transports are guarded too, so a URL a response hands back (or a redirect) cannot lead elsewhere.
   */
  private static async connect(credentials: OrgCredentials, version: string, timeoutMs: number, guard: EgressGuard): Promise<Connection> {
    const vetToken = async (token: TokenResponse): Promise<TokenResponse> => {
      await guard.allow(token.instance_url, 'instance_url');
      if (token.id !== undefined) await guard.allow(token.id, 'id');
      return token;
    };
    const guarded = (conn: Connection): Connection => {
      guard.install(conn._transport);
      return conn;
    };
    switch (credentials.flow) {
      case OrgAuthFlow.AccessToken:
        await guard.allow(credentials.instanceUrl, 'instanceUrl');
        return guarded(new jsforce.Connection({ version, instanceUrl: credentials.instanceUrl, accessToken: credentials.accessToken }));
      case OrgAuthFlow.RefreshToken: {
        await guard.allow(credentials.loginUrl, 'loginUrl');
        const oauth2 = new jsforce.OAuth2({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, loginUrl: credentials.loginUrl });
        guard.install(oauth2._transport);
        const refresh = async () => vetToken(await withTimeout(oauth2.refreshToken(credentials.refreshToken), timeoutMs, 'token refresh'));
        const token = await refresh();
        return guarded(
          new jsforce.Connection({
            version,
            oauth2,
            refreshToken: credentials.refreshToken,
            accessToken: token.access_token,
            instanceUrl: token.instance_url,
            // Not jsforce's own refresh, which would move the session to whatever instance_url the answer names.
            refreshFn: (_conn, callback) => {
              refresh().then(
                (fresh) => {
                  callback(null, fresh.access_token, fresh as never);
                },
                (error: unknown) => {
                  callback(error as Error);
                },
              );
            },
          }),
        );
      }
      case OrgAuthFlow.UsernamePassword: {
        await guard.allow(credentials.loginUrl, 'loginUrl');
        const oauth2 = new jsforce.OAuth2({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, loginUrl: credentials.loginUrl });
        guard.install(oauth2._transport);
        const login = async () => vetToken(await withTimeout(oauth2.authenticate(credentials.username, credentials.password), timeoutMs, 'login'));
        const token = await login();
        return guarded(
          new jsforce.Connection({
            version,
            oauth2,
            accessToken: token.access_token,
            instanceUrl: token.instance_url,
            refreshFn: (_conn, callback) => {
              login().then(
                (fresh) => {
                  callback(null, fresh.access_token, fresh as never);
                },
                (error: unknown) => {
                  callback(error as Error);
                },
              );
            },
          }),
        );
      }
      default: {
        const unreachable: never = credentials;
        throw new Error(`unknown flow ${String(unreachable)}`);
      }
    }
  }

  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(body(), this.timeoutMs, what);
    } catch (error) {
      throw classifySalesforceError(error, what);
    } finally {
      this.noteUsage();
    }
  }

  identity(): Promise<OrgIdentity> {
    return this.call('identity', async () => {
      const id = await this.conn.identity();
      return { organizationId: id.organization_id, userId: id.user_id, username: id.username };
    });
  }

  limits(): Promise<ApiBudget> {
    return this.call('limits', async () => {
      const limits = await this.conn.limits();
      const daily = limits.DailyApiRequests;
      return { max: daily?.Max ?? 0, remaining: daily?.Remaining ?? 0 };
    });
  }

  describeGlobal(): Promise<SObjectSummary[]> {
    return this.call('describeGlobal', async () => {
      const global = await this.conn.describeGlobal();
      return global.sobjects.map((s) => ({ name: s.name, queryable: s.queryable, replicateable: s.replicateable }));
    });
  }

  describe(objectName: string): Promise<SObjectDescribe> {
    return this.call(`describe ${objectName}`, async () => {
      const raw = await this.conn.sobject(objectName).describe();
      return { name: raw.name, fields: raw.fields.map((f) => ({ name: f.name, type: f.type })), raw };
    });
  }

  query(soql: string, options: { all?: boolean } = {}): Promise<QueryPage> {
    return this.call('query', async () => toPage(await this.conn.query(soql, { autoFetch: false, scanAll: options.all === true })));
  }

  queryMore(nextRecordsUrl: string): Promise<QueryPage> {
    return this.call('queryMore', async () => toPage(await this.conn.queryMore(nextRecordsUrl)));
  }

  count(objectName: string): Promise<number> {
    return this.call(`count ${objectName}`, async () => (await this.conn.query(`SELECT COUNT() FROM ${objectName}`)).totalSize);
  }

  bulkQueryCreate(soql: string, options: { all?: boolean } = {}): Promise<BulkQueryJobInfo> {
    return this.call('bulk query create', () => this.bulkQuery.create(soql, options.all === true));
  }

  bulkQueryInfo(jobId: string): Promise<BulkQueryJobInfo> {
    return this.call('bulk query info', () => this.bulkQuery.info(jobId));
  }

  bulkQueryResults(jobId: string, locator: string | null, maxRecords: number): Promise<BulkResultPage> {
    return this.call('bulk query results', () => this.bulkQuery.results(jobId, locator, maxRecords));
  }

  apiUsage(): ApiBudget | null {
    this.noteUsage();
    return this.usage;
  }

  /**
   * Keeps the usage of the newest answer: jsforce replaces `limitInfo` on every REST answer, the
   * Bulk client its own on every Bulk answer; whichever changed since the last look is newer.
   */
  private noteUsage(): void {
    const rest = this.conn.limitInfo;
    if (rest !== this.seenRestUsage) {
      this.seenRestUsage = rest;
      if (rest?.apiUsage !== undefined) this.usage = { max: rest.apiUsage.limit, remaining: rest.apiUsage.limit - rest.apiUsage.used };
    }
    const bulk = this.bulkQuery.lastUsage();
    if (bulk !== this.seenBulkUsage) {
      this.seenBulkUsage = bulk;
      if (bulk !== null) this.usage = bulk;
    }
  }

  createRecords(objectName: string, records: readonly Record<string, unknown>[]): Promise<RecordSaveResult[]> {
    return this.call(`create ${objectName}`, async () => {
      const body = { allOrNone: false, records: records.map((r) => ({ attributes: { type: objectName }, ...r })) };
      return toSaveResults(await this.conn.requestPost('/composite/sobjects', body));
    });
  }

  updateRecords(objectName: string, records: readonly Record<string, unknown>[]): Promise<RecordSaveResult[]> {
    return this.call(`update ${objectName}`, async () => {
      const body = { allOrNone: false, records: records.map((r) => ({ attributes: { type: objectName }, ...r })) };
      return toSaveResults(await this.conn.requestPatch('/composite/sobjects', body));
    });
  }

  async bulkIngest(objectName: string, operation: 'insert' | 'update', records: readonly Record<string, unknown>[], options: BulkIngestOptions = {}): Promise<BulkIngestResult> {
    const job = this.conn.bulk2.createJob({ object: objectName, operation, lineEnding: 'LF' });
    await this.call(`bulk ingest ${objectName}: open`, () => job.open());
    await options.onJobOpened?.(job.id);
    // One CSV, one header: every row gets every column. An empty cell leaves a field unset; `#N/A` clears it on update.
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const rows = records.map((r) => Object.fromEntries(columns.map((k) => [k, r[k] === null ? (operation === 'update' ? '#N/A' : '') : (r[k] ?? '')])));
    await this.call(`bulk ingest ${objectName}: upload`, () => job.uploadData(rows as never));
    await this.call(`bulk ingest ${objectName}: close`, () => job.close());
    await this.waitForIngest(job.id, options);
    const results = await this.call(`bulk ingest ${objectName}: results`, () => job.getAllResults());
    const unprocessed = Array.isArray(results.unprocessedRecords) ? (results.unprocessedRecords as unknown as Record<string, string>[]) : [];
    return { jobId: job.id, successful: results.successfulResults as never, failed: results.failedResults as never, unprocessed };
  }

  async settleBulkIngest(jobId: string, options: Pick<BulkIngestOptions, 'pollIntervalMs' | 'timeoutMs'> = {}): Promise<void> {
    const job = this.conn.bulk2.job('ingest', { id: jobId });
    const info = await this.call('bulk ingest: check', () => job.check());
    if (info.state === 'Open') {
      await this.call('bulk ingest: abort', () => job.abort());
      return;
    }
    await this.waitForIngest(jobId, options);
  }

  private async waitForIngest(jobId: string, options: Pick<BulkIngestOptions, 'pollIntervalMs' | 'timeoutMs'>): Promise<void> {
    const job = this.conn.bulk2.job('ingest', { id: jobId });
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    for (;;) {
      const info = await this.call('bulk ingest: check', () => job.check());
      if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') return;
      if (Date.now() > deadline) throw new SalesforceUnavailableError(`bulk ingest ${jobId}: not finished in time (state ${info.state})`, 'TIMEOUT');
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 1000));
    }
  }
}

function toSaveResults(answer: unknown): RecordSaveResult[] {
  const rows = answer as { id?: string | null; success: boolean; errors?: { statusCode?: string; message?: string; fields?: string[] }[] }[];
  return rows.map((r) => ({
    success: r.success,
    id: r.id ?? null,
    errors: (r.errors ?? []).map((e) => ({ code: e.statusCode ?? 'UNKNOWN', message: e.message ?? '', fields: e.fields ?? [] })),
  }));
}

function toPage(result: { records: unknown[]; totalSize: number; done: boolean; nextRecordsUrl?: string }): QueryPage {
  return { records: result.records as Record<string, unknown>[], totalSize: result.totalSize, done: result.done, nextRecordsUrl: result.nextRecordsUrl ?? null };
}

/** Rejects with a retryable `TIMEOUT` error when `promise` has not settled within `ms` (jsforce calls cannot be aborted; the answer is dropped). */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SalesforceUnavailableError(`${what}: no answer within ${ms} ms`, 'TIMEOUT')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
