import type { Bus } from '../../bus/bus.ts';
import { JOB_TOPIC, type JobEventKind, type JobEventPayload } from '../../engine/jobEvent.ts';
import type { Logger } from '../../logging/logger.ts';
import { MONITORING_TOPIC, type MonitoringEventKind, type MonitoringEventPayload } from '../monitoringEvent.ts';
import type { AlertIncidentDocument, AlertIncidentStore } from './alertIncidentStore.ts';
import type { ActiveCondition, AlertRule, RuleClock } from './alertRule.ts';

/** Options of {@link AlertEvaluator}. */
export interface AlertEvaluatorOptions {
  rules: AlertRule[];
  store: AlertIncidentStore;
  bus: Bus;
  logger: Logger;
  /** Interval between evaluations when nothing triggers one. */
  everyMs: number;
  /** Shortest gap between two evaluations triggered by events (default 1000 ms, at most `everyMs`). */
  minGapMs?: number;
  /**
   * Most of its time the evaluator may spend evaluating when events keep triggering it (default 0.05): the gap after
   * an evaluation is at least its duration / this share (at most `everyMs`). Rules read the jobs collections, whose
   * reads are scans on FerretDB's SQLite backend: with a large queue, an evaluation per second would keep the
   * database busy while every job's end asks for one.
   */
  maxBusyShare?: number;
  /** Whether incidents have receivers (new incidents are then marked for delivery). */
  deliver: boolean;
  /** Called after an incident fired or resolved in this process. */
  onChange: () => void;
}

/** Monitoring events after which the rules may see something new. */
const TRIGGERING_MONITORING_EVENTS: readonly MonitoringEventKind[] = ['ZOMBIE_DETECTED', 'DEBUG_ENTERED', 'DEBUG_LEFT', 'WORKER_JOINED', 'WORKER_LOST', 'WORKER_STOPPED'];
/** Job events that change failure rates, queue age or the debug queue. */
const TRIGGERING_JOB_EVENTS: readonly JobEventKind[] = ['SUCCEEDED', 'FAILED', 'DEBUG', 'CANCELLED', 'REQUEUED'];

type Phase = { phase: 'idle' } | { phase: 'running'; since: Date; interval: NodeJS.Timeout; unsubscribe: () => void } | { phase: 'stopped' };

/**
 * Evaluates the alert rules periodically and after relevant bus events, and turns what they see into
 * incidents: one per rule and key (and occurrence), fired once and resolved once however many processes
 * evaluate, publishing `ALERT_FIRED` / `ALERT_RESOLVED` on the monitoring topic.
 */
