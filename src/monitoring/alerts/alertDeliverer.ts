import type { Logger } from '../../logging/logger.ts';
import { deliveryField, triesField, type AlertDeliveryEvent, type AlertIncidentDocument, type AlertIncidentStore } from './alertIncidentStore.ts';
import type { WebhookSender } from './webhookSender.ts';
import type { WebhookTarget } from './webhookTarget.ts';

/** Options of {@link AlertDeliverer}. */
export interface AlertDelivererOptions {
  store: AlertIncidentStore;
  targets: WebhookTarget[];
  sender: WebhookSender;
  logger: Logger;
  /** Tries of one message to one receiver before it is given up. */
  tries: number;
  /** Delay after the first failed try, doubling per try up to {@link MAX_BACKOFF_MS}. */
  backoffMs: number;
  /** How long a delivery pass may hold an incident before another process may take it over (default 60000). */
  leaseMs?: number;
}

/** Longest delay between two tries of one message. */
export const MAX_BACKOFF_MS = 5 * 60_000;

const EVENTS: readonly AlertDeliveryEvent[] = ['fired', 'resolved'];

/**
 * Sends incidents' fired and resolved messages to every receiver, once each. Delivery state lives in the
 * incident records, so a restarted process resumes where it stopped and several processes share the work:
 * each pass takes a lease on one incident. A receiver that fails is tried again with doubling delays,
 * `tries` times at most, and gets `resolved` only after `fired`.
 */
export class AlertDeliverer {
  private phase: 'running' | 'stopped' = 'running';
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AlertDelivererOptions) {}

  /** Looks for due deliveries now (after a fire or resolve, and on the evaluator's ticks). */
  kick(): void {
    if (this.phase === 'stopped' || this.options.targets.length === 0) return;
    if (this.draining !== undefined) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'alert delivery pass failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.kick();
        } else void this.scheduleNext();
      });
  }

  private get stopped(): boolean {
    return this.phase === 'stopped';
  }

  /** Stops taking new work; waits for the current pass. */
  async stop(): Promise<void> {
    this.phase = 'stopped';
    clearTimeout(this.timer);
    await this.draining;
  }

  private async drain(): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 60_000;
    while (this.phase === 'running') {
      const now = new Date();
      const incident = await this.options.store.claimDelivery(now, new Date(now.getTime() + leaseMs));
      if (incident === null) return;
      await this.deliver(incident);
    }
  }

  private async deliver(incident: AlertIncidentDocument): Promise<void> {
    const { store, targets, sender, logger, tries } = this.options;
    let settled = true;
    let retryAt = Number.POSITIVE_INFINITY;
    for (const target of targets) {
      for (const event of EVENTS) {
        if (event === 'resolved' && incident.resolvedAt === null) break;
        const state = incident[deliveryField(target.id, event)];
        if (state === 'done' || state === 'failed') continue;
        const log = { alertId: incident._id, event, webhook: target.safeUrl, format: target.format };
        if (this.stopped) {
          settled = false;
          retryAt = Date.now();
          break;
        }
        const outcome = await sender.send(target, { event, alert: incident });
        if (outcome.ok) {
          await store.delivered(incident._id, target.id, event);
          logger.info(log, 'alert delivered');
          continue;
        }
        const tried = (incident[triesField(target.id, event)] ?? 0) + 1;
        const giveUp = tried >= tries;
        await store.failedTry(incident._id, target.id, event, giveUp);
        if (giveUp) {
          logger.error({ ...log, tries: tried, detail: outcome.detail }, 'alert delivery given up');
          continue;
        }
        const delay = Math.min(this.options.backoffMs * 2 ** (tried - 1), MAX_BACKOFF_MS);
        logger.warn({ ...log, tries: tried, detail: outcome.detail, retryInMs: delay }, 'alert delivery failed; will retry');
        settled = false;
        retryAt = Math.min(retryAt, Date.now() + delay);
        // `resolved` must not overtake `fired` at this receiver.
        break;
      }
    }
    await store.release(incident, settled, new Date(Number.isFinite(retryAt) ? retryAt : 0));
  }

  /** Wakes up for the next due retry (of this or another process's incidents), at most a minute ahead. */
  private async scheduleNext(): Promise<void> {
    if (this.phase === 'stopped') return;
    const next = await this.options.store.nextDeliveryAt().catch(() => null);
    if (next === null || this.stopped) return;
    clearTimeout(this.timer);
    const delay = Math.min(Math.max(next.getTime() - Date.now(), 50), 60_000);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }
}
