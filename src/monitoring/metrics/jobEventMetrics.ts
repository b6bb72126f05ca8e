import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Bus } from '../../bus/bus.ts';
import type { BusEvent } from '../../bus/busEvent.ts';
import { JOB_TOPIC, jobEventFromBus } from '../../engine/jobEvent.ts';

/** Buckets of job durations in seconds: from a tenth of a second to a day (long jobs are the point). */
export const DURATION_BUCKETS_SECONDS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];

/**
 * Metrics counted from the bus in this process: every job event of every worker passes through the
 * process's one bus reader, so one listener counts attempts, retries and finishes and times each job
 * (`finishedAt - startedAt`, all attempts together). Counters start at zero when the process starts.
 */
export class JobEventMetrics {
  private readonly attempts: Counter<'type'>;
  private readonly retries: Counter<'type'>;
  private readonly created: Counter<'type'>;
  private readonly finished: Counter<'type' | 'outcome'>;
  private readonly durations: Histogram<'type' | 'outcome'>;
  private readonly busLag: Gauge;
  private readonly busLastEventAge: Gauge;
  private lastEventAt: number | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly bus: Bus,
    registry: Registry,
  ) {
    const registers = [registry];
    this.attempts = new Counter({ name: 'longhaul_job_attempts_total', help: 'Attempts started (every run of a job, first ones and retries).', labelNames: ['type'], registers });
    this.retries = new Counter({ name: 'longhaul_job_retries_total', help: 'Failed attempts scheduled for a retry.', labelNames: ['type'], registers });
    this.created = new Counter({ name: 'longhaul_jobs_created_total', help: 'Jobs created.', labelNames: ['type'], registers });
    this.finished = new Counter({
      name: 'longhaul_jobs_finished_total',
      help: 'Jobs that reached an end state: outcome succeeded, failed, debug (moved to the debug queue) or cancelled.',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.durations = new Histogram({
      name: 'longhaul_job_duration_seconds',
      help: 'Time from a job first starting to its end (all attempts), by type and outcome (succeeded, failed, debug).',
      labelNames: ['type', 'outcome'],
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    });
    this.busLag = new Gauge({ name: 'longhaul_bus_lag_seconds', help: 'Time from publishing to delivery in this process, of the last bus event delivered.', registers });
    this.busLastEventAge = new Gauge({
      name: 'longhaul_bus_last_event_age_seconds',
      help: 'Time since the last bus event delivered to this process was published (grows while the bus is idle).',
      registers,
      collect: () => {
        if (this.lastEventAt !== undefined) this.busLastEventAge.set((Date.now() - this.lastEventAt) / 1000);
      },
    });
  }

  /** Starts counting live bus events. */
  start(): void {
    this.unsubscribe ??= this.bus.subscribe((event) => this.observe(event));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private observe(raw: BusEvent): void {
    const at = new Date(raw.at).getTime();
    this.lastEventAt = at;
    this.busLag.set(Math.max(0, (Date.now() - at) / 1000));
    if (raw.topic !== JOB_TOPIC) return;
    const { kind, job } = jobEventFromBus(raw);
    const type = job.type;
    switch (kind) {
      case 'CREATED':
        this.created.inc({ type });
        return;
      case 'STARTED':
        this.attempts.inc({ type });
        return;
      case 'RETRYING':
        this.retries.inc({ type });
        return;
      case 'SUCCEEDED':
      case 'FAILED':
      case 'DEBUG':
      case 'CANCELLED': {
        const outcome = kind.toLowerCase();
        this.finished.inc({ type, outcome });
        if (kind !== 'CANCELLED' && job.startedAt !== null && job.finishedAt !== null) {
          this.durations.observe({ type, outcome }, Math.max(0, (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000));
        }
        return;
      }
      case 'SNAPSHOT':
      case 'PROGRESS':
      case 'CHECKPOINT':
      case 'REQUEUED':
        return;
      default: {
        const exhaustive: never = kind;
        return exhaustive;
      }
    }
  }
}