export class AlertEvaluator {
  private state: Phase = { phase: 'idle' };
  private evaluating: Promise<void> | undefined;
  private pending = false;
  private lastStart = 0;
  /** How long the last evaluation took. */
  private lastDurationMs = 0;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AlertEvaluatorOptions) {}

  start(): void {
    if (this.state.phase !== 'idle') throw new Error(`alert evaluator cannot start: it is ${this.state.phase}`);
    const unsubscribe = this.options.bus.subscribe((event) => {
      if (event.topic === MONITORING_TOPIC && TRIGGERING_MONITORING_EVENTS.includes((event.payload as MonitoringEventPayload).kind)) this.trigger();
      else if (event.topic === JOB_TOPIC && TRIGGERING_JOB_EVENTS.includes((event.payload as JobEventPayload).kind)) this.trigger();
    });
    const interval = setInterval(() => this.trigger(), this.options.everyMs);
    interval.unref();
    this.state = { phase: 'running', since: new Date(), interval, unsubscribe };
    this.trigger();
  }

  async stop(): Promise<void> {
    const state = this.state;
    this.state = { phase: 'stopped' };
    if (state.phase === 'running') {
      clearInterval(state.interval);
      state.unsubscribe();
    }
    clearTimeout(this.gapTimer);
    await this.evaluating;
  }

  /** Asks for an evaluation: at once, or after the running one and the minimum gap. */
  trigger(): void {
    if (this.state.phase !== 'running') return;
    if (this.evaluating !== undefined || this.gapTimer !== undefined) {
      this.pending = true;
      return;
    }
    const gap = Math.min(Math.max(this.options.minGapMs ?? 1000, this.lastDurationMs / (this.options.maxBusyShare ?? 0.05)), this.options.everyMs);
    const wait = this.lastStart + gap - Date.now();
    if (wait > 0) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        this.trigger();
      }, wait);
      this.gapTimer.unref();
      return;
    }
    const started = (this.lastStart = Date.now());
    this.evaluating = this.evaluate().finally(() => {
      this.lastDurationMs = Date.now() - started;
      this.evaluating = undefined;
      if (this.pending) {
        this.pending = false;
        this.trigger();
      }
    });
  }

  /** One evaluation of every rule; a failing rule is logged and does not stop the others. */
  async evaluate(): Promise<void> {
    if (this.state.phase !== 'running') return;
    const clock: RuleClock = { now: new Date(), evaluatingSince: this.state.since };
    for (const rule of this.options.rules) {
      try {
        await this.evaluateRule(rule, clock);
      } catch (error) {
        this.options.logger.error({ err: error, rule: rule.name }, 'alert rule evaluation failed');
      }
    }
    this.options.onChange();
  }

  private async evaluateRule(rule: AlertRule, clock: RuleClock): Promise<void> {
    // `clock.now` is taken before the conditions are read: anything another process did after it is newer
    // than what this evaluation saw, and is left alone.
    const active = await rule.active(clock);
    const open = await this.options.store.open(rule.name);
    const openIds = new Set(open.map((o) => o._id));
    const stillActive = new Set<string>();
    for (const condition of active) {
      if (condition.occurrence !== undefined) {
        const id = `${rule.name}:${condition.key}:${condition.occurrence}`;
        stillActive.add(id);
        if (!openIds.has(id)) await this.fire(rule, condition, id);
        continue;
      }
      const existing = open.find((o) => o.key === condition.key);
      if (existing !== undefined) {
        stillActive.add(existing._id);
        continue;
      }
      const history = await this.options.store.history(rule.name, condition.key);
      // Another process fired one after `open` was read (it is open now), or resolved one after `clock.now`
      // (it saw the condition clear later than this evaluation did): either way there is nothing to fire.
      if (history.some((h) => h.resolvedAt === null || h.resolvedAt > clock.now)) continue;
      await this.fire(rule, condition, `${rule.name}:${condition.key}:${history.length + 1}`);
    }
    for (const incident of open) {
      if (!stillActive.has(incident._id) && incident.firedAt < clock.now) await this.resolve(incident);
    }
  }

  private async fire(rule: AlertRule, condition: ActiveCondition, id: string): Promise<void> {
    const firedAt = new Date();
    const fired = await this.options.store.fire({
      _id: id,
      kind: rule.kind,
      rule: rule.name,
      key: condition.key,
      tenantId: condition.tenantId,
      message: condition.message,
      firedAt,
      deliver: this.options.deliver,
    });
    if (fired === null) return;
    this.options.logger.warn({ alertId: id, kind: rule.kind, tenantId: condition.tenantId }, `alert fired: ${condition.message}`);
    await this.publish('ALERT_FIRED', fired, `alert fired: ${condition.message}`);
    this.options.onChange();
  }

  private async resolve(incident: AlertIncidentDocument): Promise<void> {
    const resolved = await this.options.store.resolve(incident._id, new Date(), this.options.deliver);
    if (resolved === null) return;
    this.options.logger.info({ alertId: incident._id, kind: incident.kind, tenantId: incident.tenantId }, `alert resolved: ${incident.message}`);
    await this.publish('ALERT_RESOLVED', resolved, `alert resolved: ${incident.message}`);
    this.options.onChange();
  }

  /** Alert events carry the alert's tenant on the bus message (absent for service-wide alerts: operators only). */
  private async publish(kind: 'ALERT_FIRED' | 'ALERT_RESOLVED', incident: AlertIncidentDocument, message: string): Promise<void> {
    const payload: MonitoringEventPayload = { kind, message, alertId: incident._id };
    await this.options.bus.publish({ topic: MONITORING_TOPIC, tenantId: incident.tenantId ?? undefined, payload }).catch((error: unknown) => {
      this.options.logger.error({ err: error, alertId: incident._id }, 'could not publish the alert event');
    });
  }
}
