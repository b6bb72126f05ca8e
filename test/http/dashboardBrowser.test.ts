import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, recordNetwork, TEST_OUTPUT_DIR, type NetworkLog } from '../support/browser.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

/** What the page sent and received for GraphQL: HTTP POSTs to /graphql and WebSocket frames, each with its time. */
interface GraphqlTraffic {
  posts: { at: number; body: string }[];
  framesReceived: { at: number; payload: string }[];
}

function recordGraphqlTraffic(page: Page): GraphqlTraffic {
  const traffic: GraphqlTraffic = { posts: [], framesReceived: [] };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') traffic.posts.push({ at: Date.now(), body: request.postData() ?? '' });
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => traffic.framesReceived.push({ at: Date.now(), payload: String(frame.payload) }));
  });
  return traffic;
}

/** Enters `key` in the key bar and waits until the jobs view has loaded the job types. */
async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByRole('textbox', { name: 'API key' }).fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.locator('select[name="type"] option[value="demo.count"]').waitFor({ state: 'attached' });
}

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  let app: LonghaulProcess;
  let browser: Browser;
  let page: Page;
  let network: NetworkLog;
  let traffic: GraphqlTraffic;
  let origin: string;

  beforeAll(async () => {
    app = await startLonghaul('all', uniqueDatabaseName('dashboard_browser'));
    origin = new URL(app.url).origin;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    network = recordNetwork(page);
    traffic = recordGraphqlTraffic(page);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('should create a demo.count job from the form and follow its progress bar to 100% over the subscription, without reloading or polling', async () => {
    await page.goto(`${origin}/`);
    await page.getByText('Enter an API key above').waitFor();
    await enterKey(page, TEST_KEYS.tenantA);
    // The key survives a reload (localStorage).
    await page.reload();
    await page.locator('select[name="type"] option[value="demo.count"]').waitFor({ state: 'attached' });
    await expect(page.getByRole('textbox', { name: 'API key' }).inputValue()).resolves.toBe(TEST_KEYS.tenantA);
    // The live list's subscription is open before the job exists.
    await expect.poll(() => traffic.framesReceived.some((frame) => frame.payload.includes('"connection_ack"')), { timeout: 15_000 }).toBe(true);

    // A marker on window: a reload or navigation would lose it.
    await page.evaluate(() => Object.assign(globalThis, { longhaulTestMarker: 'same page' }));
    await page.locator('select[name="type"]').selectOption('demo.count');
    await page.locator('textarea[name="input"]').fill('{ "to": 40, "delayMs": 50, "logSteps": true }');
    const created = page.waitForResponse((response) => new URL(response.url()).pathname === '/graphql' && (response.request().postData() ?? '').includes('DashboardCreateJob'));
    await page.getByRole('button', { name: 'Create job' }).click();
    const id = ((await (await created).json()) as { data: { createJob: { id: string } } }).data.createJob.id;
    expect(id).toMatch(/^[0-9a-f]{24}$/);

    const postsBefore = traffic.posts.length;
    const framesBefore = traffic.framesReceived.length;
    const bar = page.getByRole('progressbar', { name: `Progress of job ${id}` });
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          const value = (await bar.getAttribute('aria-valuenow')) ?? 'none';
          if (seen.at(-1) !== value) seen.push(value);
          return value;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('100');
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await expect.poll(() => row.locator('.badge').innerText(), { timeout: 15_000 }).toBe('SUCCEEDED');

    // It moved to 100 on this page (the bar first showed less: indeterminate while QUEUED, or a lower percentage):
    // the same window, no HTTP request for it, events over the WebSocket.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).not.toBe('100');
    expect(await page.evaluate(() => (globalThis as { longhaulTestMarker?: string }).longhaulTestMarker)).toBe('same page');
    expect(traffic.posts.slice(postsBefore)).toEqual([]);
    const events = traffic.framesReceived.slice(framesBefore).filter((frame) => frame.payload.includes('"jobEvents"') && frame.payload.includes(id));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.some((frame) => frame.payload.includes('"SUCCEEDED"'))).toBe(true);
    await expect(bar.getAttribute('aria-valuemin')).resolves.toBe('0');
    await expect(bar.getAttribute('aria-valuemax')).resolves.toBe('100');
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-jobs.png'), fullPage: true });

    // Filters: by state (client-side, so jobs leaving the state leave the list) and by type.
    await page.locator('select[name="filterState"]').selectOption('RUNNING');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await page.locator('select[name="filterState"]').selectOption('SUCCEEDED');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await page.locator('select[name="filterType"]').selectOption('demo.flaky');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await page.locator('select[name="filterType"]').selectOption('');
    await page.locator('select[name="filterState"]').selectOption('');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);

    // The job page: client-side route, progress, and the timeline from jobProgress.
    await row.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/dashboard/jobs/${id}`);
    const timeline = page.getByRole('list', { name: 'Event timeline' });
    await expect.poll(() => timeline.innerText(), { timeout: 20_000 }).toContain('SUCCEEDED');
    expect(await timeline.innerText()).toMatch(/STARTED[\s\S]*PROGRESS[\s\S]*SUCCEEDED.*counted/);
    await expect(page.getByRole('progressbar', { name: `Progress of job ${id}` }).getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(page.locator('#job').innerText()).resolves.toContain('"to": 40');
    await expect.poll(() => page.getByRole('list', { name: 'Log lines' }).innerText(), { timeout: 15_000 }).toContain('step 39');
    expect(await page.evaluate(() => (globalThis as { longhaulTestMarker?: string }).longhaulTestMarker)).toBe('same page');
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-job.png'), fullPage: true });

    // A deep link works too (the server answers index.html for client routes).
    const deep = await browser.newPage();
    try {
      await deep.goto(`${origin}/dashboard/jobs/${id}`);
      await deep.getByRole('textbox', { name: 'API key' }).fill(TEST_KEYS.tenantA);
      await deep.getByRole('button', { name: 'Use key' }).click();
      await expect.poll(() => deep.getByRole('list', { name: 'Event timeline' }).innerText(), { timeout: 20_000 }).toContain('SUCCEEDED');
    } finally {
      await deep.close();
    }

    expect(network.external()).toEqual([]);
    expect(network.errors).toEqual([]);
  });

  it('should list workers with their heartbeats in the monitoring view, refreshed by events rather than a timer', async () => {
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard/monitoring');
    const workers = page.locator('#workers tr[data-worker-id]');
    // A panel whose field errors shows the GraphQL error instead (kept in the screenshot when this fails).
    await expect
      .poll(async () => ((await workers.count()) > 0 ? 'listed' : ((await page.locator('#workers .error-notice').allInnerTexts())[0] ?? 'waiting')), { timeout: 30_000 })
      .toBe('listed')
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-monitoring.png'), fullPage: true });
        throw error;
      });
    await expect(workers.first().innerText()).resolves.toMatch(/ALIVE/);
    await page.locator('#queue-stats canvas').first().waitFor({ timeout: 30_000 });

    // Nothing is asked over HTTP while nothing happens.
    const postsBefore = traffic.posts.length;
    await page.waitForTimeout(4000);
    expect(traffic.posts.slice(postsBefore)).toEqual([]);

    // A job moving is an event: statistics and workers are queried again (throttled).
    await gqlData(app.url, TEST_KEYS.tenantA, 'mutation { createJob(input: { type: "demo.count", input: { to: 5 } }) { id } }');
    await expect.poll(() => traffic.posts.slice(postsBefore).some((post) => post.body.includes('DashboardQueueStats')), { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-monitoring.png'), fullPage: true });
    expect(network.external()).toEqual([]);
  });

  it('should show a debug-queue job live, its collapsible stack, FORBIDDEN for a tenant key, and let an operator discard it', async () => {
    // The page is on the monitoring view with tenant A's key; the job enters the debug queue after the page loaded.
    const { createJob } = await gqlData(app.url, TEST_KEYS.tenantA, 'mutation { createJob(input: { type: "demo.flaky", input: { failures: 5 }, maxAttempts: 1 }) { id } }');
    const id = createJob.id as string;
    const row = page.locator('#debug-queue tr', { hasText: id.slice(-8) });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect(row.innerText()).resolves.toContain('JOB_FAILED: planned failure 1 of 5');

    await row.getByRole('button', { name: 'Requeue' }).click();
    await expect.poll(() => row.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/^FORBIDDEN /);

    // The job page: the failed attempt; its stack is for operators only.
    await row.getByRole('link').click();
    const failure = page.locator('#errors details').first();
    await expect.poll(() => failure.locator('summary').innerText(), { timeout: 15_000 }).toMatch(/attempt 1 .* JOB_FAILED planned failure 1 of 5/);
    await failure.locator('summary').click();
    await expect(failure.locator('pre.stack').innerText()).resolves.not.toMatch(/\n\s+at /);

    // With an operator key the stack shows, folded until clicked.
    await page.getByRole('textbox', { name: 'API key' }).fill(TEST_KEYS.operator);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.goto(`${origin}/dashboard/jobs/${id}`);
    const operatorFailure = page.locator('#errors details').first();
    await expect.poll(() => operatorFailure.locator('summary').innerText(), { timeout: 15_000 }).toMatch(/attempt 1 .* JOB_FAILED planned failure 1 of 5/);
    await expect(operatorFailure.locator('pre.stack').isVisible()).resolves.toBe(false);
    await operatorFailure.locator('summary').click();
    await expect(operatorFailure.locator('pre.stack').innerText()).resolves.toMatch(/planned failure 1 of 5\n\s+at /);

    // The operator discards it with a reason; monitoring events take it off the list.
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await row.getByRole('textbox', { name: `Reason to discard job ${id}` }).fill('seen in the dashboard test');
    await row.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    const { job } = await gqlData(app.url, TEST_KEYS.tenantA, 'query($id: ID!) { job(id: $id) { state debugActions { kind reason } } }', { id });
    expect(job).toMatchObject({ state: 'FAILED', debugActions: [{ kind: 'ENTERED' }, { kind: 'DISCARDED', reason: 'seen in the dashboard test' }] });
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-debug-queue.png'), fullPage: true });
    expect(network.external()).toEqual([]);
  });

  it('should cancel a running job from its page and retry it, the timeline following both without a reload', async () => {
    await page.getByRole('textbox', { name: 'API key' }).fill(TEST_KEYS.tenantA);
    await page.getByRole('button', { name: 'Use key' }).click();
    const { createJob } = await gqlData(app.url, TEST_KEYS.tenantA, 'mutation { createJob(input: { type: "demo.count", input: { to: 2000, delayMs: 50 } }) { id } }');
    const id = createJob.id as string;
    await page.goto(`${origin}/dashboard/jobs/${id}`);
    const timeline = page.getByRole('list', { name: 'Event timeline' });
    await expect.poll(() => timeline.innerText(), { timeout: 30_000 }).toContain('PROGRESS');
    await page.evaluate(() => Object.assign(globalThis, { longhaulTestMarker: 'job page' }));

    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => timeline.innerText(), { timeout: 30_000 }).toContain('CANCELLED');
    await expect.poll(() => page.locator('#job .badge').first().innerText(), { timeout: 15_000 }).toBe('CANCELLED');

    await page.getByRole('button', { name: 'Retry' }).click();
    // The stream had ended with CANCELLED; the page follows the job again from where it stopped.
    await expect.poll(async () => (await timeline.innerText()).replace(/\s+/g, ' '), { timeout: 30_000 }).toMatch(/CANCELLED.*(REQUEUED|STARTED).*PROGRESS/);
    await expect.poll(() => page.locator('#job .badge').first().innerText(), { timeout: 30_000 }).toBe('RUNNING');
    expect(await page.evaluate(() => (globalThis as { longhaulTestMarker?: string }).longhaulTestMarker)).toBe('job page');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('#job .badge').first().innerText(), { timeout: 30_000 }).toBe('CANCELLED');
    expect(network.external()).toEqual([]);
  });
});
