import { randomBytes } from 'node:crypto';
import jsforce from 'jsforce';
import type { Connection } from 'jsforce';
import type { OrgHandle, OrgOptions, Sandbox } from '../../src/sandbox/index.ts';

/** API version the fidelity tests speak (jsforce's own default is 50.0; both are served). */
export const testApiVersion = '59.0';

/** A unique username, so every test owns its org. */
export function uniqueUsername(prefix = 'test'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}@sandbox.test`;
}

/** Adds an org with a unique username (password `pw`) to `sandbox`. */
export function addTestOrg(sandbox: Sandbox, options: Partial<OrgOptions> = {}): OrgHandle {
  return sandbox.addOrg({ username: uniqueUsername(), password: 'pw', ...options });
}

/** A jsforce connection configured for `sandbox` with an OAuth2 client (not logged in). */
export function newConnection(sandbox: Sandbox, version = testApiVersion): Connection {
  return new jsforce.Connection({
    loginUrl: sandbox.url,
    version,
    oauth2: { clientId: 'test-client', clientSecret: 'test-secret', loginUrl: sandbox.url },
  });
}

/** A jsforce connection logged in to `org` with the username-password flow. */
export async function loginTo(sandbox: Sandbox, org: OrgHandle, version = testApiVersion): Promise<Connection> {
  const conn = newConnection(sandbox, version);
  await conn.login(org.username, 'pw');
  conn.bulk2.pollInterval = 20;
  return conn;
}

/** Headers of an admin API request to `sandbox` (its token, JSON). */
export function adminHeaders(sandbox: Pick<Sandbox, 'adminToken'>): Record<string, string> {
  return { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' };
}

/** Calls the admin API of `sandbox` (`/__admin<path>`) with its token; answers the status and the parsed JSON body. */
export async function sandboxAdmin(sandbox: Pick<Sandbox, 'url' | 'adminToken'>, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}/__admin${path}`, {
    method,
    headers: adminHeaders(sandbox),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; name: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the promise to reject');
}

/** A raw access token for `org`, for tests that speak HTTP without jsforce. */
export async function accessToken(sandbox: Sandbox, org: OrgHandle): Promise<string> {
  const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: org.username, password: 'pw', client_id: 'raw', client_secret: 'raw' }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
