import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, recordNetwork, TEST_OUTPUT_DIR, type NetworkLog } from '../support/browser.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

/** Text of GraphiQL's result pane (a Monaco editor; short results are fully rendered), whitespace collapsed. */
async function resultText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
}

/** Waits until the result pane matches `pattern` (an event arriving, a response), and returns its text. */
async function waitForResult(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  await expect.poll(() => resultText(page), { timeout: timeoutMs, interval: 100 }).toMatch(pattern);
  return resultText(page);
}

/** Switches to tab `index` and waits until its operation (`marker`, e.g. `subscription WatchJob`) is in the editor. */
async function openTab(page: Page, index: number, marker: string): Promise<void> {
  await page.locator('.graphiql-tab').nth(index).click();
  await expect.poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain(marker);
}

describe.skipIf(!hasChromium)('GraphiQL in headless Chromium', () => {
  let app: LonghaulProcess;
  let browser: Browser;
  let page: Page;
  let network: NetworkLog;

  beforeAll(async () => {
    app = await startLonghaul('all', uniqueDatabaseName('graphiql_browser'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    network = recordNetwork(page);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('should run createJob over HTTP and show jobProgress events over WebSocket, with no request leaving localhost', async () => {
    // The key in the fragment never reaches the server; the page moves it into its key field.
    await page.goto(`${new URL('/graphiql', app.url).href}#key=${TEST_KEYS.tenantA}`);
    await page.locator('.graphiql-container').waitFor();
    expect(page.url()).not.toContain('#key=');
    await expect(page.locator('.longhaul-keybar input[name="apiKey"]').inputValue()).resolves.toBe(TEST_KEYS.tenantA);

    // Introspection with the key: the documentation explorer knows the schema.
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer').getByText('Subscription', { exact: true }).waitFor();
    await page.locator('[aria-label="Hide Documentation Explorer"]').click();

    // First tab: CreateCountJob.
    await page.locator('.graphiql-execute-button').click();
    const created = await waitForResult(page, /"createJob"/);
    const id = /"id": "([0-9a-f]{24})"/.exec(created)?.[1];
    expect(id, created).toBeDefined();
    expect(created).toContain('"type": "demo.count"');

    // Second tab: WatchJob, with the id in its variables.
    await openTab(page, 1, 'subscription WatchJob');
    await page.locator('.graphiql-editor-tool [aria-label="Variables"], .graphiql-editor-tools button:has-text("Variables")').first().click().catch(() => undefined);
    const variables = page.locator('.graphiql-editor-tool .graphiql-editor').first();
    await variables.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ id }));
    await page.locator('.graphiql-execute-button').click();
    const progressing = await waitForResult(page, /"kind": "(SNAPSHOT|STARTED|PROGRESS)"/);
    expect(progressing).toContain('"jobProgress"');
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'graphiql-progress.png') });
    const done = await waitForResult(page, /"kind": "SUCCEEDED"/, 45_000);
    expect(done).toMatch(/"result": \{ "counted": 100 \}/);
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'graphiql.png') });

    expect(network.webSockets.some((url) => url.endsWith('/graphql'))).toBe(true);
    expect(network.requests.some((url) => url.endsWith('/graphql'))).toBe(true);
    expect(network.external()).toEqual([]);
    // Also no Content-Security-Policy refusals, failed loads or exceptions.
    expect(network.errors).toEqual([]);
  });

  it('should show UNAUTHENTICATED for HTTP and WebSocket operations until a key is entered', async () => {
    const context = await browser.newContext();
    try {
      const fresh = await context.newPage();
      const freshNetwork = recordNetwork(fresh);
      await fresh.goto(new URL('/graphiql', app.url).href);
      await fresh.locator('.graphiql-container').waitFor();
      await fresh.locator('.graphiql-execute-button').click();
      await waitForResult(fresh, /UNAUTHENTICATED/);

      await openTab(fresh, 1, 'subscription WatchJob');
      await fresh.locator('.graphiql-execute-button').click();
      await waitForResult(fresh, /WebSocket closed \(4401\)/);

      await fresh.locator('.longhaul-keybar input[name="apiKey"]').fill(TEST_KEYS.tenantB);
      await fresh.locator('.longhaul-keybar button[type="submit"]').click();
      await openTab(fresh, 3, 'query JobTypes');
      await fresh.locator('.graphiql-execute-button').click();
      // Monaco renders only the visible lines: the first type (alphabetically a demo one) is what is sure to be there.
      await waitForResult(fresh, /"jobTypes": \[ \{ "name": "demo\.[a-z]+"/);

      // The monitoring example tab runs with the tenant key (zombies and debug queue of its own jobs).
      await openTab(fresh, 4, 'query ZombiesAndDebugQueue');
      await fresh.locator('.graphiql-execute-button').click();
      await waitForResult(fresh, /"monitoring": \{ "zombies": \[/);
      await openTab(fresh, 5, 'mutation ConnectSandbox');
      expect(freshNetwork.external()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
