import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cliProcess.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS } from '../support/longhaulProcess.ts';
import { apiKeyDigest, findApiKey, parseApiKeys } from '../../src/config/apiKeys.ts';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { findFreePort } from '../../src/db/freePort.ts';

const SECRET_KEYS = `test:${randomBytes(32).toString('base64')}`;
const JOB_TYPES = '{ jobTypes { name } }';
const CREATE = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }';

/** The message `loadConfig(env)` fails with (fails the test when it succeeds). */
function configFailure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to fail');
}

describe('API keys and production start', () => {
  it('should refuse to start in production without configured keys, with exit code 1 and a message', async () => {
    const result = await runCli(['serve'], { url: 'http://127.0.0.1:1/graphql', env: { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS, LONGHAUL_API_KEYS: '', LONGHAUL_API_KEYS_FILE: '', MONGODB_URI: 'mongodb://127.0.0.1:1/x', PORT: '0' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no API keys configured: set LONGHAUL_API_KEYS or LONGHAUL_API_KEYS_FILE');
    expect(result.stdout).not.toMatch(/development API key/);
  });

  it('should still generate a development key outside production', () => {
    const config = loadConfig({ LONGHAUL_API_KEYS: '' });
    expect(config.generatedDevKey).toMatch(/^dev-/);
    expect(findApiKey(config.apiKeys, config.generatedDevKey!)?.grant).toEqual({ tenantId: 'dev', operator: true });
  });

  it('should name the entry of a malformed or duplicate LONGHAUL_API_KEYS entry without printing the key', () => {
    const secret = 'super-secret-key-1';
    const duplicate = configFailure({ LONGHAUL_API_KEYS: `${secret}=a,other-key-0002=b,,${secret}=c` });
    expect(duplicate).toContain('LONGHAUL_API_KEYS entry 4: the same key as LONGHAUL_API_KEYS entry 1');
    const malformed = configFailure({ LONGHAUL_API_KEYS: `good-key-0001=a,${secret}` });
    expect(malformed).toContain('LONGHAUL_API_KEYS entry 2: must look like key=tenant');
    expect(configFailure({ LONGHAUL_API_KEYS: 'short=a' })).toContain('LONGHAUL_API_KEYS entry 1: the key is shorter than 8 characters');
    expect(configFailure({ LONGHAUL_API_KEYS: `${secret}=a:admin` })).toContain('LONGHAUL_API_KEYS entry 1: the role must be empty or "operator"');
    expect(configFailure({ LONGHAUL_API_KEYS: `${secret}=bad tenant` })).toContain('LONGHAUL_API_KEYS entry 1: the tenant must be');
    for (const message of [duplicate, malformed]) {
      expect(message).not.toContain(secret);
      expect(message).not.toContain(secret.slice(0, 4));
    }
  });

  it('should name the file line of a malformed or duplicate key, across the variable and the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-keys-'));
    const file = join(dir, 'keys.txt');
    writeFileSync(file, '# keys\nfile-key-00001=a\n\nenv-key-000001=b:operator\n');
    const message = configFailure({ LONGHAUL_API_KEYS: 'env-key-000001=b', LONGHAUL_API_KEYS_FILE: file });
    expect(message).toContain(`LONGHAUL_API_KEYS_FILE (${file}) line 4: the same key as LONGHAUL_API_KEYS entry 1`);
    expect(message).not.toContain('env-key');
    writeFileSync(file, 'file-key-00001=a\nfile-key-00002\n');
    expect(configFailure({ LONGHAUL_API_KEYS_FILE: file })).toContain(`LONGHAUL_API_KEYS_FILE (${file}) line 2: must look like key=tenant`);
  });

  it('should keep only digests and find keys by them', () => {
    const keys = parseApiKeys([{ label: 'LONGHAUL_API_KEYS', numbering: 'entry', text: 'key-one-0001=a,key-two-0002=b:operator' }]);
    expect([...keys.keys()]).toEqual([apiKeyDigest('key-one-0001'), apiKeyDigest('key-two-0002')]);
    expect(JSON.stringify([...keys])).not.toContain('key-one');
    expect(findApiKey(keys, 'key-two-0002')?.grant).toEqual({ tenantId: 'b', operator: true });
    expect(findApiKey(keys, 'key-two-000')).toBeUndefined();
    expect(findApiKey(keys, apiKeyDigest('key-one-0001'))).toBeUndefined();
  });
});

