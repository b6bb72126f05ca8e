import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { loginTo, newConnection, rejectionOf, uniqueUsername } from '../support/sandboxConnection.ts';

async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}/__admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) as unknown };
}

describe('sandbox org admin API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should create, seed, mutate and read back an org over HTTP', async () => {
    const username = uniqueUsername('admin');
    const created = await admin(sandbox, 'POST', '/orgs', { username, password: 'pw', size: 0 });
    expect(created.status).toBe(201);
    const orgId = (created.json as { orgId: string }).orgId;
    expect(created.json).toMatchObject({ username, loginUrl: sandbox.url, generatedCounts: { Account: 0, Contact: 0 } });
    expect((await admin(sandbox, 'POST', '/orgs', { username, password: 'pw' })).json).toEqual({ error: { code: 'SANDBOX_ORG_EXISTS', message: `an org with username ${username} already exists` } });
    const seeded = await admin(sandbox, 'POST', `/orgs/${orgId}/seed`, { seed: 7, size: { Account: 30 } });
    expect(seeded.json).toMatchObject({ seed: 7, generatedCounts: { Account: 30, Contact: 0 } });
    const mutated = await admin(sandbox, 'POST', `/orgs/${username}/mutate`, { object: 'Account', update: 3, delete: 2, insert: 4 });
    const result = mutated.json as { updated: string[]; deleted: string[]; inserted: string[]; errors: unknown[] };
    expect([result.updated.length, result.deleted.length, result.inserted.length, result.errors]).toEqual([3, 2, 4, []]);
    const ndjson = await fetch(`${sandbox.url}/__admin/orgs/${orgId}/records/Account?includeDeleted=true`);
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const records = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(34);
    expect(records.filter((r) => r['IsDeleted'] === true).map((r) => r['Id']).sort()).toEqual([...result.deleted].sort());
    const live = await admin(sandbox, 'GET', `/orgs/${orgId}/records/Account?format=json`);
    expect(live.json).toHaveLength(32);
    const conn = newConnection(sandbox);
    await conn.login(username, 'pw');
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(32);
    expect((await admin(sandbox, 'DELETE', `/orgs/${orgId}`)).status).toBe(204);
    expect((await admin(sandbox, 'GET', `/orgs/${orgId}`)).status).toBe(404);
  });

  it('should set API allowance, token policy and faults over HTTP', async () => {
    const org = sandbox.addOrg({ username: uniqueUsername('policy'), password: 'pw', size: 10 });
    const conn = await loginTo(sandbox, org);
    const patched = await admin(sandbox, 'PATCH', `/orgs/${org.orgId}`, { dailyApiRequests: 50, apiRequestsUsed: 50, tokenMaxCalls: 5 });
    expect(patched.json).toMatchObject({ apiUsage: { used: 50, max: 50 }, tokenMaxCalls: 5 });
    expect((await rejectionOf(conn.query('SELECT Id FROM Account'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await admin(sandbox, 'PATCH', `/orgs/${org.orgId}`, { apiRequestsUsed: 0 });
    const expired = await admin(sandbox, 'POST', `/orgs/${org.orgId}/expire-tokens`);
    expect(expired.json).toEqual({ expired: 1 });
    expect((await conn.query('SELECT Id FROM Account')).done).toBe(true);
    const rule = await admin(sandbox, 'POST', '/faults', { kind: 'limits', orgId: org.orgId, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(rule.status).toBe(201);
    expect((await rejectionOf(conn.limits())).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await admin(sandbox, 'DELETE', `/faults/${(rule.json as { id: string }).id}`)).status).toBe(204);
    expect(await conn.limits()).toHaveProperty('DailyApiRequests');
    const invalid = await admin(sandbox, 'POST', '/faults', { kind: 'nope' });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: { code: string } }).error.code).toBe('SANDBOX_INVALID_REQUEST');
  });

  it('should run standalone from main.ts with the demo org and stop on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, LONGHAUL_SANDBOX_PORT: '0', LONGHAUL_SANDBOX_RECORDS: '100' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let loginUrl = '';
      for await (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; loginUrl?: string };
        if (entry.loginUrl) {
          loginUrl = entry.loginUrl;
          break;
        }
      }
      expect(loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const conn = newConnection({ url: loginUrl } as Sandbox);
      await conn.login('demo@sandbox.longhaul', 'demo');
      expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(30);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
