import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { runCli } from '../support/cliProcess.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

describe('longhaul schedules (CLI against a real longhaul all)', () => {
  const dbName = uniqueDatabaseName('clisched');
  let app: LonghaulProcess;
  const cli = (args: string[], apiKey: string = TEST_KEYS.tenantA) => runCli(args, { url: app.url, apiKey });
  const enabledOf = async (id: string) => (await gqlData(app.url, TEST_KEYS.tenantA, 'query($id: ID!) { schedule(id: $id) { enabled } }', { id })).schedule?.enabled as boolean | undefined;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_WORKERS: '0' });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('should create, list, pause, resume and delete a schedule', async () => {
    const created = await cli(['schedules', 'create', 'demo.count', '--cron', '0 3 * * *', '--timezone', 'Europe/Berlin', '--input', '{"to":3}', '--name', 'nightly', '--overlap', 'queue']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const table = await cli(['schedules', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+TYPE\s+WHEN\s+STATE\s+NEXT RUN\s+LAST RUN\s+OWNER$/m);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+nightly\\s+demo.count\\s+0 3 \\* \\* \\* \\(Europe/Berlin\\)\\s+enabled`, 'm'));

    // The whole result: a failure shows what the command said on stderr.
    expect(await cli(['schedules', 'pause', id])).toEqual({ code: 0, stdout: `paused ${id}\n`, stderr: '' });
    expect(await enabledOf(id)).toBe(false);
    const paused = JSON.parse((await cli(['schedules', 'list', '--paused', '--json'])).stdout);
    expect(paused.nodes.map((s: { id: string }) => s.id)).toEqual([id]);
    const resumed = await cli(['schedules', 'resume', id]);
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout).toMatch(new RegExp(`^resumed ${id} \\(next run \\S+\\)\\n$`));
    expect(await enabledOf(id)).toBe(true);
    expect((await cli(['schedules', 'delete', id])).code).toBe(0);
    expect(await enabledOf(id)).toBeUndefined();
  });

  it('should exit 2 with the reason on bad input, and not find another tenant’s schedule', async () => {
    const bad = await cli(['schedules', 'create', 'demo.count', '--cron', '0 0 30 2 *']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('never fires');
    const flag = await cli(['schedules', 'create', 'demo.count', '--every', 'PT1H', '--overlap', 'sometimes']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--overlap must be one of SKIP, QUEUE, CANCEL_RUNNING');
    const id = (await cli(['schedules', 'create', 'demo.count', '--every', 'PT1H', '--input', '{"to":1}'])).stdout.trim();
    const other = await cli(['schedules', 'pause', id], TEST_KEYS.tenantB);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('NOT_FOUND');
    expect(await enabledOf(id)).toBe(true);
  });
});
