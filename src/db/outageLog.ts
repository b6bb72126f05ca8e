/** Logger accepted by {@link OutageLog}; a pino logger fits. */
export interface OutageLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options of {@link OutageLog}. */
export interface OutageLogOptions {
  logger: OutageLogger;
  /** What fails, as it should read in the log: `bus reader`, `worker heartbeat`, … Required. */
  what: string;
  /** A still failing outage is logged again (with its count) at most this often; default 60 000 ms. */
  remindMs?: number;
  /**
   * For callers that only hear of failures (Agenda's `error` event): the outage counts as over once no
   * failure came for this long. Default: only {@link OutageLog.success} ends it.
   */
  quietMs?: number;
}

/** Where an {@link OutageLog} is: no failure, or failing since `since`. */
type OutagePhase = { kind: 'up' } | { kind: 'down'; since: number; failures: number; remindedAt: number };

/**
 * Logs a recurring failure of a periodic task (a poll, a heartbeat, a check) once per outage instead of once per
 * tick: the first failure at `warn`, repeats at `debug` (with a `warn` reminder every `remindMs`), and the
 * recovery at `info` with how long it lasted and how many failures it saw.
 */
export class OutageLog {
  private phase: OutagePhase = { kind: 'up' };
  private quietTimer: NodeJS.Timeout | undefined;
  private readonly remindMs: number;

  constructor(private readonly options: OutageLogOptions) {
    this.remindMs = options.remindMs ?? 60_000;
  }

  /** True between a failure and the next success. */
  get down(): boolean {
    return this.phase.kind === 'down';
  }

  /** Records a failure of the task. */
  failure(error: unknown, fields: Record<string, unknown> = {}): void {
    const { logger, what, quietMs } = this.options;
    const now = Date.now();
    if (quietMs !== undefined) {
      clearTimeout(this.quietTimer);
      this.quietTimer = setTimeout(() => this.success(), quietMs);
      this.quietTimer.unref();
    }
    if (this.phase.kind === 'up') {
      this.phase = { kind: 'down', since: now, failures: 1, remindedAt: now };
      logger.warn({ ...fields, err: error }, `${what} failed; retrying (logged once until it recovers)`);
      return;
    }
    this.phase.failures += 1;
    if (now - this.phase.remindedAt >= this.remindMs) {
      this.phase.remindedAt = now;
      logger.warn({ ...fields, err: error, failures: this.phase.failures, downMs: now - this.phase.since }, `${what} still failing`);
    } else {
      logger.debug({ ...fields, err: error, failures: this.phase.failures }, `${what} failed again`);
    }
  }

  /** Records a success; ends an outage, logging its length. */
  success(fields: Record<string, unknown> = {}): void {
    if (this.phase.kind === 'up') return;
    clearTimeout(this.quietTimer);
    const { since, failures } = this.phase;
    this.phase = { kind: 'up' };
    this.options.logger.info({ ...fields, failures, downMs: Date.now() - since }, `${this.options.what} recovered`);
  }
}
