import jsforce, { type Connection } from 'jsforce';
import { SalesforceUnavailableError } from './errors/index.ts';
import { OrgAuthFlow, type OrgCredentials } from './orgCredentials.ts';
import { classifySalesforceError } from './salesforceErrorClassifier.ts';
import type { ApiBudget, OrgIdentity, QueryPage, SalesforceClient, SObjectDescribe, SObjectSummary } from './salesforceClient.ts';

/** Options of {@link JsforceClient.open}. */
export interface JsforceClientOptions {
  /** REST API version; default `59.0`. */
  apiVersion?: string;
  /** Longest wait for one call before it counts as failed (retryable); default 120,000 ms. */
  requestTimeoutMs?: number;
}

type TokenResponse = { access_token: string; instance_url: string };

/**
 * {@link SalesforceClient} over jsforce. Sessions renew themselves on `INVALID_SESSION_ID`: the
 * username-password flow logs in again, the refresh-token flow uses its refresh token (jsforce's
 * own OAuth refresh); an access-token session cannot renew and fails with `SessionExpiredError`.
 */
export class JsforceClient implements SalesforceClient {
  private constructor(
    private readonly conn: Connection,
    private readonly timeoutMs: number,
  ) {}

  /** Opens a session with `credentials` (one token request for the OAuth flows, none for an access token). */
  static async open(credentials: OrgCredentials, options: JsforceClientOptions = {}): Promise<JsforceClient> {
    const version = options.apiVersion ?? '59.0';
    const timeoutMs = options.requestTimeoutMs ?? 120_000;
    const conn = await JsforceClient.connect(credentials, version, timeoutMs);
    return new JsforceClient(conn, timeoutMs);
  }

  private static async connect(credentials: OrgCredentials, version: string, timeoutMs: number): Promise<Connection> {
    switch (credentials.flow) {
      case OrgAuthFlow.AccessToken:
        return new jsforce.Connection({ version, instanceUrl: credentials.instanceUrl, accessToken: credentials.accessToken });
      case OrgAuthFlow.RefreshToken: {
        const oauth2 = new jsforce.OAuth2({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, loginUrl: credentials.loginUrl });
        const token = (await withTimeout(oauth2.refreshToken(credentials.refreshToken), timeoutMs, 'token refresh')) as TokenResponse;
        return new jsforce.Connection({ version, oauth2, refreshToken: credentials.refreshToken, accessToken: token.access_token, instanceUrl: token.instance_url });
      }
      case OrgAuthFlow.UsernamePassword: {
        const oauth2 = new jsforce.OAuth2({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, loginUrl: credentials.loginUrl });
        const login = () => withTimeout(oauth2.authenticate(credentials.username, credentials.password), timeoutMs, 'login') as Promise<TokenResponse>;
        const token = await login();
        return new jsforce.Connection({
          version,
          oauth2,
          accessToken: token.access_token,
          instanceUrl: token.instance_url,
          refreshFn: (_conn, callback) => {
            login().then(
              (fresh) => callback(null, fresh.access_token, fresh as never),
              (error: unknown) => callback(error as Error),
            );
          },
        });
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