describe('the sandbox org in production', () => {
  it('should not start with NODE_ENV=production even with LONGHAUL_SANDBOX=on, and say so in the log', async () => {
    const port = await findFreePort();
    const app = await startLonghaul('all', uniqueDatabaseName('sandbox_prod'), { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS, LONGHAUL_SANDBOX: 'on', LONGHAUL_SANDBOX_PORT: String(port), LONGHAUL_WORKERS: '0', LOG_LEVEL: 'info' });
    try {
      const line = await app.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('sandbox org not started'));
      expect(line.msg).toContain('never starts with NODE_ENV=production');
      await expect(fetch(`http://127.0.0.1:${port}/__admin/orgs`)).rejects.toThrow();
      const input = { name: 'x', loginUrl: `http://127.0.0.1:${port}`, username: 'demo@sandbox.longhaul', password: 'demo', clientId: 'c', clientSecret: 's' };
      const res = await gql(app.url, TEST_KEYS.tenantA, 'mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }', { input });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOST_NOT_ALLOWED' });
    } finally {
      await app.stop();
    }
  });

  it('should ignore LONGHAUL_SALESFORCE_ALLOW_LOOPBACK=on in production, and refuse a wildcard allowing everything', () => {
    const production = { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS, LONGHAUL_API_KEYS: 'key-one-0001=a' };
    expect(loadConfig({ ...production, LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'on' }).salesforceEgress.allowLoopback).toBe(false);
    expect(loadConfig({ LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'on' }).salesforceEgress.allowLoopback).toBe(true);
    expect(configFailure({ LONGHAUL_SALESFORCE_ALLOWED_HOSTS: 'sf.example.com,*.com' })).toContain('LONGHAUL_SALESFORCE_ALLOWED_HOSTS entry 2');
    expect(loadConfig({ LONGHAUL_SALESFORCE_ALLOWED_HOSTS: ' SF.example.com , *.gw.example.org ' }).salesforceEgress).toMatchObject({ allowedHosts: ['sf.example.com', '*.gw.example.org'], allowLoopback: false, requireHttps: false });
    expect(loadConfig({ ...production, LONGHAUL_SANDBOX_URL: 'http://127.0.0.1:4100' }).salesforceEgress).toMatchObject({ sandboxUrl: undefined, requireHttps: true });
  });
});

describe('demo job types', () => {
  it('should be absent with NODE_ENV=production: not listed, and createJob answers an unknown type', async () => {
    const app = await startLonghaul('serve', uniqueDatabaseName('demo_prod'), { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS });
    try {
      const { jobTypes } = await gqlData(app.url, TEST_KEYS.tenantA, JOB_TYPES);
      expect(jobTypes.map((t: { name: string }) => t.name).filter((n: string) => n.startsWith('demo.'))).toEqual([]);
      for (const type of ['demo.count', 'demo.flaky', 'demo.hang', 'demo.block']) {
        const res = await gql(app.url, TEST_KEYS.tenantA, CREATE, { input: { type, input: {} } });
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_JOB_TYPE' });
      }
      const jobs = await gqlData(app.url, TEST_KEYS.tenantA, '{ jobs(first: 5) { edges { node { id } } } }');
      expect(jobs.jobs.edges).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  it('should be present with NODE_ENV=production and LONGHAUL_DEMO_JOBS=on, and in development by default', async () => {
    const production = await startLonghaul('serve', uniqueDatabaseName('demo_on'), { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS, LONGHAUL_DEMO_JOBS: 'on' });
    try {
      const { jobTypes } = await gqlData(production.url, TEST_KEYS.tenantA, JOB_TYPES);
      expect(jobTypes.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['demo.count', 'demo.flaky', 'demo.hang', 'demo.block']));
      expect((await gqlData(production.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.count', input: { to: 1 } } })).createJob.id).toEqual(expect.any(String));
    } finally {
      await production.stop();
    }
    expect(loadConfig({}).demoJobs).toBe(true);
    expect(loadConfig({ LONGHAUL_DEMO_JOBS: 'off' }).demoJobs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: SECRET_KEYS, LONGHAUL_API_KEYS: 'key-one-0001=a' }).demoJobs).toBe(false);
  });
});
