import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName, withTestDatabase, type TestDatabase } from '../support/database.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMonitoringConfig } from '../../src/config/monitoringConfig.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { Bus } from '../../src/bus/bus.ts';
import { JOB_TOPIC } from '../../src/engine/jobEvent.ts';
import { AlertDeliverer } from '../../src/monitoring/alerts/alertDeliverer.ts';
import { AlertEvaluator } from '../../src/monitoring/alerts/alertEvaluator.ts';
import type { AlertRule } from '../../src/monitoring/alerts/alertRule.ts';
import { AlertIncidentStore } from '../../src/monitoring/alerts/alertIncidentStore.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';
import type { AlertNotice } from '../../src/monitoring/alerts/alertNotice.ts';
import type { SendOutcome, WebhookSender } from '../../src/monitoring/alerts/webhookSender.ts';
import { webhookTarget, type WebhookTarget } from '../../src/monitoring/alerts/webhookTarget.ts';
import { gqlData, wsClient } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhookReceiver.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';
import { busListeners, waitForBusListeners } from '../support/busListeners.ts';

const CREATE = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id state } }';
const GET = 'query($id: ID!) { job(id: $id) { id state } }';
const ALERTS = 'query { monitoring { alerts(includeResolved: true) { id kind rule key message firedAt resolvedAt delivered } } }';
const EVENTS = 'subscription { monitoringEvents { position kind at message job { id } alert { id kind rule key } } }';

/** Webhook paths carry a secret, as real Slack URLs do: it must never reach a log line. */
const SECRET = 's3cr3t';
const SLACK_PATH = `/slack/T000/B000/${SECRET}slack`;
const JSON_PATH = `/json/hook?token=${SECRET}json`;

/**
 * Messages a receiver accepted about one rule and key (whatever incident id they carry, so that a duplicate
 * incident fired by the second process would be counted too), per event.
 */
function messagesOf(receiver: WebhookReceiver, path: string, rule: string, key: string): { fired: ReceivedWebhook[]; resolved: ReceivedWebhook[] } {
  const slackFields = (r: ReceivedWebhook): string[] => (r.body.blocks?.[1]?.fields ?? []).map((f: { text: string }) => f.text);
  const about = (r: ReceivedWebhook) =>
    path === SLACK_PATH ? slackFields(r).includes(`*Rule:* ${rule}`) && slackFields(r).includes(`*Key:* ${key}`) : r.body.alert?.rule === rule && r.body.alert?.key === key;
  const mine = receiver.accepted(path).filter(about);
  const isFired = (r: ReceivedWebhook) => (path === SLACK_PATH ? r.body.text.includes('[FIRING]') : r.body.event === 'fired');
  return { fired: mine.filter(isFired), resolved: mine.filter((r) => !isFired(r)) };
}

/** Records every item of a subscription until stopped. */
function record(client: Client, query: string): { items: any[]; errors: unknown[]; stop(): void; waitFor(p: (items: any[]) => boolean, timeoutMs?: number): Promise<void> } {
  const items: any[] = [];
  const errors: unknown[] = [];
  const waiters: { p: (items: any[]) => boolean; resolve: () => void }[] = [];
  const stop = client.subscribe(
    { query },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) items.push(Object.values(result.data)[0]);
        for (const w of [...waiters]) {
          if (!w.p(items)) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return {
    items,
    errors,
    stop,
    waitFor: (p, timeoutMs = 60_000) =>
      p(items)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`subscription: condition not met; got ${JSON.stringify(items.map((i) => [i.kind, i.message]))}`)), timeoutMs);
            waiters.push({ p, resolve: () => (clearTimeout(timer), resolve()) });
          }),
  };
}

