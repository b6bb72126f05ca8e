import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminGuard } from './admin/adminGuard.ts';
import { createAdminRoutes } from './admin/adminRoutes.ts';
import { registerOAuthRoutes } from './auth/oauthRoutes.ts';
import { TokenStore } from './auth/tokenStore.ts';
import type { BulkJobSettings } from './bulk/bulkJobSettings.ts';
import { OAuthError } from './errors/oauthError.ts';
import { SalesforceApiError } from './errors/salesforceApiError.ts';
import { SalesforceErrorCode } from './errors/salesforceErrorCode.ts';
import { SandboxError } from './errors/sandboxError.ts';
import { SandboxErrorCode } from './errors/sandboxErrorCode.ts';
import { FaultGate } from './faults/faultGate.ts';
import { FaultInjector } from './faults/faultInjector.ts';
import type { ApiContext, HttpExchange, SandboxDeps } from './http/apiContext.ts';
import { sendJson, sendSalesforceError } from './http/responseWriter.ts';
import { RouteTable } from './http/routeTable.ts';
import { SObjectCatalog } from './objects/sobjectCatalog.ts';
import type { OrgOptions } from './org/orgOptions.ts';
import { OrgRegistry } from './org/orgRegistry.ts';
import type { SandboxOrg } from './org/sandboxOrg.ts';
import { OrgHandle } from './orgHandle.ts';
import { registerBulkIngestRoutes } from './routes/bulkIngestRoutes.ts';
import { registerBulkQueryRoutes } from './routes/bulkQueryRoutes.ts';
import { registerCollectionRoutes } from './routes/collectionRoutes.ts';
import { registerDescribeRoutes } from './routes/describeRoutes.ts';
import { registerLimitsRoutes } from './routes/limitsRoutes.ts';
import { registerQueryRoutes } from './routes/queryRoutes.ts';
import { registerSObjectRoutes } from './routes/sobjectRoutes.ts';
import { registerVersionRoutes, versionList } from './routes/versionRoutes.ts';
import type { Sandbox } from './sandbox.ts';
import type { ResolvedSandboxOptions } from './sandboxOptions.ts';

/** Lifecycle of a {@link SandboxServer}. */
export type SandboxPhase =
  | { readonly phase: 'created' }
  | { readonly phase: 'starting' }
  | { readonly phase: 'running'; readonly port: number }
  | { readonly phase: 'stopping' }
  | { readonly phase: 'stopped' };

function bearer(req: IncomingMessage): string | undefined {
  const m = req.headers.authorization ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1];
}

/**
 * The sandbox's HTTP server: routes requests to the OAuth, REST, Bulk 2.0
 * and admin endpoints; authenticates API calls, applies fault rules and the
 * daily request allowance; renders errors in Salesforce's shapes.
 */
export class SandboxServer implements Sandbox {
  readonly faults: FaultInjector;
  private readonly options: ResolvedSandboxOptions;
  private readonly catalog = SObjectCatalog.standard;
  private readonly registry: OrgRegistry;
  private readonly tokens = new TokenStore();
  private readonly handles = new Map<string, OrgHandle>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly apiRoutes = new RouteTable<ApiContext>();
  private readonly openRoutes = new RouteTable<HttpExchange>();
  private readonly adminRoutes: RouteTable<HttpExchange, 'admin'>;
  private readonly adminGuard: AdminGuard;
  private readonly deps: SandboxDeps;
  private readonly server: Server;
  private state: SandboxPhase = { phase: 'created' };

