import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, recordNetwork, TEST_OUTPUT_DIR, type NetworkLog } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { sandboxRecords } from '../support/backupHarness.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import { formatDuration } from '../../web/dashboard/components/formatTime.ts';
import type { OrgHandle } from '../../src/sandbox/index.ts';

const OBJECTS = ['Account', 'Contact'];
const POLICY = { objects: OBJECTS, at: '03:30', timezone: 'Europe/Berlin', fullEvery: 3, retention: { daily: 4, weekly: 2, monthly: 0, keepDays: 1 } };
const BACKUPS = 'query($orgId: ID!) { backups(orgId: $orgId) { id mode status records durationMs keptBy expiresAt changes { object previousBackupId previousRecords created updated deleted } } }';
const POLICY_SCHEDULE = 'query { schedules(filter: { owned: true }, first: 100) { nodes { id name owner enabled nextRunAt nextRuns(count: 5) } } }';

interface Changes {
  object: string;
  previousBackupId: string;
  previousRecords: number;
  created: number;
  updated: number;
  deleted: number;
}

/** Enters `key` in the key bar (the page is already on the route to show). */
async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByRole('textbox', { name: 'API key' }).fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
}

describe.skipIf(!hasChromium)('dashboard org page and schedules list in headless Chromium (real server and sandbox org)', () => {
  let stack: SalesforceStack;
  let org: OrgHandle;
  let orgId: string;
  let bareOrgId: string;
  let browser: Browser;
  let page: Page;
  let network: NetworkLog;
  let origin: string;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'dashorgs', role: 'all' });
    origin = new URL(stack.api.url).origin;
    org = stack.addOrg({ size: { Account: 40, Contact: 30 }, seed: 21 });
    orgId = await stack.connect(org);
    // A second org with no policy and no backups: its page must show that, and nothing broken.
    bareOrgId = await stack.connect(stack.addOrg({ size: { Account: 5, Contact: 5 }, seed: 22 }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    network = recordNetwork(page);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('should show an org\'s policy, its next runs, its backups with counts, retention and change bars, and its mass-deletion alert, as the API answers them', async () => {
    await gqlData(stack.api.url, stack.key, 'mutation($orgId: ID!, $policy: BackupPolicyInput!) { setBackupPolicy(orgId: $orgId, policy: $policy) { orgId } }', { orgId, policy: POLICY });
    const first = await stack.backupAndWait(orgId, OBJECTS);
    // Between the two backups: 10 of 30 Contacts deleted (a mass deletion under the default 5% rule), 4 others
    // renamed, 2 inserted; 3 Accounts renamed.
    const contacts = sandboxRecords(org, 'Contact');
    const deleted = org.mutate({ object: 'Contact', deletes: contacts.slice(0, 10).map((r) => String(r.Id)), insert: 2 });
    expect(deleted.errors).toEqual([]);
    const renamed = org.mutate({ object: 'Contact', updates: contacts.slice(20, 24).map((r) => ({ Id: String(r.Id), LastName: `Renamed ${String(r.Id)}` })) });
    expect(renamed.errors).toEqual([]);
    const accounts = org.mutate({ object: 'Account', updates: sandboxRecords(org, 'Account').slice(0, 3).map((r) => ({ Id: String(r.Id), Name: `Renamed ${String(r.Id)}` })) });
    expect(accounts.errors).toEqual([]);
    const second = await stack.backupAndWait(orgId, OBJECTS);

    // What the API says, which the page must show exactly.
    const { backups } = await gqlData(stack.api.url, stack.key, BACKUPS, { orgId });
    expect(backups.map((b: { id: string }) => b.id)).toEqual([second, first]);
    const latest = backups[0];
    expect(latest).toMatchObject({ mode: 'FULL', status: 'SUCCEEDED', records: 40 + 22 });
    expect(latest.changes as Changes[]).toEqual([
      { object: 'Account', previousBackupId: first, previousRecords: 40, created: 0, updated: 3, deleted: 0 },
      { object: 'Contact', previousBackupId: first, previousRecords: 30, created: 2, updated: 4, deleted: 10 },
    ]);
    // keepDays keeps the first backup (DAILY keeps the day's newest only), until a day after it was made.
    expect(latest.keptBy).toContain('KEEP_DAYS');
    expect(backups[1]).toMatchObject({ keptBy: ['KEEP_DAYS'], expiresAt: expect.any(String) });
    const schedule = (await gqlData(stack.api.url, stack.key, POLICY_SCHEDULE)).schedules.nodes.find((s: { owner: string }) => s.owner === `backupPolicy:${orgId}`);
    expect(schedule).toMatchObject({ enabled: true });
    expect(schedule.nextRuns).toHaveLength(5);
    const alert = await eventually(
      'the mass deletion alert of the Contacts',
      async () => (await gqlData(stack.api.url, stack.key, 'query { monitoring { alerts(includeResolved: true) { id kind key message resolvedAt } } }')).monitoring.alerts.find((a: { kind: string; key: string }) => a.kind === 'MASS_DELETION' && a.key === `${orgId}/Contact`),
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // The orgs list, then the org page through its link.
    await page.goto(`${origin}/dashboard/orgs`);
    await enterKey(page, stack.key);
    const orgRow = page.locator(`tr[data-org-id="${orgId}"]`);
    await orgRow.waitFor({ timeout: 30_000 });
    await expect(orgRow.innerText()).resolves.toContain(org.username);
    await expect(orgRow.locator('.badge').innerText()).resolves.toBe('CONNECTED');
    await orgRow.getByRole('link', { name: org.username }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/dashboard/orgs/${orgId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toBe(org.username);

    // The policy and the next runs of its schedule, instant for instant.
    const policy = page.locator('#policy');
    await expect.poll(() => policy.innerText(), { timeout: 30_000 }).toContain('at 03:30 Europe/Berlin');
    const policyText = await policy.innerText();
    expect(policyText).toContain('30 3 * * *');
    expect(policyText).toContain('every 3 days');
    expect(policyText).toContain('Account, Contact');
    expect(policyText).toContain('4 daily, 2 weekly, 0 monthly, and every backup of the last day');
    const nextRuns = page.getByRole('list', { name: 'Next runs' }).locator('time');
    await expect.poll(() => nextRuns.evaluateAll((times) => times.map((t) => t.getAttribute('datetime'))), { timeout: 30_000 }).toEqual(schedule.nextRuns);
    // Shown on the policy's wall clock: 03:30 in Berlin (01:30 or 02:30 UTC, the same day).
    expect(await nextRuns.allInnerTexts()).toEqual((schedule.nextRuns as string[]).map((at) => `${at.slice(0, 10)} 03:30`));

    // The backup history: newest first, kind, state, records, duration, retention, and the change bars.
    const rows = page.locator('#backups tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-backup-id'))), { timeout: 30_000 }).toEqual([second, first]);
    const row = page.locator(`tr[data-backup-id="${second}"]`);
    await expect(row.locator('[data-column="mode"]').innerText()).resolves.toBe('FULL');
    await expect(row.locator('[data-column="status"] .badge').innerText()).resolves.toBe('SUCCEEDED');
    await expect(row.locator('[data-records]').getAttribute('data-records')).resolves.toBe(String(latest.records));
    await expect(row.locator('[data-records]').innerText()).resolves.toBe('62');
    await expect(row.locator('[data-column="duration"]').innerText()).resolves.toBe(formatDuration(latest.durationMs));
    await expect(row.locator('.kept-by .chip').allInnerTexts()).resolves.toEqual(latest.keptBy);
    const contactBar = row.getByRole('img', { name: 'Contact: 2 created, 4 updated, 10 deleted of 30 records' });
    await expect(contactBar.count()).resolves.toBe(1);
    const segments = await contactBar.locator('rect[data-kind]').evaluateAll((rects) => rects.map((r) => ({ kind: r.getAttribute('data-kind'), count: Number(r.getAttribute('data-count')), width: Number(r.getAttribute('width')) })));
    // Contact has the most changes (16): it fills the 160 units, 10 per record.
    expect(segments).toEqual([
      { kind: 'created', count: 2, width: 20 },
      { kind: 'updated', count: 4, width: 40 },
      { kind: 'deleted', count: 10, width: 100 },
    ]);
    await expect(row.getByRole('img', { name: 'Account: 0 created, 3 updated, 0 deleted of 40 records' }).count()).resolves.toBe(1);
    // The first backup: kept by KEEP_DAYS until it expires, and nothing to compare with.
    const firstRow = page.locator(`tr[data-backup-id="${first}"]`);
    await expect(firstRow.locator('.kept-by .chip').allInnerTexts()).resolves.toEqual(['KEEP_DAYS']);
    await expect(firstRow.locator('[data-column="retention"] time').getAttribute('datetime')).resolves.toBe(backups[1].expiresAt);
    await expect(firstRow.locator('[data-column="changes"]').innerText()).resolves.toBe('nothing to compare with');

    // The org's data-change alert.
    const alertItem = page.locator(`#org-alerts li[data-alert-id="${alert.id}"]`);
    await expect.poll(() => alertItem.count(), { timeout: 30_000 }).toBe(1);
    await expect(alertItem.innerText()).resolves.toContain(alert.message);
    await expect(alertItem.locator('.badge').first().innerText()).resolves.toBe('MASS_DELETION');
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-org.png'), fullPage: true });

    // An org without a policy or backups: said so, and no panel shows an error.
    await page.goto(`${origin}/dashboard/orgs/${bareOrgId}`);
    await expect.poll(() => page.locator('#policy').innerText(), { timeout: 30_000 }).toContain('No backup policy');
    await expect.poll(() => page.locator('#backups').innerText(), { timeout: 30_000 }).toContain('No backups of this org yet.');
    await expect.poll(() => page.locator('#org-alerts').innerText(), { timeout: 30_000 }).toContain('No data-change alerts for this org.');
    await expect(page.locator('.error-notice').count()).resolves.toBe(0);

    expect(network.external()).toEqual([]);
    expect(network.errors).toEqual([]);
  }, 300_000);

  it('should pause and resume a schedule from the schedules list, the row and the API following each click', async () => {
    const { schedules } = await gqlData(stack.api.url, stack.key, POLICY_SCHEDULE);
    const schedule = schedules.nodes.find((s: { owner: string }) => s.owner === `backupPolicy:${orgId}`);
    const enabledOf = async () => (await gqlData(stack.api.url, stack.key, 'query($id: ID!) { schedule(id: $id) { enabled nextRunAt } }', { id: schedule.id })).schedule;

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Schedules' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard/schedules');
    const row = page.locator(`tr[data-schedule-id="${schedule.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain('salesforce.policyBackup');
    await expect(row.innerText()).resolves.toContain('cron 30 3 * * *');
    await expect(row.innerText()).resolves.toContain('Europe/Berlin');
    await expect(row.locator('[data-column="state"]').innerText()).resolves.toBe('ENABLED');
    await expect(row.locator('[data-column="next-run"] time').getAttribute('datetime')).resolves.toBe(schedule.nextRunAt);
    // On the schedule's wall clock, like its cron: 03:30 in Berlin.
    await expect(row.locator('[data-column="next-run"]').innerText()).resolves.toBe(`${(schedule.nextRunAt as string).slice(0, 10)} 03:30`);

    await row.getByRole('button', { name: `Pause schedule ${schedule.name}` }).click();
    await expect.poll(() => row.locator('[data-column="state"]').innerText(), { timeout: 15_000 }).toBe('PAUSED');
    expect(await enabledOf()).toEqual({ enabled: false, nextRunAt: null });
    await expect(row.locator('[data-column="next-run"]').innerText()).resolves.toBe('—');

    await row.getByRole('button', { name: `Resume schedule ${schedule.name}` }).click();
    await expect.poll(() => row.locator('[data-column="state"]').innerText(), { timeout: 15_000 }).toBe('ENABLED');
    const resumed = await enabledOf();
    expect(resumed.enabled).toBe(true);
    expect(resumed.nextRunAt).toBe(schedule.nextRunAt);
    await expect.poll(() => row.locator('[data-column="next-run"] time').getAttribute('datetime'), { timeout: 15_000 }).toBe(resumed.nextRunAt);
    await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'dashboard-schedules.png'), fullPage: true });
    expect(network.external()).toEqual([]);
    expect(network.errors).toEqual([]);
  }, 120_000);
});
