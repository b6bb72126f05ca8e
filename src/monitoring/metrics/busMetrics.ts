import { Gauge, type Registry } from 'prom-client';
import type { Bus } from '../../bus/bus.ts';
import type { BusEvent } from '../../bus/busEvent.ts';

/**
 * Per-process bus figures: how late this process's bus reader delivers events. They describe this process,
 * not the deployment (the job counters do, from the database: see `jobCounterMetrics.ts`).
 */
export class BusMetrics {
  private readonly busLag: Gauge;
  private readonly busLastEventAge: Gauge;
  private lastEventAt: number | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly bus: Bus,
    registry: Registry,
  ) {
    const registers = [registry];
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

  /** Starts following live bus events. */
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
  }
}
