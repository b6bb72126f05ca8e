import { Counter, type Registry } from 'prom-client';
import { DURATION_BUCKETS_SECONDS } from './jobCounterLedger.ts';
import type { JobCounterDocument, JobCounterMetric } from './jobCounterStore.ts';

/** Reads the current cluster-wide counters (cached by the caller per scrape). */
export type JobCounterSource = () => Promise<JobCounterDocument[]>;

const COUNTERS: Record<Exclude<JobCounterMetric, 'duration'>, { name: string; help: string; labels: ('type' | 'outcome')[] }> = {
  created: { name: 'longhaul_jobs_created_total', help: 'Jobs created, deployment-wide (from the database).', labels: ['type'] },
  attempts: { name: 'longhaul_job_attempts_total', help: 'Attempts started (every run of a job, first ones and retries), deployment-wide (from the database).', labels: ['type'] },
  retries: { name: 'longhaul_job_retries_total', help: 'Failed attempts scheduled for a retry, deployment-wide (from the database).', labels: ['type'] },
  finished: {
    name: 'longhaul_jobs_finished_total',
    help: 'Jobs that reached an end state (outcome succeeded, failed, debug or cancelled), deployment-wide (from the database).',
    labels: ['type', 'outcome'],
  },
};

const DURATION = 'longhaul_job_duration_seconds';

/**
 * Registers the job counters and the duration histogram of the whole deployment, read from the `jobCounters`
 * collection that every event-producing process adds to ({@link import('./jobCounterLedger.ts').JobCounterLedger}).
 * Every API process serves the same totals: aggregate several scrapes with `max`, not `sum`.
 */
export function registerJobCounterMetrics(registry: Registry, source: JobCounterSource): void {
  for (const [metric, spec] of Object.entries(COUNTERS) as [keyof typeof COUNTERS, (typeof COUNTERS)[keyof typeof COUNTERS]][]) {
    const counter: Counter<string> = new Counter({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labels,
      registers: [registry],
      collect: async () => {
        const docs = (await source()).filter((d) => d.metric === metric);
        counter.reset();
        for (const d of docs) counter.inc(spec.labels.length === 2 ? { type: d.type, outcome: d.outcome } : { type: d.type }, d.value);
      },
    });
  }
  // prom-client's Histogram can only observe; this one is set from stored bucket counts.
  const help = 'Time from a job first starting to its end (all attempts), by type and outcome (succeeded, failed, debug), deployment-wide (from the database).';
  registry.registerMetric({
    name: DURATION,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: async () => {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const d of (await source()).filter((doc) => doc.metric === 'duration')) {
        const labels = { type: d.type, outcome: d.outcome };
        let cumulative = 0;
        DURATION_BUCKETS_SECONDS.forEach((le, i) => {
          cumulative += d[`b${i}`] ?? 0;
          values.push({ metricName: `${DURATION}_bucket`, labels: { ...labels, le }, value: cumulative });
        });
        values.push({ metricName: `${DURATION}_bucket`, labels: { ...labels, le: '+Inf' }, value: d.value });
        values.push({ metricName: `${DURATION}_sum`, labels, value: d.sum ?? 0 });
        values.push({ metricName: `${DURATION}_count`, labels, value: d.value });
      }
      return { name: DURATION, help, type: 'histogram', aggregator: 'sum', values };
    },
    reset: () => undefined,
  } as unknown as Parameters<Registry['registerMetric']>[0]);
}
