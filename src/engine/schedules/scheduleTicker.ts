import type { Logger } from '../../logging/logger.ts';
import type { ScheduleService } from './scheduleService.ts';

/** Options of {@link ScheduleTicker}. */
export interface ScheduleTickerOptions {
  schedules: ScheduleService;
  /** Between the end of one round and the start of the next (`LONGHAUL_SCHEDULE_TICK_MS`, default 1000). */
  intervalMs?: number;
  logger?: Logger;
}

type TickerPhase = { phase: 'idle' } | { phase: 'running'; timer: NodeJS.Timeout | null; round: Promise<void> | null } | { phase: 'stopped' };

/**
 * The small loop every worker process runs: one {@link ScheduleService.tick} round at a time. No timer is trusted
 * to be the only one: every process ticks, and the service's claims make each occurrence one job.
 */
export class ScheduleTicker {
  private state: TickerPhase = { phase: 'idle' };
  private readonly intervalMs: number;

  constructor(private readonly options: ScheduleTickerOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
  }

  start(): void {
    if (this.state.phase !== 'idle') return;
    this.state = { phase: 'running', timer: null, round: null };
    this.schedule(0);
  }

  /** Stops ticking and waits for a round in progress. */
  async stop(): Promise<void> {
    const state = this.state;
    this.state = { phase: 'stopped' };
    if (state.phase !== 'running') return;
    if (state.timer !== null) clearTimeout(state.timer);
    await state.round;
  }

  private schedule(delayMs: number): void {
    const state = this.state;
    if (state.phase !== 'running') return;
    state.timer = setTimeout(() => {
      state.timer = null;
      state.round = this.options.schedules
        .tick()
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'schedule tick failed'))
        .finally(() => {
          state.round = null;
          this.schedule(this.intervalMs);
        });
    }, delayMs);
    state.timer.unref();
  }
}
