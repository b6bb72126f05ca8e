import { createHmac } from 'node:crypto';
import { OAuthError } from '../errors/oauthError.ts';
import type { HttpExchange } from '../http/apiContext.ts';
import { readFormBody } from '../http/requestBody.ts';
import { sendEmpty, sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';
import type { OrgServices } from '../org/orgServices.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import { FaultGate } from '../faults/faultGate.ts';

function bearerToken(exchange: HttpExchange): string | undefined {
  const header = exchange.req.headers.authorization;
  const m = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
  return m?.[1] ?? exchange.url.searchParams.get('oauth_token') ?? undefined;
}

function tokenResponse(exchange: HttpExchange, services: OrgServices, clientSecret: string | null, withRefreshToken: boolean): Record<string, string> {
  const { deps } = exchange;
  const { org } = services;
  const issuedAt = String(org.now());
  const session = deps.tokens.issueAccessToken(org.orgId, org.now());
  const id = `${deps.baseUrl()}/id/${org.orgId}/${org.userId}`;
  const signature = createHmac('sha256', clientSecret ?? '').update(id + issuedAt).digest('base64');
  const body: Record<string, string> = {
    access_token: session.accessToken,
    signature,
    scope: 'api refresh_token full',
    instance_url: deps.baseUrl(),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
  if (withRefreshToken) body['refresh_token'] = deps.tokens.issueRefreshToken(org.orgId);
  return body;
}

async function handleToken(exchange: HttpExchange): Promise<void> {
  const { deps, req } = exchange;
  const form = await readFormBody(req, deps.options.maxBodyBytes);
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  let services: OrgServices | undefined;
  if (grantType === 'password') {
    services = deps.orgs.byUsername(form.get('username') ?? '');
  } else if (grantType === 'refresh_token') {
    const orgId = deps.tokens.orgOfRefreshToken(form.get('refresh_token') ?? '');
    services = orgId ? deps.orgs.get(orgId) : undefined;
  }
  if (!(await FaultGate.pass(exchange, 'token', services?.org.orgId ?? null))) return;
  if (!clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  switch (grantType) {
    case 'password': {
      if (!clientSecret) throw new OAuthError('invalid_client', 'invalid client credentials');
      if (!services || !services.org.checkPassword(form.get('password') ?? '')) throw new OAuthError('invalid_grant', 'authentication failure');
      sendJson(exchange.res, 200, tokenResponse(exchange, services, clientSecret, true));
      return;
    }
    case 'refresh_token': {
      if (!services) throw new OAuthError('invalid_grant', 'expired access/refresh token');
      sendJson(exchange.res, 200, tokenResponse(exchange, services, clientSecret, false));
      return;
    }
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

async function handleRevoke(exchange: HttpExchange): Promise<void> {
  const form = await readFormBody(exchange.req, exchange.deps.options.maxBodyBytes);
  const token = form.get('token') ?? exchange.url.searchParams.get('token') ?? '';
  if (!exchange.deps.tokens.revoke(token)) throw new OAuthError('unsupported_token_type', 'this token type is not supported');
  sendEmpty(exchange.res, 200);
}

async function handleIdentity(exchange: HttpExchange, params: readonly string[]): Promise<void> {
  const { deps, res } = exchange;
  const [orgId = '', userId = ''] = params;
  const token = bearerToken(exchange);
  const owner = token ? deps.tokens.orgOfAccessToken(token) : undefined;
  if (!(await FaultGate.pass(exchange, 'identity', owner ?? null))) return;
  const check = token
    ? deps.tokens.useAccessToken(token, deps.options.clock(), (id) => {
      const org = deps.orgs.get(id)?.org;
      return org ? { lifetimeMs: org.tokenLifetimeMs, maxCalls: org.tokenMaxCalls } : undefined;
    })
    : undefined;
  const services = deps.orgs.get(orgId);
  if (!check?.ok || !services || check.session.orgId.slice(0, 15) !== orgId.slice(0, 15)) {
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('Bad_OAuth_Token');
    return;
  }
  const { org } = services;
  const user = org.store('User')?.read(0)?.values ?? {};
  if (!SalesforceId.isValid(userId) || SalesforceId.to18(userId) !== org.userId) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Bad_Id');
    return;
  }
  const base = deps.baseUrl();
  const url = (path: string): string => `${base}${path}`;
  sendJson(res, 200, {
    id: url(`/id/${org.orgId}/${org.userId}`),
    asserted_user: true,
    user_id: org.userId,
    organization_id: org.orgId,
    username: org.username,
    nick_name: String(user['Alias'] ?? 'user'),
    display_name: String(user['Name'] ?? org.username),
    email: org.username,
    email_verified: true,
    first_name: user['FirstName'] ?? null,
    last_name: String(user['LastName'] ?? ''),
    timezone: 'GMT',
    photos: { picture: url('/profilephoto/005/F'), thumbnail: url('/profilephoto/005/T') },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: url(`/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`),
      metadata: url(`/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`),
      partner: url(`/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`),
      rest: url('/services/data/v{version}/'),
      sobjects: url('/services/data/v{version}/sobjects/'),
      search: url('/services/data/v{version}/search/'),
      query: url('/services/data/v{version}/query/'),
      recent: url('/services/data/v{version}/recent/'),
      tooling_soap: url(`/services/Soap/T/{version}/${org.orgId.slice(0, 15)}`),
      tooling_rest: url('/services/data/v{version}/tooling/'),
      profile: url(`/${org.userId.slice(0, 15)}`),
      feeds: url('/services/data/v{version}/chatter/feeds'),
      groups: url('/services/data/v{version}/chatter/groups'),
      users: url('/services/data/v{version}/chatter/users'),
      feed_items: url('/services/data/v{version}/chatter/feed-items'),
      feed_elements: url('/services/data/v{version}/chatter/feed-elements'),
      custom_domain: base,
    },
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: SalesforceDate.toRestDateTime(Number(user['LastModifiedDate'] ?? 0)),
    is_app_installed: true,
  });
}

/** Adds the OAuth 2.0 token and revoke endpoints and the identity URL (`/id/<orgId>/<userId>`). */
export function registerOAuthRoutes(routes: RouteTable<HttpExchange>): void {
  routes
    .add('POST', /^\/services\/oauth2\/token$/, 'token', (ctx) => handleToken(ctx))
    .add('POST', /^\/services\/oauth2\/revoke$/, 'token', (ctx) => handleRevoke(ctx))
    .add('GET', /^\/id\/([0-9A-Za-z]{15,18})\/([0-9A-Za-z]{15,18})\/?$/, 'identity', (ctx, params) => handleIdentity(ctx, params));
}
