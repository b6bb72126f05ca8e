import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { busListeners, waitForBusListeners } from '../support/busListeners.ts';
import { canRunInTerminal, runCli, type CliResult } from '../support/cliProcess.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const ndjson = (text: string): any[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('longhaul jobs (CLI against a real longhaul all)', () => {
  const dbName = uniqueDatabaseName('cli');
  let app: LonghaulProcess;
  const cli = (args: string[], apiKey: string | null = TEST_KEYS.tenantA) => runCli(args, { url: app.url, apiKey: apiKey ?? undefined });
  // Created over HTTP by the test itself, not by the CLI under test.
  const createJob = async (url: string, type: string, input: Record<string, unknown>): Promise<string> =>
    (await gqlData(url, TEST_KEYS.tenantA, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input: { type, input } })).createJob.id as string;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('should create a job, print its id, and list it with --json', async () => {
    const created = await cli(['jobs', 'create', 'demo.count', '--input', '{"to":3}']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{24}$/);

    const listed = await cli(['jobs', 'list', '--json', '--type', 'demo.count']);
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout);
    expect(page.nodes.map((job: { id: string }) => job.id)).toContain(id);
    expect(page.nodes.find((job: { id: string }) => job.id === id)).toMatchObject({ type: 'demo.count', maxAttempts: 3 });
    expect(page.pageInfo).toMatchObject({ hasNextPage: false });

    const table = await cli(['jobs', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+TYPE\s+STATE\s+PROGRESS\s+ATTEMPTS\s+CREATED$/m);
    expect(table.stdout).toContain(id);
  });

  it('should print the created job as one JSON document with --json', async () => {
    const created = await cli(['jobs', 'create', 'demo.count', '--input', '{"to":2}', '--priority', '5', '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ type: 'demo.count', state: 'QUEUED', priority: 5, progress: { processed: 0 } });
  });

  it('should create the jobs of a JSON Lines file in one batch with create-many, ids in file order, and refuse a bad file or item whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'longhaul-cli-'));
    try {
      const file = join(dir, 'jobs.jsonl');
      await writeFile(file, ['{"type":"demo.count","input":{"to":1},"idempotencyKey":"cli-1"}', '', '{"type":"demo.count","input":{"to":2},"priority":3}'].join('\n'));
      const created = await cli(['jobs', 'create-many', file, '--json']);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const jobs = JSON.parse(created.stdout);
      expect(jobs.map((j: { priority: number; type: string }) => [j.type, j.priority])).toEqual([['demo.count', 0], ['demo.count', 3]]);
      // Again: the keyed job comes back, the other is new; ids one per line without --json.
      const again = await cli(['jobs', 'create-many', file]);
      const ids = again.stdout.trim().split('\n');
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(jobs[0].id);
      expect(ids[1]).not.toBe(jobs[1].id);

      await writeFile(file, '{"type":"demo.count","input":{"to":1}}\n{"type":"demo.count","input":{"to":-1}}\n');
      const badItem = await cli(['jobs', 'create-many', file]);
      expect(badItem.code).toBe(2);
      expect(badItem.stderr).toMatch(/^longhaul: BAD_USER_INPUT: inputs\[1\]: /);
      await writeFile(file, '{"type":"demo.count"}\nnot json\n');
      const badLine = await cli(['jobs', 'create-many', file]);
      expect(badLine.code).toBe(2);
      expect(badLine.stderr).toMatch(/^longhaul: BAD_ARGUMENT: line 2 is not JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  /**
   * Watches a `demo.count {to: 60}` job from before it starts: its own API without workers, the CLI started, and a
   * worker only once the CLI is subscribed, so the watcher sees the job run however slowly the CLI process starts.
   */
  const watchFromStart = async (args: (id: string) => string[], terminal = false): Promise<{ id: string; watched: CliResult }> => {
    const own = uniqueDatabaseName('cli-watch');
    const api = await startLonghaul('serve', own);
    let worker: LonghaulProcess | undefined;
    try {
      const before = await busListeners(api.url);
      const id = await createJob(api.url, 'demo.count', { to: 60, delayMs: 50 });
      const watching = runCli(args(id), { url: api.url, apiKey: TEST_KEYS.tenantA, terminal });
      await waitForBusListeners(api.url, (count) => count > before);
      worker = await startLonghaul('work', own);
      return { id, watched: await watching };
    } finally {
      await worker?.stop();
      await api.stop();
    }
  };

  it('should watch a demo.count job with plain progress lines (stdout is not a terminal) and exit 0 when it succeeds', async () => {
    const { id, watched } = await watchFromStart((jobId) => ['jobs', 'watch', jobId, '--interval', '200']);
    expect(watched.stderr).toBe('');
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trim().split('\n');
    expect(lines.some((line) => /RUNNING\s+\d+\/60 \(\d+%\)/.test(line))).toBe(true);
    expect(lines.some((line) => /\d+(\.\d+)?\/s, ETA /.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^job ${id} SUCCEEDED in .* after 1 attempt; result: \\{"counted":60\\}$`));
    // No cursor control or carriage returns when stdout is a pipe.
    expect(watched.stdout).not.toMatch(/[\r\u001b]/);
  });

  it.skipIf(!canRunInTerminal)('should draw a live progress bar with rate and ETA when stdout is a terminal, and exit 0', async () => {
    const { id, watched } = await watchFromStart((jobId) => ['jobs', 'watch', jobId], true);
    expectProgressBar(watched, id);
  });

  const expectProgressBar = (watched: CliResult, id: string): void => {
    expect(watched.code).toBe(0);
    // The bar is redrawn in place (cursor to column 1), not printed line by line.
    expect(watched.stdout).toContain('\u001b[1G');
    expect(watched.stdout).toMatch(/demo\.count \[█*░+\] \d+% \d+\/60 · \d+(\.\d+)?\/s · ETA \d/);
    expect(watched.stdout).toMatch(/demo\.count \[█{30}\] 100% 60\/60 · SUCCEEDED/);
    expect(watched.stdout).toMatch(new RegExp(`job ${id} SUCCEEDED in .* after 1 attempt; result: \\{"counted":60\\}`));
  };

  it('should create and watch with --watch --json: NDJSON events from the snapshot to SUCCEEDED', async () => {
    const watched = await cli(['jobs', 'create', 'demo.count', '--input', '{"to":10,"delayMs":20}', '--watch', '--json']);
    expect(watched.code).toBe(0);
    const events = ndjson(watched.stdout);
    const id = events[0].job.id;
    expect(events[0]).toMatchObject({ kind: 'SNAPSHOT', job: { type: 'demo.count' } });
    expect(events.some((event) => event.kind === 'PROGRESS')).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'SUCCEEDED', job: { id, state: 'SUCCEEDED', result: { counted: 10 }, progress: { processed: 10, total: 10 } } });
    const positions = events.map((event) => event.position);
    expect([...positions].sort()).toEqual(positions);
  });

  it('should exit 1 when a demo.flaky job fails more often than its maxAttempts allow (it ends in the debug queue)', async () => {
    const watched = await cli(['jobs', 'create', 'demo.flaky', '--input', '{"failures":5}', '--max-attempts', '2', '--watch', '--json']);
    expect(watched.code).toBe(1);
    const events = ndjson(watched.stdout);
    // The first attempt may fail before the subscription starts; the snapshot then already says RETRYING.
    expect(events.some((event) => event.kind === 'RETRYING' || event.job.state === 'RETRYING' || event.job.attempts === 2)).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'DEBUG', job: { state: 'DEBUG', attempts: 2, lastError: { code: 'JOB_FAILED', message: 'planned failure 2 of 5' } } });
  });

  it('should print the outcome and exit 1 for a job that ended in the debug queue, without --json', async () => {
    const watched = await cli(['jobs', 'create', 'demo.flaky', '--input', '{"failures":3}', '--max-attempts', '1', '--watch']);
    expect(watched.code).toBe(1);
    expect(watched.stdout.trim().split('\n').at(-1)).toMatch(/^job [0-9a-f]{24} DEBUG after 1 attempt; last error JOB_FAILED: planned failure 1 of 3$/);
  });

  it('should exit 2 with the API error code on an unknown job, an unknown type, a bad key or no key', async () => {
    const missing = await cli(['jobs', 'watch', '000000000000000000000000']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^longhaul: NOT_FOUND: /);

    const unknownType = await cli(['jobs', 'create', 'no.such.type', '--json']);
    expect(unknownType.code).toBe(2);
    expect(JSON.parse(unknownType.stderr)).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });

    const badKey = await cli(['jobs', 'list'], 'not-a-known-key');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/^longhaul: FORBIDDEN: /);

    const noKey = await cli(['jobs', 'list'], null);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^longhaul: UNAUTHENTICATED: /);
  });

  it('should exit 2 on input that is not JSON, a bad option and a server that is not there', async () => {
    const badInput = await cli(['jobs', 'create', 'demo.count', '--input', '{to:1}']);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toMatch(/^longhaul: BAD_ARGUMENT: --input is not JSON/);

    const badOption = await cli(['jobs', 'list', '--first', 'many']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("argument 'many' is invalid");

    const unreachable = await runCli(['jobs', 'list', '--json'], { url: 'http://127.0.0.1:9/graphql', apiKey: TEST_KEYS.tenantA });
    expect(unreachable.code).toBe(2);
    expect(JSON.parse(unreachable.stderr)).toMatchObject({ error: { code: 'CONNECTION_FAILED' } });
  });
});
