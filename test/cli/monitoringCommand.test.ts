import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cliProcess.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { collect, gqlData, wsClient } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG'];

describe('longhaul monitoring (CLI against a real longhaul all)', () => {
  let app: LonghaulProcess;
  const cli = (args: string[], apiKey: string | null = TEST_KEYS.tenantA) => runCli(['monitoring', ...args], { url: app.url, apiKey: apiKey ?? undefined });

  /** Creates a job as tenant A over HTTP and waits (jobProgress) until it reaches a final state; returns its id and state. */
  const runToEnd = async (type: string, input: Record<string, unknown>, maxAttempts: number): Promise<{ id: string; state: string }> => {
    const { createJob } = await gqlData(app.url, TEST_KEYS.tenantA, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input: { type, input, maxAttempts } });
    const client = wsClient(app.url, TEST_KEYS.tenantA);
    try {
      const { items } = await collect<{ job: { state: string } }>(client, 'subscription($id: ID!) { jobProgress(id: $id) { job { state } } }', { id: createJob.id }, { until: (event) => FINAL.includes(event.job.state), timeoutMs: 60_000 });
      return { id: createJob.id, state: items.at(-1)?.job.state ?? 'none' };
    } finally {
      await client.dispose();
    }
  };

  beforeAll(async () => {
    app = await startLonghaul('all', uniqueDatabaseName('cli_monitoring'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('should print both sections, empty, on a fresh service, and exit 0', async () => {
    const result = await cli([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ZOMBIES (0)\nno zombies\n\nDEBUG QUEUE (0)\nthe debug queue is empty\n');
  });

  it('should list a job that spent its attempts in the debug queue table and in --json, for its tenant and operators only', async () => {
    const flaky = await runToEnd('demo.flaky', { failures: 5 }, 1);
    expect(flaky.state).toBe('DEBUG');

    const table = await cli([]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^DEBUG QUEUE \(1\)$/m);
    expect(table.stdout).toMatch(/^ID\s+TYPE\s+ATTEMPTS\s+ENTERED\s+LAST ERROR$/m);
    expect(table.stdout).toMatch(new RegExp(`^${flaky.id}\\s+demo\\.flaky\\s+1/1\\s+\\S+\\s+JOB_FAILED: planned failure 1 of 5$`, 'm'));

    const json = await cli(['--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.zombies).toEqual([]);
    expect(parsed.debugQueue.nodes).toEqual([expect.objectContaining({ id: flaky.id, type: 'demo.flaky', state: 'DEBUG', lastError: expect.objectContaining({ code: 'JOB_FAILED' }) })]);
    expect(parsed.debugQueue.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });

    const otherTenant = JSON.parse((await cli(['--json'], TEST_KEYS.tenantB)).stdout);
    expect(otherTenant.debugQueue.nodes).toEqual([]);
    const operator = JSON.parse((await cli(['--json'], TEST_KEYS.operator)).stdout);
    expect(operator.debugQueue.nodes.map((job: { id: string }) => job.id)).toContain(flaky.id);
  });

  it('should show a hung demo.hang job as a zombie with its reason (resolved incidents with --include-resolved)', async () => {
    const hung = await runToEnd('demo.hang', {}, 1);
    expect(FINAL).toContain(hung.state);

    const json = JSON.parse((await cli(['--json', '--include-resolved'])).stdout);
    const zombie = json.zombies.find((z: { job: { id: string } }) => z.job.id === hung.id);
    expect(zombie).toMatchObject({ reason: expect.stringMatching(/^(NO_PROGRESS|HEARTBEAT_STALLED)$/), attempt: 1, job: { type: 'demo.hang' } });

    const table = await cli(['--include-resolved']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ZOMBIES \(\d+, resolved included\)$/m);
    expect(table.stdout).toMatch(/^JOB\s+TYPE\s+REASON\s+SINCE\s+WORKER\s+ATTEMPT\s+PROGRESS\s+ACTION\s+RESOLVED$/m);
    expect(table.stdout).toMatch(new RegExp(`^${hung.id}\\s+demo\\.hang\\s+(NO_PROGRESS|HEARTBEAT_STALLED)\\s+\\S+\\s+\\S+\\s+1\\s+0/1\\s+`, 'm'));
  });

  it('should page the debug queue with --first and print where the next page starts', async () => {
    const table = await cli(['--first', '1'], TEST_KEYS.operator);
    expect(table.code).toBe(0);
    // The flaky and the hung job are both in the debug queue by now.
    expect(table.stdout).toMatch(/^DEBUG QUEUE \(1\+\)$/m);
    expect(table.stdout).toMatch(/^more: --after \S+$/m);
  });

  it('should exit 2 with the API error code on a bad or missing key, and with CONNECTION_FAILED on no server', async () => {
    const badKey = await cli([], 'not-a-known-key');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/^longhaul: FORBIDDEN: /);
    const noKey = await cli(['--json'], null);
    expect(noKey.code).toBe(2);
    expect(JSON.parse(noKey.stderr)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const unreachable = await runCli(['monitoring', '--json'], { url: 'http://127.0.0.1:9/graphql', apiKey: TEST_KEYS.tenantA });
    expect(unreachable.code).toBe(2);
    expect(JSON.parse(unreachable.stderr)).toMatchObject({ error: { code: 'CONNECTION_FAILED' } });
    const badOption = await cli(['--first', 'many']);
    expect(badOption.code).toBe(2);
  });
});