describe('alerts: rules, incidents and webhook delivery with two API processes', () => {
  const dbName = uniqueDatabaseName('alerts');
  let receiver: WebhookReceiver;
  let all: LonghaulProcess;
  let serve: LonghaulProcess;
  let mongo: MongoClient;
  const logsOf = () => [...all.logs, ...serve.logs];

  const create = async (key: string, input: Record<string, unknown>) => (await gqlData(all.url, key, CREATE, { input })).createJob.id as string;
  const waitForState = async (key: string, id: string, states: string[]) => (await waitForJobState(all.url, key, id, states)).state as string;
  const alertsSeenBy = async (key: string): Promise<any[]> => (await gqlData(serve.url, key, ALERTS)).monitoring.alerts;
  /**
   * Gives both evaluators many more rounds (300 ms apart) in which a duplicate could appear. A fixed window on purpose:
   * the tests prove that no second message comes, and there is no event to await for something that must not happen.
   */
  const severalEvaluationRounds = () => new Promise((r) => setTimeout(r, 3000));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    const env = {
      LOG_LEVEL: 'info',
      LONGHAUL_ALERT_WEBHOOKS: `slack:${receiver.baseUrl}${SLACK_PATH},json:${receiver.baseUrl}${JSON_PATH}`,
      LONGHAUL_ALERT_INTERVAL_MS: '300',
      LONGHAUL_ALERT_DELIVERY_BACKOFF_MS: '200',
      LONGHAUL_ALERT_DELIVERY_TRIES: '100',
      LONGHAUL_ALERT_FAILURE_RATE: '0.5',
      LONGHAUL_ALERT_FAILURE_WINDOW_MINUTES: '60',
    };
    [all, serve] = await Promise.all([startLonghaul('all', dbName, env), startLonghaul('serve', dbName, env)]);
  });
  afterAll(async () => {
    await Promise.all([all?.stop(), serve?.stop()]);
    await receiver?.close();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should send one fired and one resolved message per incident to each receiver, Slack and JSON formats', async () => {
    const jobId = await create(TEST_KEYS.tenantA, { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
    expect(await waitForState(TEST_KEYS.tenantA, jobId, ['DEBUG'])).toBe('DEBUG');
    const incident = await eventually('the debug-queue alert of the job', async () => (await alertsSeenBy(TEST_KEYS.operator)).find((a) => a.rule === 'debug-queue' && a.key === jobId), { timeoutMs: 30_000, intervalMs: 200 });
    expect(incident).toMatchObject({ kind: 'DEBUG_QUEUE_ENTERED', rule: 'debug-queue', key: jobId, resolvedAt: null });
    await receiver.waitFor(() => messagesOf(receiver, SLACK_PATH, 'debug-queue', jobId).fired.length > 0 && messagesOf(receiver, JSON_PATH, 'debug-queue', jobId).fired.length > 0);

    const slack = messagesOf(receiver, SLACK_PATH, 'debug-queue', jobId).fired[0]!.body;
    expect(slack.text).toContain('[FIRING]');
    expect(slack.text).toContain('DEBUG_QUEUE_ENTERED');
    expect(slack.text).toContain(jobId);
    expect(slack.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(slack.blocks[1].fields.map((f: { text: string }) => f.text)).toContain('*Tenant:* tenantA');
    const json = messagesOf(receiver, JSON_PATH, 'debug-queue', jobId).fired[0]!.body;
    expect(json).toMatchObject({ event: 'fired', alert: { id: incident.id, kind: 'DEBUG_QUEUE_ENTERED', rule: 'debug-queue', key: jobId, tenantId: 'tenantA', resolvedAt: null } });
    expect(json.alert.firedAt).toBe(incident.firedAt);

    // A tenant sees its own alerts only; the failure-rate alert (whole service) is the operator's.
    expect((await alertsSeenBy(TEST_KEYS.tenantA)).map((a) => a.key)).toContain(jobId);
    expect((await alertsSeenBy(TEST_KEYS.tenantB)).map((a) => a.key)).not.toContain(jobId);
    // Finishes reach the failure rate with the worker's next counter flush (each second).
    await eventually('the failure-rate alert', async () => (await alertsSeenBy(TEST_KEYS.operator)).find((a) => a.rule === 'failure-rate'), { timeoutMs: 30_000, intervalMs: 200 });
    expect((await alertsSeenBy(TEST_KEYS.tenantA)).map((a) => a.rule)).not.toContain('failure-rate');

    // Leaving the debug queue resolves the incident.
    await gqlData(all.url, TEST_KEYS.operator, 'mutation($id: ID!) { discardDebugJob(id: $id, reason: "alert test") { state } }', { id: jobId });
    await receiver.waitFor(() => messagesOf(receiver, SLACK_PATH, 'debug-queue', jobId).resolved.length > 0 && messagesOf(receiver, JSON_PATH, 'debug-queue', jobId).resolved.length > 0);
    expect(messagesOf(receiver, SLACK_PATH, 'debug-queue', jobId).resolved[0]!.body.text).toContain('[RESOLVED]');
    expect(messagesOf(receiver, JSON_PATH, 'debug-queue', jobId).resolved[0]!.body).toMatchObject({ event: 'resolved', alert: { id: incident.id } });
    const resolvedAt = messagesOf(receiver, JSON_PATH, 'debug-queue', jobId).resolved[0]!.body.alert.resolvedAt as string;
    expect(new Date(resolvedAt).toISOString()).toBe(resolvedAt);
    expect(Date.parse(resolvedAt)).toBeGreaterThanOrEqual(Date.parse(incident.firedAt));

    await severalEvaluationRounds();
    for (const path of [SLACK_PATH, JSON_PATH]) {
      const { fired, resolved } = messagesOf(receiver, path, 'debug-queue', jobId);
      expect([fired.length, resolved.length], path).toEqual([1, 1]);
    }
    expect((await alertsSeenBy(TEST_KEYS.operator)).filter((a) => a.rule === 'debug-queue' && a.key === jobId)).toHaveLength(1);
    const failureRate = (await alertsSeenBy(TEST_KEYS.operator)).filter((a) => a.rule === 'failure-rate');
    expect(failureRate).toHaveLength(1);
    // It fired a flush after the debug-queue incident: its message may still be on its way under load.
    await receiver.waitFor(() => messagesOf(receiver, JSON_PATH, 'failure-rate', 'all').fired.length > 0);
    expect(messagesOf(receiver, JSON_PATH, 'failure-rate', 'all').fired).toHaveLength(1);
    const resolvedIncident = (await alertsSeenBy(TEST_KEYS.operator)).find((a) => a.id === incident.id);
    expect(resolvedIncident.resolvedAt).not.toBeNull();
    expect(resolvedIncident.delivered).toBe(4);
  });

  it('should retry a receiver that answers 500 or refuses connections, and deliver each message once it is up', async () => {
    const zombies = mongo.db(dbName).collection('zombies');
    const zombieId = `0000000000000000000000aa:run-${Date.now()}`;
    receiver.statusFor = (path) => (path.startsWith('/json') ? 500 : 200);
    await zombies.insertOne({ _id: zombieId as any, jobId: '0000000000000000000000aa', tenantId: 'tenantA', jobType: 'demo.count', runId: 'run', attempt: 1, reason: 'WORKER_LOST', since: new Date(), detectedAt: new Date(), workerId: 'w-gone', lastProgress: { processed: 1, total: 10, message: null }, lastLogs: [], action: null, resolvedAt: null, diagnosticIds: [] });
    const alertId = `zombie:${zombieId}:detected`;
    const failedJson = () => receiver.received.filter((r) => r.path.startsWith('/json') && r.status === 500 && r.body.alert?.key === zombieId);
    await receiver.waitFor(() => failedJson().length >= 3);
    expect(messagesOf(receiver, SLACK_PATH, 'zombie', zombieId).fired).toHaveLength(1);
    expect(messagesOf(receiver, JSON_PATH, 'zombie', zombieId).fired).toHaveLength(0);
    receiver.statusFor = () => 200;
    await receiver.waitFor(() => messagesOf(receiver, JSON_PATH, 'zombie', zombieId).fired.length > 0);
    const json = messagesOf(receiver, JSON_PATH, 'zombie', zombieId).fired[0]!.body;
    expect(json).toMatchObject({ event: 'fired', alert: { kind: 'ZOMBIE_DETECTED', rule: 'zombie', key: zombieId, tenantId: 'tenantA' } });
    expect(json.alert.message).toContain('WORKER_LOST');

    // Down: connections refused while the zombie resolves; the resolve messages arrive once it is back.
    await receiver.down();
    await zombies.updateOne({ _id: zombieId as any }, { $set: { resolvedAt: new Date(), action: 'REQUEUED' } });
    const refused = (l: Record<string, unknown>) => l.msg === 'alert delivery failed; will retry' && l.alertId === alertId && l.detail === 'ECONNREFUSED';
    await Promise.race([all.waitForLog(refused), serve.waitForLog(refused)]);
    await receiver.up();
    await receiver.waitFor(() => messagesOf(receiver, SLACK_PATH, 'zombie', zombieId).resolved.length > 0 && messagesOf(receiver, JSON_PATH, 'zombie', zombieId).resolved.length > 0);

    await severalEvaluationRounds();
    for (const path of [SLACK_PATH, JSON_PATH]) {
      const { fired, resolved } = messagesOf(receiver, path, 'zombie', zombieId);
      expect([fired.length, resolved.length], path).toEqual([1, 1]);
    }
    expect((await alertsSeenBy(TEST_KEYS.operator)).filter((a) => a.key === zombieId)).toHaveLength(1);
    const alert = (await alertsSeenBy(TEST_KEYS.operator)).find((a) => a.id === alertId);
    expect(alert).toMatchObject({ kind: 'ZOMBIE_DETECTED', delivered: 4 });
    expect(alert.resolvedAt).not.toBeNull();
  });

  it('should stream monitoring events to each tenant without the other tenant’s job-scoped ones', async () => {
    const [allListeners, serveListeners] = await Promise.all([busListeners(all.url), busListeners(serve.url)]);
    const clients = { a: wsClient(all.url, TEST_KEYS.tenantA), b: wsClient(serve.url, TEST_KEYS.tenantB), ops: wsClient(all.url, TEST_KEYS.operator) };
    const a = record(clients.a, EVENTS);
    const b = record(clients.b, EVENTS);
    const ops = record(clients.ops, EVENTS);
    try {
      // graphql-ws subscribes lazily: each subscription listens on its server's bus once it reached it.
      await Promise.all([waitForBusListeners(all.url, (n) => n >= allListeners + 2), waitForBusListeners(serve.url, (n) => n >= serveListeners + 1)]);
      const jobA = await create(TEST_KEYS.tenantA, { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
      await ops.waitFor((items) => items.some((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobA));
      await a.waitFor((items) => items.some((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobA));
      // B's own later incident: once B has it, anything of A's published before it would have arrived.
      const jobB = await create(TEST_KEYS.tenantB, { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
      await b.waitFor((items) => items.some((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobB));
      await ops.waitFor((items) => items.some((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobB));

      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      expect(JSON.stringify(b.items)).not.toContain(jobA);
      expect(JSON.stringify(a.items)).not.toContain(jobB);
      expect(a.items.find((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobA)).toMatchObject({ alert: { kind: 'DEBUG_QUEUE_ENTERED', rule: 'debug-queue' } });
      // Service-wide alerts (no tenant) go to operators only.
      for (const item of [...a.items, ...b.items]) if (item.kind.startsWith('ALERT_')) expect(item.alert).not.toBeNull();
      expect(ops.items.some((i) => i.kind === 'ALERT_FIRED' && i.alert?.key === jobA)).toBe(true);
      const positions = ops.items.map((i) => i.position);
      expect(positions).toEqual([...positions].sort());
    } finally {
      a.stop();
      b.stop();
      ops.stop();
      await Promise.all(Object.values(clients).map(async (c) => c.dispose()));
    }
  });

  it('should never log a webhook URL’s secret path or query', () => {
    const lines = logsOf().map((l) => JSON.stringify(l));
    expect(lines.some((l) => l.includes('alert delivered'))).toBe(true);
    expect(lines.filter((l) => l.includes(SECRET))).toEqual([]);
  });
});

describe('alerts: queue age and no live worker', () => {
  const dbName = uniqueDatabaseName('alerts_rules');
  let receiver: WebhookReceiver;
  let api: LonghaulProcess;
  let worker: LonghaulProcess | undefined;
  let mongo: MongoClient;
  const firedAbout = (rule: string) => receiver.accepted('/rules').filter((r) => r.body.alert.rule === rule && r.body.event === 'fired');
  const resolvedAbout = (rule: string) => receiver.accepted('/rules').filter((r) => r.body.alert.rule === rule && r.body.event === 'resolved');

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    // Only an API at first: nothing runs the queue and no worker heartbeats.
    api = await startLonghaul('serve', dbName, {
      LONGHAUL_ALERT_WEBHOOKS: `json:${receiver.baseUrl}/rules`,
      LONGHAUL_ALERT_INTERVAL_MS: '300',
      LONGHAUL_ALERT_QUEUE_AGE_SECONDS: '1',
      LONGHAUL_ALERT_NO_WORKER_SECONDS: '2',
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await receiver?.close();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should fire while the queue waits without a worker and resolve both once a worker runs it', async () => {
    const jobId = (await gqlData(api.url, TEST_KEYS.tenantA, CREATE, { input: { type: 'demo.count', input: { to: 3 } } })).createJob.id;
    await receiver.waitFor(() => firedAbout('queue-age').length > 0 && firedAbout('no-live-worker').length > 0);
    expect(firedAbout('queue-age')[0]!.body.alert).toMatchObject({ kind: 'QUEUE_AGE', key: 'all', tenantId: null, resolvedAt: null });
    expect(firedAbout('no-live-worker')[0]!.body.alert).toMatchObject({ kind: 'NO_LIVE_WORKER', key: 'all' });

    worker = await startLonghaul('work', dbName);
    await receiver.waitFor(() => resolvedAbout('queue-age').length > 0 && resolvedAbout('no-live-worker').length > 0);
    expect((await gqlData(api.url, TEST_KEYS.tenantA, GET, { id: jobId })).job.state).toBe('SUCCEEDED');
    // Once only: several evaluation rounds in which a second message could come (nothing to await for what must not happen).
    await new Promise((r) => setTimeout(r, 2000));
    expect(firedAbout('queue-age')).toHaveLength(1);
    expect(firedAbout('no-live-worker')).toHaveLength(1);
    expect(resolvedAbout('queue-age')).toHaveLength(1);
    expect(resolvedAbout('no-live-worker')).toHaveLength(1);
    const alerts = (await gqlData(api.url, TEST_KEYS.operator, ALERTS)).monitoring.alerts;
    expect(alerts.filter((a: any) => a.rule === 'queue-age').map((a: any) => a.id)).toEqual(['queue-age:all:1']);
    expect(alerts.find((a: any) => a.rule === 'no-live-worker').resolvedAt).not.toBeNull();
  });
});

/** A receiver stand-in: answers from a script of outcomes (then success), recording what it was sent. */
class ScriptedSender implements WebhookSender {
  readonly sent: { target: string; event: string; alertId: string }[] = [];
  private waiters: (() => boolean)[] = [];

  constructor(private readonly failures: Map<string, number> = new Map()) {}

  async send(target: WebhookTarget, notice: AlertNotice): Promise<SendOutcome> {
    this.sent.push({ target: target.id, event: notice.event, alertId: notice.alert._id });
    this.waiters = this.waiters.filter((settled) => !settled());
    const left = this.failures.get(target.id) ?? 0;
    if (left > 0) {
      this.failures.set(target.id, left - 1);
      return { ok: false, detail: 'HTTP 503' };
    }
    return { ok: true };
  }

  /** Resolves once `predicate` holds (checked at each send); rejects after `timeoutMs` with what was sent. */
  async until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sender: condition not met; sent ${JSON.stringify(this.sent)}`)), timeoutMs);
      this.waiters.push(() => predicate() && (clearTimeout(timer), resolve(), true));
    });
  }
}

describe('AlertDeliverer over the incident store (delivery state survives a restart)', () => {
  let database: TestDatabase;
  let store: AlertIncidentStore;
  const logger = createLogger({ level: 'silent' });
  const slack = webhookTarget({ format: 'slack', url: 'http://127.0.0.1:9/slack/secret' });
  const json = webhookTarget({ format: 'json', url: 'http://127.0.0.1:9/json?token=secret' });
  const deliverer = (sender: WebhookSender, tries = 5) => new AlertDeliverer({ store, targets: [slack, json], sender, logger, tries, backoffMs: 20 });
  const fire = (id: string) => store.fire({ _id: id, kind: 'ZOMBIE_DETECTED', rule: 'zombie', key: id, tenantId: 't', message: 'm', firedAt: new Date(), deliver: true });

  beforeAll(async () => {
    database = await withTestDatabase('alert_delivery');
    store = new AlertIncidentStore(database.db);
    await ensureIndexes(database.db, [AlertIncidentStore.collection]);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should send each message once, and nothing again from a new deliverer after a restart', async () => {
    expect(await fire('zombie:a:detected')).not.toBeNull();
    expect(await fire('zombie:a:detected')).toBeNull();
    const first = new ScriptedSender(new Map([[json.id, 2]]));
    const one = deliverer(first);
    one.kick();
    await first.until(() => first.sent.filter((s) => s.target === json.id).length === 3);
    await store.resolve('zombie:a:detected', new Date(), true);
    one.kick();
    await first.until(() => first.sent.filter((s) => s.event === 'resolved').length === 2);
    await one.stop();
    expect(first.sent.filter((s) => s.target === slack.id).map((s) => s.event)).toEqual(['fired', 'resolved']);
    expect(first.sent.filter((s) => s.target === json.id).map((s) => s.event)).toEqual(['fired', 'fired', 'fired', 'resolved']);
    const record = await database.db.collection('alerts').findOne({ _id: 'zombie:a:detected' as any });
    expect(record).toMatchObject({ delivered: 4, pendingDelivery: false, [`tries_${json.id}_fired`]: 2, [`delivery_${json.id}_resolved`]: 'done' });

    const second = new ScriptedSender();
    const restarted = deliverer(second);
    restarted.kick();
    // A pass that must send nothing: no event to await for it, so a fixed window lets it run.
    await new Promise((r) => setTimeout(r, 500));
    await restarted.stop();
    expect(second.sent).toEqual([]);
  });

  it('should not number a second incident when another process fires the first between reading open incidents and their history', async () => {
    const rule: AlertRule = { name: 'race', kind: 'FAILURE_RATE', active: async () => [{ key: 'all', tenantId: null, message: 'over the threshold' }] };
    // The other process's insert lands right after this one read the open incidents.
    const racing = Object.create(store) as AlertIncidentStore;
    racing.open = async (name: string) => {
      const open = await store.open(name);
      await store.fire({ _id: 'race:all:1', kind: 'FAILURE_RATE', rule: 'race', key: 'all', tenantId: null, message: 'other process', firedAt: new Date(), deliver: false });
      return open;
    };
    const bus = { subscribe: () => () => undefined, publish: async () => [] } as unknown as Bus;
    const evaluator = new AlertEvaluator({ rules: [rule], store: racing, bus, logger, everyMs: 60_000, deliver: false, onChange: () => undefined });
    evaluator.start();
    await evaluator.stop();
    expect((await store.history('race', 'all')).map((h) => h._id)).toEqual(['race:all:1']);
  });

  it('should wait after an evaluation in proportion to how long it took, however many job events ask for one', async () => {
    const runs: { start: number; end: number }[] = [];
    const rule: AlertRule = {
      name: 'slow',
      kind: 'FAILURE_RATE',
      active: async () => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 150));
        runs.push({ start, end: Date.now() });
        return [];
      },
    };
    let listener: ((event: unknown) => void) | undefined;
    const bus = { subscribe: (l: (event: unknown) => void) => ((listener = l), () => undefined), publish: async () => [] } as unknown as Bus;
    const share = 0.25;
    const evaluator = new AlertEvaluator({ rules: [rule], store, bus, logger, everyMs: 60_000, minGapMs: 10, maxBusyShare: share, deliver: false, onChange: () => undefined });
    evaluator.start();
    // A job ends every 10 ms for 2.5 s: each end asks for an evaluation.
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      listener!({ topic: JOB_TOPIC, seq: 0, at: new Date(), payload: { kind: 'SUCCEEDED' } });
      await new Promise((r) => setTimeout(r, 10));
    }
    await evaluator.stop();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    // Without the proportional gap, an evaluation would start 10 ms after the previous one ended (about 15 in 2.5 s).
    expect(runs.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.start - runs[i - 1]!.start).toBeGreaterThanOrEqual((runs[i - 1]!.end - runs[i - 1]!.start) / share - 5);
  });

  it('should give a message up after its tries, and still send the resolve message', async () => {
    await fire('zombie:b:detected');
    const sender = new ScriptedSender(new Map([[json.id, 3]]));
    const d = deliverer(sender, 3);
    d.kick();
    await sender.until(() => sender.sent.filter((s) => s.target === json.id).length === 3);
    await store.resolve('zombie:b:detected', new Date(), true);
    d.kick();
    await sender.until(() => sender.sent.filter((s) => s.target === json.id && s.event === 'resolved').length === 1);
    await d.stop();
    const record = await database.db.collection('alerts').findOne({ _id: 'zombie:b:detected' as any });
    expect(record).toMatchObject({ [`delivery_${json.id}_fired`]: 'failed', [`delivery_${json.id}_resolved`]: 'done', [`delivery_${slack.id}_fired`]: 'done', delivered: 3, pendingDelivery: false });
  });
});

describe('alert configuration', () => {
  it('should read rules and receivers from LONGHAUL_ALERTS_FILE, the variables winning, and refuse bad entries without echoing URLs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'longhaul-alerts-')), 'alerts.json');
    writeFileSync(file, JSON.stringify({ rules: { zombie: false, failureRate: 0.25, queueAgeSeconds: 600 }, webhooks: [{ format: 'slack', url: 'https://hooks.example/T/B/x' }] }));
    const config = parseMonitoringConfig({ LONGHAUL_ALERTS_FILE: file, LONGHAUL_ALERT_FAILURE_RATE: '0.5', LONGHAUL_ALERT_WEBHOOKS: 'json:http://127.0.0.1:1/hook' });
    expect(config.rules).toEqual({ zombie: false, debugQueue: true, failureRate: 0.5, failureWindowMinutes: 15, failureMinFinished: 1, queueAgeSeconds: 600, noWorkerSeconds: null, missedBackupFactor: 1.5 });
    expect(config.webhooks).toEqual([
      { format: 'slack', url: 'https://hooks.example/T/B/x' },
      { format: 'json', url: 'http://127.0.0.1:1/hook' },
    ]);
    expect(config.metrics).toBe('key');
    expect(() => parseMonitoringConfig({ LONGHAUL_ALERT_WEBHOOKS: 'teams:https://hooks.example/very-secret' })).toThrow(/entry 1 must be slack:/);
    expect(() => parseMonitoringConfig({ LONGHAUL_ALERT_WEBHOOKS: 'teams:https://hooks.example/very-secret' })).not.toThrow(/very-secret/);
    expect(() => parseMonitoringConfig({ LONGHAUL_ALERT_FAILURE_RATE: '2' })).toThrow(/LONGHAUL_ALERT_FAILURE_RATE/);
    expect(() => parseMonitoringConfig({ LONGHAUL_METRICS: 'public' })).toThrow(/LONGHAUL_METRICS/);
    expect(webhookTarget({ format: 'slack', url: 'https://hooks.example:8443/T/B/secret?x=1' }).safeUrl).toBe('https://hooks.example:8443/…');
  });
});
