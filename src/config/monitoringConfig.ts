import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Who may read `/metrics`: `key` (an operator API key as `Authorization: Bearer`), `open` (anyone who reaches the port), `off` (404). */
export type MetricsAccess = 'key' | 'open' | 'off';

/** Payload format of an alert webhook. */
export type WebhookFormat = 'slack' | 'json';

/** One alert receiver. */
export interface WebhookConfig {
  format: WebhookFormat;
  url: string;
}

/** Thresholds and switches of the alert rules; a rule whose threshold is `null` is off. */
export interface AlertRulesConfig {
  /** One incident per open zombie record (default on). */
  zombie: boolean;
  /** One incident per job in the debug queue (default on). */
  debugQueue: boolean;
  /** Fires when failed / finished over the window exceeds this share, 0..1 (default off). */
  failureRate: number | null;
  /** Window of the failure-rate rule in minutes (default 15). */
  failureWindowMinutes: number;
  /** Finished jobs the window needs before the failure rate counts (default 1). */
  failureMinFinished: number;
  /** Fires when the oldest due QUEUED job waited longer than this, in seconds (default off). */
  queueAgeSeconds: number | null;
  /** Fires when no worker heartbeated within this many seconds (default off). */
  noWorkerSeconds: number | null;
  /** `MISSED_BACKUP`: an org with a backup policy has no successful backup within this many times its schedule's period (`LONGHAUL_ALERT_MISSED_BACKUP_FACTOR`, default 1.5; `off`). */
  missedBackupFactor: number | null;
}

/** Monitoring settings: metrics access, alert rules, receivers and timings. */
export interface MonitoringConfig {
  /** `LONGHAUL_METRICS` (`key`, `open` or `off`; default `key`). */
  metrics: MetricsAccess;
  /** How long `/metrics` reuses the counts it read from the database (`LONGHAUL_METRICS_CACHE_MS`, default 5000). */
  metricsCacheMs: number;
  /** How often each process adds the job counts it produced to the deployment-wide `jobCounters` (`LONGHAUL_METRICS_FLUSH_MS`, default 1000). */
  metricsFlushMs: number;
  /** Alert rules (`LONGHAUL_ALERTS_FILE`'s `rules`, then `LONGHAUL_ALERT_*` variables, which win). */
  rules: AlertRulesConfig;
  /** Receivers (`LONGHAUL_ALERTS_FILE`'s `webhooks` plus `LONGHAUL_ALERT_WEBHOOKS`: `slack:<url>,json:<url>`). */
  webhooks: WebhookConfig[];
  /** Interval of the alert evaluator (`LONGHAUL_ALERT_INTERVAL_MS`, default 15000; relevant bus events also trigger it). */
  evaluateEveryMs: number;
  /** Tries of one webhook delivery before it is given up (`LONGHAUL_ALERT_DELIVERY_TRIES`, default 12). */
  deliveryTries: number;
  /** First delay between tries, doubling up to 5 minutes (`LONGHAUL_ALERT_DELIVERY_BACKOFF_MS`, default 1000). */
  deliveryBackoffMs: number;
  /** Longest wait for a receiver's answer (`LONGHAUL_ALERT_DELIVERY_TIMEOUT_MS`, default 10000). */
  deliveryTimeoutMs: number;
}

const WebhookSchema = z.object({ format: z.enum(['slack', 'json']), url: z.url({ protocol: /^https?$/ }) }).strict();

/** Shape of `LONGHAUL_ALERTS_FILE` (JSON). */
const AlertsFileSchema = z
  .object({
    rules: z
      .object({
        zombie: z.boolean().optional(),
        debugQueue: z.boolean().optional(),
        failureRate: z.number().gt(0).max(1).nullable().optional(),
        failureWindowMinutes: z.number().int().min(1).max(1440).optional(),
        failureMinFinished: z.number().int().min(1).optional(),
        queueAgeSeconds: z.number().gt(0).nullable().optional(),
        noWorkerSeconds: z.number().gt(0).nullable().optional(),
        missedBackupFactor: z.number().gt(1).nullable().optional(),
      })
      .strict()
      .optional(),
    webhooks: z.array(WebhookSchema).optional(),
  })
  .strict();

const onOff = z.enum(['on', 'off']).optional();
const positive = z.coerce.number().gt(0).optional();
const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

