import type { Logger } from '../logging/logger.ts';
import type { JobLogger } from './jobContext.ts';
import type { JobLogLine, JobLogStore } from './jobLogStore.ts';

type Level = JobLogLine['level'];
const RANK: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/**
 * A run's {@link JobLogger}: every line goes to the process log at once and, from `persistLevel` up,
 * to the job's own log in batches (flushed every `flushMs` and before checkpoints and the end of the run).
 */
export class JobLogBuffer implements JobLogger {
  private pending: Omit<JobLogLine, 'jobId' | 'seq'>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly attempt: number,
    private readonly store: JobLogStore,
    private readonly logger: Logger,
    private readonly persistLevel: Level = 'info',
    private readonly flushMs = 250,
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  /** Writes pending lines now; resolves when every line given so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => this.store.append(this.jobId, batch)).catch((error: unknown) => {
      this.logger.warn({ err: error, lines: batch.length }, 'could not store job log lines');
    });
    return this.flushing;
  }

  private write(level: Level, message: string, fields?: Record<string, unknown>): void {
    this.logger[level](fields ?? {}, message);
    if (RANK[level] < RANK[this.persistLevel]) return;
    const text = fields === undefined ? message : `${message} ${JSON.stringify(fields)}`;
    this.pending.push({ at: new Date(), level, message: text.slice(0, 4000), attempt: this.attempt });
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }
}
