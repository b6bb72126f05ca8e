import { newRecordId, recordIdOf, type RecordKey } from '../db/recordId.ts';
import { EgressPolicy } from './egressPolicy.ts';
import { HostNotAllowedError, IncompleteCredentialsError, OrgConnectionFailedError, OrgNotFoundError } from './errors/index.ts';
import { JsforceClient, type JsforceClientOptions } from './jsforceClient.ts';
import { OrgAuthFlow, resolveOrgCredentials, splitSecrets, type OrgCredentials, type OrgCredentialsInput, type OrgSecrets } from './orgCredentials.ts';
import { OrgConnectionStatus, toOrgView, type OrgDocument, type OrgView, type StoredApiBudget } from './orgDocument.ts';
import { parseOrgId, type OrgStore } from './orgStore.ts';
import type { SalesforceClient } from './salesforceClient.ts';
import { connectionFailureDetail } from './salesforceErrorClassifier.ts';
import type { SecretBox } from './secretBox.ts';

/** Opens a session to an org; the default is {@link JsforceClient.open}. */
export type SalesforceClientFactory = (credentials: OrgCredentials) => Promise<SalesforceClient>;

/** Options of {@link OrgService}. */
export interface OrgServiceOptions {
  /** The `orgs` collection. */
  store: OrgStore;
  /** Seals and opens the credentials' secrets. */
  secrets: SecretBox;
  /** Opens sessions; default: jsforce with `clientOptions`. */
  clientFactory?: SalesforceClientFactory;
  /** Options of the default jsforce sessions; default: a 120 s request timeout. */
  clientOptions?: JsforceClientOptions;
  /**
   * Where the default jsforce sessions may send requests (login, instance and identity URLs, and every URL
   * after them); default: Salesforce's hosts on public addresses only (see {@link EgressPolicy}).
   */
  egress?: EgressPolicy;
  /** How long `get(..., { refresh: true })` reuses the last check instead of calling the org; default 60,000 ms (0: always calls). */
  limitsCacheMs?: number;
}

/** What a client sends to connect an org. */
export interface ConnectOrgRequest extends OrgCredentialsInput {
  name: string;
}

const MAX_NAME = 200;

/** Binds a sealed secret to its tenant and org: a copy in another document does not open. */
const secretContext = (tenantId: string, id: RecordKey) => `org:${tenantId}:${recordIdOf(id)}`;

/**
 * Salesforce orgs of each tenant: registering (verified through the identity URL), reading with
 * live status and API budget, and opening sessions for jobs. Secrets are sealed before they are
 * stored and never leave this class except as a session.
 */
export class OrgService {
  private readonly store: OrgStore;
  private readonly secrets: SecretBox;
  private readonly clientFactory: SalesforceClientFactory;
  private readonly limitsCacheMs: number;

  constructor(options: OrgServiceOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    const clientOptions = { ...options.clientOptions, egress: options.egress ?? options.clientOptions?.egress ?? new EgressPolicy() };
    this.clientFactory = options.clientFactory ?? ((credentials) => JsforceClient.open(credentials, clientOptions));
    this.limitsCacheMs = options.limitsCacheMs ?? 60_000;
  }

  /**
   * Registers an org for `tenantId` after verifying it: a session is opened and the identity URL read.
   * Throws `IncompleteCredentialsError`, `HostNotAllowedError` (a URL outside the egress policy: nothing was
   * sent to it) or {@link OrgConnectionFailedError} (whose detail is Salesforce's code, or `UNREACHABLE` for
   * any network failure); nothing is stored then.
   */
  async connect(tenantId: string, request: ConnectOrgRequest): Promise<OrgView> {
    const name = request.name.trim();
    if (name === '' || name.length > MAX_NAME) throw new IncompleteCredentialsError(`name must be 1 to ${MAX_NAME} characters`, ['name']);
    const credentials = resolveOrgCredentials(request);
    let client: SalesforceClient;
    let identity;
    try {
      client = await this.clientFactory(credentials);
      identity = await client.identity();
    } catch (error) {
      if (error instanceof HostNotAllowedError) throw error;
      const detail = connectionFailureDetail(error);
      throw new OrgConnectionFailedError(`could not connect to the org (${detail}); check the login URL and credentials`, detail);
    }
    const budget = await this.readBudget(client);
    const id = newRecordId();
    const { secrets, publicFields } = splitSecrets(credentials);
    const now = new Date();
    const doc: OrgDocument = {
      _id: id,
      tenantId,
      name,
      flow: credentials.flow,
      loginUrl: publicFields.loginUrl ?? null,
      instanceUrl: publicFields.instanceUrl ?? null,
      username: publicFields.username ?? identity.username,
      clientId: publicFields.clientId ?? null,
      secrets: this.secrets.seal(JSON.stringify(secrets), secretContext(tenantId, id)),
      salesforceOrgId: identity.organizationId,
      salesforceUserId: identity.userId,
      status: OrgConnectionStatus.Connected,
      statusDetail: null,
      checkedAt: now,
      apiBudget: budget,
      createdAt: now,
    };
    await this.store.insert(doc);
    return toOrgView(doc);
  }