const EnvSchema = z.object({
  LONGHAUL_METRICS: z.enum(['key', 'open', 'off']).default('key'),
  LONGHAUL_METRICS_CACHE_MS: int(5000, 0),
  LONGHAUL_METRICS_FLUSH_MS: int(1000, 10),
  LONGHAUL_ALERTS_FILE: z.string().min(1).optional(),
  LONGHAUL_ALERT_WEBHOOKS: z.string().optional(),
  LONGHAUL_ALERT_ZOMBIE: onOff,
  LONGHAUL_ALERT_DEBUG_QUEUE: onOff,
  LONGHAUL_ALERT_FAILURE_RATE: z.coerce.number().gt(0).max(1).optional(),
  LONGHAUL_ALERT_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).optional(),
  LONGHAUL_ALERT_FAILURE_MIN_FINISHED: z.coerce.number().int().min(1).optional(),
  LONGHAUL_ALERT_QUEUE_AGE_SECONDS: positive,
  LONGHAUL_ALERT_NO_WORKER_SECONDS: positive,
  LONGHAUL_ALERT_MISSED_BACKUP_FACTOR: z.union([z.literal('off'), z.coerce.number().gt(1)]).optional(),
  LONGHAUL_ALERT_INTERVAL_MS: int(15_000, 50),
  LONGHAUL_ALERT_DELIVERY_TRIES: int(12, 1),
  LONGHAUL_ALERT_DELIVERY_BACKOFF_MS: int(1000, 10),
  LONGHAUL_ALERT_DELIVERY_TIMEOUT_MS: int(10_000, 100),
});

/**
 * Reads the monitoring settings from the environment (and `LONGHAUL_ALERTS_FILE`); throws an `Error` naming
 * every bad setting. Webhook URLs never appear in messages (they often carry a secret in their path).
 */
export function parseMonitoringConfig(env: NodeJS.ProcessEnv): MonitoringConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  let file: z.output<typeof AlertsFileSchema> = {};
  if (e.LONGHAUL_ALERTS_FILE !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(e.LONGHAUL_ALERTS_FILE, 'utf8'));
    } catch (error) {
      throw new Error(`LONGHAUL_ALERTS_FILE: cannot read it as JSON (${(error as Error).message})`, { cause: error });
    }
    const checked = AlertsFileSchema.safeParse(raw);
    if (!checked.success) throw new Error(`LONGHAUL_ALERTS_FILE: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    file = checked.data;
  }
  const fileRules = file.rules ?? {};
  const webhooks = [...(file.webhooks ?? []), ...parseWebhookList(e.LONGHAUL_ALERT_WEBHOOKS ?? '')];
  return {
    metrics: e.LONGHAUL_METRICS,
    metricsCacheMs: e.LONGHAUL_METRICS_CACHE_MS,
    metricsFlushMs: e.LONGHAUL_METRICS_FLUSH_MS,
    rules: {
      zombie: e.LONGHAUL_ALERT_ZOMBIE === undefined ? (fileRules.zombie ?? true) : e.LONGHAUL_ALERT_ZOMBIE === 'on',
      debugQueue: e.LONGHAUL_ALERT_DEBUG_QUEUE === undefined ? (fileRules.debugQueue ?? true) : e.LONGHAUL_ALERT_DEBUG_QUEUE === 'on',
      failureRate: e.LONGHAUL_ALERT_FAILURE_RATE ?? fileRules.failureRate ?? null,
      failureWindowMinutes: e.LONGHAUL_ALERT_FAILURE_WINDOW_MINUTES ?? fileRules.failureWindowMinutes ?? 15,
      failureMinFinished: e.LONGHAUL_ALERT_FAILURE_MIN_FINISHED ?? fileRules.failureMinFinished ?? 1,
      queueAgeSeconds: e.LONGHAUL_ALERT_QUEUE_AGE_SECONDS ?? fileRules.queueAgeSeconds ?? null,
      noWorkerSeconds: e.LONGHAUL_ALERT_NO_WORKER_SECONDS ?? fileRules.noWorkerSeconds ?? null,
      missedBackupFactor: e.LONGHAUL_ALERT_MISSED_BACKUP_FACTOR === 'off' ? null : (e.LONGHAUL_ALERT_MISSED_BACKUP_FACTOR ?? (fileRules.missedBackupFactor === undefined ? 1.5 : fileRules.missedBackupFactor)),
    },
    webhooks,
    evaluateEveryMs: e.LONGHAUL_ALERT_INTERVAL_MS,
    deliveryTries: e.LONGHAUL_ALERT_DELIVERY_TRIES,
    deliveryBackoffMs: e.LONGHAUL_ALERT_DELIVERY_BACKOFF_MS,
    deliveryTimeoutMs: e.LONGHAUL_ALERT_DELIVERY_TIMEOUT_MS,
  };
}

/** Parses `slack:<url>,json:<url>`; the URL is everything after the first colon. */
function parseWebhookList(spec: string): WebhookConfig[] {
  const hooks: WebhookConfig[] = [];
  for (const [index, raw] of spec.split(',').entries()) {
    const entry = raw.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const format = entry.slice(0, colon);
    const checked = WebhookSchema.safeParse({ format, url: entry.slice(colon + 1) });
    if (colon <= 0 || !checked.success) throw new Error(`LONGHAUL_ALERT_WEBHOOKS: entry ${index + 1} must be slack:<http(s) url> or json:<http(s) url>`);
    hooks.push(checked.data);
  }
  return hooks;
}