  constructor(options: ResolvedSandboxOptions) {
    this.options = options;
    this.faults = new FaultInjector(options.faultSeed, options.faults);
    this.registry = new OrgRegistry(
      { catalog: this.catalog, clock: options.clock, timestampPrecision: options.timestampPrecision },
      options.seed,
      { cursorTtlMs: options.cursorTtlMs, maxCursors: options.maxCursorsPerOrg },
    );
    this.deps = {
      options,
      catalog: this.catalog,
      orgs: this.registry,
      tokens: this.tokens,
      faults: this.faults,
      baseUrl: () => this.url,
      holdOpen: (res) => {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
      },
      bulkSettings: (org, kind, method) => this.bulkSettings(org, kind, method),
    };
    registerOAuthRoutes(this.openRoutes);
    registerVersionRoutes(this.apiRoutes);
    registerDescribeRoutes(this.apiRoutes);
    registerQueryRoutes(this.apiRoutes);
    registerSObjectRoutes(this.apiRoutes);
    registerCollectionRoutes(this.apiRoutes);
    registerLimitsRoutes(this.apiRoutes);
    registerBulkQueryRoutes(this.apiRoutes);
    registerBulkIngestRoutes(this.apiRoutes);
    this.adminRoutes = createAdminRoutes(this);
    const publicHost = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).host;
    this.adminGuard = new AdminGuard(options.adminToken, () => publicHost, () => this.port);
    for (const org of options.orgs) this.addOrg(org);
    this.server = createServer((req, res) => {
      void this.onRequest(req, res);
    });
  }

  /** Current lifecycle phase. */
  get phase(): SandboxPhase {
    return this.state;
  }

  get port(): number {
    if (this.state.phase !== 'running') throw new SandboxError(SandboxErrorCode.NOT_RUNNING, `the sandbox is ${this.state.phase}`);
    return this.state.port;
  }

  get url(): string {
    return this.options.publicUrl ?? `http://${this.options.host}:${this.port}`;
  }

  get adminToken(): string {
    return this.options.adminToken;
  }

  get orgs(): readonly OrgHandle[] {
    return this.registry.list().map((services) => this.handleOf(services.org));
  }

  /** Starts listening; refuses with `SANDBOX_REFUSED_IN_PRODUCTION` when `NODE_ENV=production`. */
  async start(): Promise<void> {
    if (this.state.phase !== 'created') throw new SandboxError(SandboxErrorCode.NOT_RUNNING, `cannot start a sandbox that is ${this.state.phase}`);
    if (process.env.NODE_ENV === 'production') {
      throw new SandboxError(SandboxErrorCode.REFUSED_IN_PRODUCTION, 'the sandbox org is a development tool: it never starts with NODE_ENV=production');
    }
    this.state = { phase: 'starting' };
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.state = { phase: 'running', port: (this.server.address() as AddressInfo).port };
    this.options.logger.info({ url: this.url, orgs: this.registry.list().length }, 'sandbox org listening');
  }

  async stop(): Promise<void> {
    switch (this.state.phase) {
      case 'stopping':
      case 'stopped':
        return;
      case 'created':
        this.state = { phase: 'stopped' };
        return;
      case 'starting':
      case 'running':
        break;
      default: {
        const unreachable: never = this.state;
        return unreachable;
      }
    }
    this.state = { phase: 'stopping' };
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await closed;
    this.state = { phase: 'stopped' };
  }

  addOrg(options: OrgOptions): OrgHandle {
    return this.handleOf(this.registry.add(options).org);
  }

  org(idOrUsername: string): OrgHandle {
    return this.handleOf(this.registry.require(idOrUsername).org);
  }

  removeOrg(idOrUsername: string): void {
    const { org } = this.registry.require(idOrUsername);
    this.registry.remove(org.orgId);
    this.handles.delete(org.orgId);
    this.tokens.forgetOrg(org.orgId);
  }

  private handleOf(org: SandboxOrg): OrgHandle {
    let handle = this.handles.get(org.orgId);
    if (!handle) {
      handle = new OrgHandle(this.registry.require(org.orgId), this.tokens);
      this.handles.set(org.orgId, handle);
    }
    return handle;
  }

  private bulkSettings(org: SandboxOrg, kind: 'bulkQuery' | 'bulkIngest', method: string): BulkJobSettings {
    const request = { kind, orgId: org.orgId, method };
    return {
      processingDelayMs: this.options.bulkProcessingDelayMs,
      failAfter: this.faults.bulkJobFailureAfter(request),
      recordError: () => this.faults.recordError(request),
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const exchange: HttpExchange = { req, res, url, deps: this.deps };
    const method = req.method ?? 'GET';
    try {
      if (url.pathname === '/__admin' || url.pathname.startsWith('/__admin/')) {
        this.adminGuard.check(req);
        const match = this.adminRoutes.match(method, url.pathname);
        if (match.type !== 'found') throw new SandboxError(SandboxErrorCode.INVALID_REQUEST, `no admin endpoint ${method} ${url.pathname}`, 404);
        await match.route.handle(exchange, match.params);
        return;
      }
      if (url.pathname === '/services/data' || url.pathname.startsWith('/services/data/')) {
        await this.dispatchApi(exchange);
        return;
      }
      const match = this.openRoutes.match(method, url.pathname);
      if (match.type === 'found') {
        await match.route.handle(exchange, match.params);
        return;
      }
      throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
    } catch (error) {
      this.renderError(exchange, error);
    }
  }

  private async dispatchApi(exchange: HttpExchange): Promise<void> {
    const { req, res, url } = exchange;
    const method = req.method ?? 'GET';
    const m = /^\/services\/data(?:\/v(\d+\.\d+))?(\/.*)?$/.exec(url.pathname);
    if (!m) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
    const [, version, rest = '/'] = m;
    if (version === undefined) {
      if (rest !== '/') throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
      sendJson(res, 200, versionList());
      return;
    }
    if (Number(version) < 20) throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
    const token = bearer(req);
    const check = token === undefined
      ? undefined
      : this.tokens.useAccessToken(token, this.options.clock(), (orgId) => {
        const org = this.registry.get(orgId)?.org;
        return org ? { lifetimeMs: org.tokenLifetimeMs, maxCalls: org.tokenMaxCalls } : undefined;
      });
    const services = check?.ok ? this.registry.get(check.session.orgId) : undefined;
    if (!check?.ok || !services) throw new SalesforceApiError(SalesforceErrorCode.INVALID_SESSION_ID);
    const match = this.apiRoutes.match(method, rest);
    if (match.type === 'not-found') throw new SalesforceApiError(SalesforceErrorCode.NOT_FOUND, 'The requested resource does not exist');
    if (match.type === 'method-not-allowed') {
      throw new SalesforceApiError(SalesforceErrorCode.METHOD_NOT_ALLOWED, `HTTP Method '${method}' not allowed. Allowed are ${match.allowed.join(',')}`);
    }
    const { org } = services;
    const { kind } = match.route;
    if (!(await FaultGate.pass(exchange, kind, org.orgId))) return;
    const now = this.options.clock();
    if (kind !== 'limits' && !org.apiUsage.tryConsume(now)) throw new SalesforceApiError(SalesforceErrorCode.REQUEST_LIMIT_EXCEEDED);
    res.setHeader('Sforce-Limit-Info', `api-usage=${org.apiUsage.used(now)}/${org.apiUsage.max}`);
    await match.route.handle({ ...exchange, services, org, version, kind }, match.params);
  }

  private renderError(exchange: HttpExchange, error: unknown): void {
    const { res, req } = exchange;
    if (res.headersSent) {
      this.options.logger.warn({ err: error, url: req.url }, 'sandbox request failed after the response started');
      res.destroy();
      return;
    }
    if (error instanceof SalesforceApiError) {
      sendSalesforceError(res, error);
    } else if (error instanceof OAuthError) {
      sendJson(res, error.status, error.toBody());
    } else if (error instanceof SandboxError) {
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    } else {
      this.options.logger.error({ err: error, url: req.url }, 'sandbox request failed');
      sendSalesforceError(res, new SalesforceApiError(SalesforceErrorCode.UNKNOWN_EXCEPTION));
    }
  }
}