  /** The tenant's orgs, oldest first, as last checked. */
  async list(tenantId: string): Promise<OrgView[]> {
    return (await this.store.list(tenantId)).map(toOrgView);
  }

  /**
   * The tenant's org or `null`. With `refresh`, checks the connection and reads the API budget now
   * (one session, one limits call), unless a successful check (by this or by a backup) is younger
   * than `limitsCacheMs`.
   */
  async get(tenantId: string, id: string, options: { refresh?: boolean } = {}): Promise<OrgView | null> {
    const doc = await this.store.get(tenantId, parseOrgId(id));
    if (doc === null) return null;
    if (options.refresh !== true) return toOrgView(doc);
    const fresh = doc.status === OrgConnectionStatus.Connected && doc.apiBudget !== null && Date.now() - doc.apiBudget.checkedAt.getTime() < this.limitsCacheMs;
    if (fresh) return toOrgView(doc);
    return toOrgView(await this.check(doc));
  }

  /** Like {@link get} without refresh, but throws {@link OrgNotFoundError}. */
  async require(tenantId: string, id: string): Promise<OrgView> {
    const org = await this.get(tenantId, id);
    if (org === null) throw new OrgNotFoundError(`org ${id} not found`);
    return org;
  }

  /**
   * Opens a session to the tenant's org for a job run (`ctx.tenantId`); throws {@link OrgNotFoundError}
   * for another tenant's org, before any credential is opened or any call made.
   */
  async openClient(tenantId: string, id: string): Promise<SalesforceClient> {
    const doc = await this.store.get(tenantId, parseOrgId(id));
    if (doc === null) throw new OrgNotFoundError(`org ${id} not found`);
    return this.clientFactory(this.credentialsOf(doc));
  }

  /** Stores an API budget a job read from the tenant's org (another tenant's org is left alone). */
  async recordBudget(tenantId: string, id: string, budget: { max: number; remaining: number }): Promise<void> {
    await this.store.recordCheck(tenantId, parseOrgId(id), OrgConnectionStatus.Connected, null, { ...budget, checkedAt: new Date() });
  }

  private async check(doc: OrgDocument): Promise<OrgDocument> {
    try {
      const client = await this.clientFactory(this.credentialsOf(doc));
      const limits = await client.limits();
      const budget = { ...limits, checkedAt: new Date() };
      await this.store.recordCheck(doc.tenantId, doc._id, OrgConnectionStatus.Connected, null, budget);
      return { ...doc, status: OrgConnectionStatus.Connected, statusDetail: null, checkedAt: budget.checkedAt, apiBudget: budget };
    } catch (error) {
      const detail = connectionFailureDetail(error);
      await this.store.recordCheck(doc.tenantId, doc._id, OrgConnectionStatus.Failed, detail, null);
      return { ...doc, status: OrgConnectionStatus.Failed, statusDetail: detail, checkedAt: new Date() };
    }
  }

  private async readBudget(client: SalesforceClient): Promise<StoredApiBudget | null> {
    try {
      return { ...(await client.limits()), checkedAt: new Date() };
    } catch {
      // The budget is informative: an org whose limits resource fails is still connected.
      return null;
    }
  }

  private credentialsOf(doc: OrgDocument): OrgCredentials {
    const s = JSON.parse(this.secrets.open(doc.secrets, secretContext(doc.tenantId, doc._id))) as OrgSecrets;
    switch (doc.flow) {
      case OrgAuthFlow.UsernamePassword:
        return { flow: doc.flow, loginUrl: doc.loginUrl!, username: doc.username!, password: s.password!, clientId: doc.clientId!, clientSecret: s.clientSecret! };
      case OrgAuthFlow.RefreshToken:
        return { flow: doc.flow, loginUrl: doc.loginUrl!, clientId: doc.clientId!, clientSecret: s.clientSecret!, refreshToken: s.refreshToken!, instanceUrl: doc.instanceUrl };
      case OrgAuthFlow.AccessToken:
        return { flow: doc.flow, instanceUrl: doc.instanceUrl!, accessToken: s.accessToken! };
      default: {
        const unreachable: never = doc.flow;
        throw new Error(`unknown flow ${String(unreachable)}`);
      }
    }
  }
}
