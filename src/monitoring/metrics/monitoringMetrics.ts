import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Bus } from '../../bus/bus.ts';
import type { JobState } from '../../engine/jobState.ts';
import type { AlertIncidentStore } from '../alerts/alertIncidentStore.ts';
import { ALL_JOB_STATES, type QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { TypeStateCount } from '../stats/queueStats.ts';
import { TtlCache } from '../stats/ttlCache.ts';
import { EventLoopMonitor } from '../eventLoopMonitor.ts';
import type { EventLoopDelayRecord, WorkerDocument } from '../workerDocument.ts';
import type { WorkerLiveness } from '../workerLiveness.ts';
import type { WorkerStore } from '../workerStore.ts';
import type { ZombieStore } from '../zombieStore.ts';
import { BusMetrics } from './busMetrics.ts';
import type { JobCounterDocument, JobCounterStore } from './jobCounterStore.ts';
import { registerJobCounterMetrics } from './jobCounterMetrics.ts';

/** Options of {@link MonitoringMetrics}. */
export interface MonitoringMetricsOptions {
  bus: Bus;
  stats: QueueStatsReader;
  /** Open zombies. */
  zombies: ZombieStore;
  /** Open alert incidents. */
  alerts: AlertIncidentStore;
  /** Live processes and their event-loop delay. */
  workers: WorkerStore;
  /** The deployment-wide job counters. */
  counters: JobCounterStore;
  /** How long database-backed gauges reuse what they read, in ms (default 5000). */
  cacheMs?: number;
  /** What counts as a live registered process. */
  liveness: WorkerLiveness;
  /** WebSocket connections open on this process's API (default: not reported). */
  connectedClients?: () => number;
}

/** prom-client default metrics replaced by gauges fed from {@link EventLoopMonitor}. */
const PROM_CLIENT_LOOP_LAG = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'] as const;

/** What the database-backed gauges show, read once per scrape at most. */
interface DatabaseSnapshot {
  jobs: TypeStateCount[];
  openZombies: number;
  openAlerts: number;
  liveWorkers: Pick<WorkerDocument, '_id' | 'eventLoopDelay'>[];
}

/**
 * This process's Prometheus metrics, in a registry of its own: job counts by state and type (read from the
 * database at scrape time, cached), deployment-wide job counters and durations from the `jobCounters` collection ({@link registerJobCounterMetrics}), bus lag ({@link BusMetrics}), zombies,
 * the debug queue, event-loop delay (this process's and each worker's last heartbeat), bus lag,
 * subscribers, and prom-client's default process metrics.
 */
export class MonitoringMetrics {
  readonly registry = new Registry();
  private readonly busMetrics: BusMetrics;
  private readonly snapshots: TtlCache<DatabaseSnapshot>;
  private readonly loopDelay = new EventLoopMonitor();
  /** This process's event-loop delay, sampled once per scrape before any gauge collects. */
  private scrapeLoopDelay: EventLoopDelayRecord | null = null;
  /** The deployment-wide job counters, read once per scrape (never cached: counters only move forward). */
  private scrapeCounters: JobCounterDocument[] = [];
  /** Type and state pairs reported once: they stay, at zero, when their jobs are gone. */
  private readonly seenTypeStates = new Set<string>();

  constructor(private readonly options: MonitoringMetricsOptions) {
    const { bus } = options;
    this.snapshots = new TtlCache(options.cacheMs ?? 5000);
    collectDefaultMetrics({ register: this.registry });
    // prom-client's own event-loop lag gauges print `Nan` (not a Prometheus value) when a scrape finds no sample,
    // and count its sampling interval into every sample; the same names are served below from our monitor.
    for (const name of PROM_CLIENT_LOOP_LAG) this.registry.removeSingleMetric(`nodejs_eventloop_lag_${name}_seconds`);
    this.busMetrics = new BusMetrics(bus, this.registry);
    registerJobCounterMetrics(this.registry, async () => this.scrapeCounters);
    const registers = [this.registry];

    const jobs: Gauge<string> = new Gauge({
      name: 'longhaul_jobs',
      help: 'Jobs by type and state (all tenants), read from the database at scrape time.',
      labelNames: ['type', 'state'],
      registers,
      collect: async () => {
        const snapshot = await this.snapshot();
        for (const key of this.seenTypeStates) {
          const [type, state] = JSON.parse(key) as [string, string];
          jobs.set({ type, state }, 0);
        }
        for (const row of snapshot.jobs) {
          this.seenTypeStates.add(JSON.stringify([row.type, row.state]));
          jobs.set({ type: row.type, state: row.state }, row.count);
        }
      },
    });
    const byState: Gauge<string> = new Gauge({
      name: 'longhaul_jobs_by_state',
      help: 'Jobs by state (all tenants and types), read from the database at scrape time.',
      labelNames: ['state'],
      registers,
      collect: async () => {
        const counts = this.countByState((await this.snapshot()).jobs);
        for (const [state, count] of counts) byState.set({ state }, count);
      },
    });
    const debugQueue: Gauge<string> = new Gauge({
      name: 'longhaul_debug_queue_jobs',
      help: 'Jobs in the debug queue (state DEBUG).',
      registers,
      collect: async () => debugQueue.set(this.countByState((await this.snapshot()).jobs).get('DEBUG') ?? 0),
    });
    const zombies: Gauge<string> = new Gauge({
      name: 'longhaul_zombies_open',
      help: 'Zombie records not resolved yet.',
      registers,
      collect: async () => zombies.set((await this.snapshot()).openZombies),
    });
    const alerts: Gauge<string> = new Gauge({
      name: 'longhaul_alerts_open',
      help: 'Alert incidents not resolved yet.',
      registers,
      collect: async () => alerts.set((await this.snapshot()).openAlerts),
    });
    const liveWorkers: Gauge<string> = new Gauge({
      name: 'longhaul_workers_live',
      help: 'Registered processes (workers and API processes) alive: not stopped, heartbeating within LONGHAUL_WORKER_HEARTBEAT_MS × LONGHAUL_WORKER_LOST_INTERVALS.',
      registers,
      collect: async () => liveWorkers.set((await this.snapshot()).liveWorkers.length),
    });
    const workerLoopDelay: Gauge<string> = new Gauge({
      name: 'longhaul_worker_event_loop_delay_seconds',
      help: 'Event-loop delay each live registered process (worker or API) reported with its last heartbeat (stat: mean, p50, p99, max).',
      labelNames: ['worker', 'stat'],
      registers,
      collect: async () => {
        workerLoopDelay.reset();
        for (const worker of (await this.snapshot()).liveWorkers) {
          const delay = worker.eventLoopDelay;
          if (delay === null || delay === undefined) continue;
          const stats = { mean: delay.meanMs, p50: delay.p50Ms, p99: delay.p99Ms, max: delay.maxMs };
          for (const [stat, ms] of Object.entries(stats)) if (Number.isFinite(ms)) workerLoopDelay.set({ worker: worker._id, stat }, ms / 1000);
        }
      },
    });
    const ownLoopDelay: Gauge<string> = new Gauge({
      name: 'longhaul_event_loop_delay_seconds',
      help: "This process's event-loop delay beyond the sampling interval since the previous scrape (stat: mean, p50, p99, max).",
      labelNames: ['stat'],
      registers,
      collect: () => {
        const delay = this.scrapeLoopDelay;
        if (delay === null) return;
        const stats = { mean: delay.meanMs, p50: delay.p50Ms, p99: delay.p99Ms, max: delay.maxMs };
        for (const [stat, ms] of Object.entries(stats)) ownLoopDelay.set({ stat }, ms / 1000);
      },
    });
    const loopDelayGauge = (stat: keyof EventLoopDelayRecord, name: string, help: string): void => {
      const gauge: Gauge<string> = new Gauge({
        name,
        help: `${help} event-loop delay beyond the sampling interval since the previous scrape.`,
        registers,
        collect: () => {
          if (this.scrapeLoopDelay !== null) gauge.set(this.scrapeLoopDelay[stat] / 1000);
        },
      });
    };
    loopDelayGauge('meanMs', 'nodejs_eventloop_lag_mean_seconds', 'Mean');
    loopDelayGauge('p50Ms', 'nodejs_eventloop_lag_p50_seconds', 'Median');
    loopDelayGauge('p99Ms', 'nodejs_eventloop_lag_p99_seconds', '99th percentile of the');
    loopDelayGauge('maxMs', 'nodejs_eventloop_lag_max_seconds', 'Longest');
    const subscribers: Gauge<string> = new Gauge({
      name: 'longhaul_subscribers_connected',
      help: 'GraphQL WebSocket connections open on this process.',
      registers,
      collect: () => subscribers.set(options.connectedClients?.() ?? 0),
    });
    const listeners: Gauge<string> = new Gauge({
      name: 'longhaul_bus_listeners',
      help: "Live listeners of this process's bus reader (one per active subscription, plus monitoring's own).",
      registers,
      collect: () => listeners.set(bus.listenerCount()),
    });
    const position: Gauge<string> = new Gauge({
      name: 'longhaul_bus_position',
      help: 'Position of the last bus event delivered in this process.',
      registers,
      collect: () => position.set(bus.position()),
    });
  }

  /** Starts the bus listener and the event-loop monitor. */
  start(): void {
    this.loopDelay.start();
    this.busMetrics.start();
  }

  stop(): void {
    this.busMetrics.stop();
    this.loopDelay.stop();
  }

  /** Content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<string> {
    this.scrapeLoopDelay = this.loopDelay.sample();
    this.scrapeCounters = await this.options.counters.all();
    return this.registry.metrics();
  }

  private countByState(rows: TypeStateCount[]): Map<JobState, number> {
    const counts = new Map<JobState, number>(ALL_JOB_STATES.map((s) => [s, 0]));
    for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + row.count);
    return counts;
  }

  private snapshot(): Promise<DatabaseSnapshot> {
    return this.snapshots.get('db', async () => {
      const [jobs, openZombies, openAlerts, liveWorkers] = await Promise.all([
        this.options.stats.countByTypeAndState(null),
        this.options.zombies.countOpen(),
        this.options.alerts.countOpen(),
        this.options.workers.aliveEventLoopDelays(this.options.liveness, new Date()),
      ]);
      return { jobs, openZombies, openAlerts, liveWorkers };
    });
  }
}
