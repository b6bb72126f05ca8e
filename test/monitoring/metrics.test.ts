import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gqlData, wsClient } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { parsePrometheusText, sampleValue, type PromFamily } from '../support/prometheusText.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';
import { countJobDocuments } from '../support/jobDocuments.ts';

const CREATE = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id state } }';

describe('/metrics (longhaul all)', () => {
  const dbName = uniqueDatabaseName('metrics');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  let metricsUrl: string;

  const scrape = async (key: string | null = TEST_KEYS.operator): Promise<{ status: number; type: string | null; text: string }> => {
    const res = await fetch(metricsUrl, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const metrics = async (): Promise<Map<string, PromFamily>> => {
    const res = await scrape();
    expect(res.status).toBe(200);
    return parsePrometheusText(res.text);
  };
  const waitForState = (id: string, states: string[]) => waitForJobState(app.url, TEST_KEYS.tenantA, id, states);
  /** Scrapes until `check` passes (the API process counts job events as the bus delivers them). */
  const scrapeUntil = (check: (m: Map<string, PromFamily>) => void) =>
    eventually(
      'the metrics to pass the check',
      async () => {
        const m = await metrics();
        check(m);
        return m;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_METRICS_CACHE_MS: '0' });
    metricsUrl = app.url.replace(/\/graphql$/, '/metrics');
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should refuse a scrape without a key (401) and with a tenant key (403)', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('not-a-configured-key')).status).toBe(403);
    expect((await scrape(TEST_KEYS.tenantA)).status).toBe(403);
    expect((await scrape(TEST_KEYS.operator)).status).toBe(200);
  });

  it('should serve strict Prometheus text with every documented family and the default process metrics', async () => {
    const res = await scrape();
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parsePrometheusText(res.text);
    const expected: Record<string, PromFamily['type']> = {
      longhaul_jobs: 'gauge',
      longhaul_jobs_by_state: 'gauge',
      longhaul_job_duration_seconds: 'histogram',
      longhaul_job_attempts_total: 'counter',
      longhaul_job_retries_total: 'counter',
      longhaul_jobs_finished_total: 'counter',
      longhaul_zombies_open: 'gauge',
      longhaul_debug_queue_jobs: 'gauge',
      longhaul_event_loop_delay_seconds: 'gauge',
      longhaul_worker_event_loop_delay_seconds: 'gauge',
      longhaul_bus_lag_seconds: 'gauge',
      longhaul_subscribers_connected: 'gauge',
      longhaul_bus_listeners: 'gauge',
      process_cpu_user_seconds_total: 'counter',
      nodejs_eventloop_lag_p99_seconds: 'gauge',
    };
    for (const [name, type] of Object.entries(expected)) expect(m.get(name)?.type, name).toBe(type);
    expect(m.get('longhaul_jobs_by_state')!.samples.map((s) => s.labels.state).sort()).toEqual(['CANCELLED', 'DEBUG', 'FAILED', 'QUEUED', 'RETRYING', 'RUNNING', 'SUCCEEDED']);
    // The process's own loop delay since the previous scrape, beyond the 20 ms sampling interval: every stat is there and
    // they are consistent. Not "above 0": an idle loop's delay beyond the interval can be 0 (it failed CI once so).
    expect(m.get('longhaul_event_loop_delay_seconds')!.samples.map((s) => s.labels.stat).sort()).toEqual(['max', 'mean', 'p50', 'p99']);
    const delay = Object.fromEntries(['p50', 'p99', 'max', 'mean'].map((stat) => [stat, sampleValue(m, 'longhaul_event_loop_delay_seconds', { stat })]));
    for (const stat of ['p50', 'p99', 'max', 'mean']) expect(delay[stat], stat).toBeGreaterThanOrEqual(0);
    expect(delay.max).toBeGreaterThanOrEqual(delay.p99!);
    expect(delay.p99).toBeGreaterThanOrEqual(delay.p50!);
  });

  it('should print only Prometheus values, even for scrapes closer together than the event-loop sampling interval', async () => {
    // prom-client's own lag gauges printed `Nan` when a scrape found no sample since the previous one.
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await scrape()).text);
    texts.push(...(await Promise.all([scrape(), scrape(), scrape()])).map((r) => r.text));
    for (const text of texts) {
      const m = parsePrometheusText(text);
      for (const stat of ['mean', 'p50', 'p99', 'max']) expect(Number.isFinite(sampleValue(m, `nodejs_eventloop_lag_${stat}_seconds`)), stat).toBe(true);
    }
  });

  it('should move job counters, durations and state gauges with demo.count jobs', async () => {
    const before = await metrics();
    const labels = { type: 'demo.count' };
    const finishedBefore = sampleValue(before, 'longhaul_jobs_finished_total', { ...labels, outcome: 'succeeded' });
    const attemptsBefore = sampleValue(before, 'longhaul_job_attempts_total', labels);
    const durationsBefore = sampleValue(before, 'longhaul_job_duration_seconds_count', { ...labels, outcome: 'succeeded' });
    const durationSumBefore = sampleValue(before, 'longhaul_job_duration_seconds_sum', { ...labels, outcome: 'succeeded' });
    const succeededBefore = sampleValue(before, 'longhaul_jobs', { ...labels, state: 'SUCCEEDED' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await gqlData(app.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.count', input: { to: 20, delayMs: 10 } } })).createJob.id);
    for (const id of ids) await waitForState(id, ['SUCCEEDED']);
    const after = await scrapeUntil((m) => {
      expect(sampleValue(m, 'longhaul_jobs_finished_total', { ...labels, outcome: 'succeeded' }) - finishedBefore).toBe(4);
      // Read from the database at scrape time and cached briefly: it follows once the cache expires.
      expect(sampleValue(m, 'longhaul_jobs', { ...labels, state: 'SUCCEEDED' }) - succeededBefore).toBe(4);
    });
    expect(sampleValue(after, 'longhaul_job_attempts_total', labels) - attemptsBefore).toBe(4);
    expect(sampleValue(after, 'longhaul_job_duration_seconds_count', { ...labels, outcome: 'succeeded' }) - durationsBefore).toBe(4);
    // Each job pauses 20 × 10 ms: the four durations add up to 0.8 s at least.
    expect(sampleValue(after, 'longhaul_job_duration_seconds_sum', { ...labels, outcome: 'succeeded' }) - durationSumBefore).toBeGreaterThanOrEqual(0.8);
    expect(sampleValue(after, 'longhaul_job_duration_seconds_bucket', { ...labels, outcome: 'succeeded', le: '+Inf' }) - durationsBefore).toBe(4);
    // Set at each delivery (0 until the first): the job events above crossed from the worker to this process through the database.
    expect(sampleValue(after, 'longhaul_bus_lag_seconds')).toBeGreaterThan(0);
  });

  it('should count retries and attempts of a flaky job and its end in the debug queue', async () => {
    const before = await metrics();
    const labels = { type: 'demo.flaky' };
    const retried = (await gqlData(app.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.flaky', input: { failures: 1 }, maxAttempts: 3 } })).createJob.id;
    const exhausted = (await gqlData(app.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 2 } })).createJob.id;
    await waitForState(retried, ['SUCCEEDED']);
    const parked = await waitForState(exhausted, ['DEBUG', 'FAILED']);
    const outcome = parked.state === 'DEBUG' ? 'debug' : 'failed';
    const after = await scrapeUntil((m) => {
      expect(sampleValue(m, 'longhaul_jobs_finished_total', { ...labels, outcome }) - sampleValue(before, 'longhaul_jobs_finished_total', { ...labels, outcome })).toBe(1);
      expect(sampleValue(m, 'longhaul_jobs_finished_total', { ...labels, outcome: 'succeeded' }) - sampleValue(before, 'longhaul_jobs_finished_total', { ...labels, outcome: 'succeeded' })).toBe(1);
      // A gauge read from the database at scrape time, cached briefly: it follows once the cache expires.
      if (outcome === 'debug') expect(sampleValue(m, 'longhaul_debug_queue_jobs') - sampleValue(before, 'longhaul_debug_queue_jobs')).toBe(1);
    });
    // 2 attempts each; 1 retry for the first, 1 for the second before its attempts ran out.
    expect(sampleValue(after, 'longhaul_job_attempts_total', labels) - sampleValue(before, 'longhaul_job_attempts_total', labels)).toBe(4);
    expect(sampleValue(after, 'longhaul_job_retries_total', labels) - sampleValue(before, 'longhaul_job_retries_total', labels)).toBe(2);
    expect(sampleValue(after, 'longhaul_job_duration_seconds_count', { ...labels, outcome }) - sampleValue(before, 'longhaul_job_duration_seconds_count', { ...labels, outcome })).toBe(1);
  });

  it('should report each live worker’s event-loop delay from its heartbeat', async () => {
    const m = await scrapeUntil((families) => {
      const samples = families.get('longhaul_worker_event_loop_delay_seconds')!.samples;
      // The API process and its worker child at least.
      expect(samples.filter((s) => s.labels.stat === 'p99').length).toBeGreaterThanOrEqual(2);
    });
    // Every registered process heartbeats its delay: the API process as `api`, its worker child as `worker`.
    const labelled = [...new Set(m.get('longhaul_worker_event_loop_delay_seconds')!.samples.map((s) => s.labels.worker!))];
    const registered = await mongo.db(dbName).collection('workers').find({ _id: { $in: labelled as any[] } }).toArray();
    expect(registered.map((w) => w.role)).toEqual(expect.arrayContaining(['api', 'worker']));
    expect(registered).toHaveLength(labelled.length);
    expect(sampleValue(m, 'longhaul_workers_live')).toBe(labelled.length);
  });

  it('should serve deployment-wide job counters: an API process started later reports the jobs that ran before it', async () => {
    const id = (await gqlData(app.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.count', input: { to: 3, delayMs: 5 } } })).createJob.id;
    await waitForState(id, ['SUCCEEDED']);
    const labels = { type: 'demo.count', outcome: 'succeeded' };
    // Counted once, where each event was produced, and kept in the database: equal to the jobs stored.
    const succeeded = await countJobDocuments(mongo.db(dbName), { name: 'demo.count', state: 'SUCCEEDED' });
    const created = await countJobDocuments(mongo.db(dbName), { name: 'demo.count' });
    expect(succeeded).toBeGreaterThanOrEqual(1);
    // Each process adds its counts every flush interval: the API's creation may land after the worker's finish.
    const first = await scrapeUntil((m) => {
      expect(sampleValue(m, 'longhaul_jobs_finished_total', labels)).toBe(succeeded);
      expect(sampleValue(m, 'longhaul_jobs_created_total', { type: 'demo.count' })).toBe(created);
    });
    const finished = sampleValue(first, 'longhaul_jobs_finished_total', labels);
    const second = await startLonghaul('serve', dbName, { LONGHAUL_METRICS_CACHE_MS: '0' });
    try {
      const res = await fetch(second.url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${TEST_KEYS.operator}` } });
      const m = parsePrometheusText(await res.text());
      for (const name of ['longhaul_jobs_finished_total', 'longhaul_job_duration_seconds_count']) expect(sampleValue(m, name, labels), name).toBe(finished);
      expect(sampleValue(m, 'longhaul_job_attempts_total', { type: 'demo.count' })).toBe(sampleValue(first, 'longhaul_job_attempts_total', { type: 'demo.count' }));
      expect(sampleValue(m, 'longhaul_jobs_created_total', { type: 'demo.count' })).toBe(sampleValue(first, 'longhaul_jobs_created_total', { type: 'demo.count' }));
    } finally {
      await second.stop();
    }
  });

  it('should reject malformed exposition text in the test parser (so a parse is a real check)', () => {
    expect(() => parsePrometheusText('# TYPE a counter\na{x="1} 1\n')).toThrow(/unterminated/);
    expect(() => parsePrometheusText('# TYPE a counter\na 1\n# TYPE b gauge\na 2\n')).toThrow(/outside its family/);
    expect(() => parsePrometheusText('# TYPE a gauge\na one\n')).toThrow(/bad value/);
    expect(() => parsePrometheusText('a 1\n')).toThrow(/without a family/);
    expect(parsePrometheusText('# HELP a x\n# TYPE a gauge\na{l="q\\"z"} 1.5e3\n').get('a')!.samples[0]).toEqual({ name: 'a', labels: { l: 'q"z' }, value: 1500 });
  });

  it('should report open zombie records and connected subscribers', async () => {
    const zombies = mongo.db(dbName).collection('zombies');
    const before = sampleValue(await metrics(), 'longhaul_zombies_open');
    const id = `000000000000000000000001:metrics-${Date.now()}`;
    await zombies.insertOne({ _id: id as any, jobId: '000000000000000000000001', tenantId: 'tenantA', jobType: 'demo.count', runId: 'r', attempt: 1, reason: 'WORKER_LOST', since: new Date(), detectedAt: new Date(), workerId: null, lastProgress: { processed: 0, total: null, message: null }, lastLogs: [], action: null, resolvedAt: null, diagnosticIds: [] });
    expect(sampleValue(await metrics(), 'longhaul_zombies_open') - before).toBe(1);
    await zombies.updateOne({ _id: id as any }, { $set: { resolvedAt: new Date() } });
    expect(sampleValue(await metrics(), 'longhaul_zombies_open')).toBe(before);

    const client = wsClient(app.url, TEST_KEYS.tenantB);
    const dispose = client.subscribe({ query: 'subscription { monitoringEvents { kind } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    try {
      await scrapeUntil((m) => expect(sampleValue(m, 'longhaul_subscribers_connected')).toBe(1));
    } finally {
      dispose();
      await client.dispose();
    }
  });
});
