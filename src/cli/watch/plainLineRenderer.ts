import type { Writable } from 'node:stream';
import type { JobEventSummary, JobSummary } from '../client/jobOperations.ts';
import { formatDuration, formatRate } from '../output/formatDuration.ts';
import { outcomeText, progressText } from '../output/jobText.ts';
import { ProgressRate } from './progressRate.ts';
import type { WatchRenderer } from './watchRenderer.ts';

/** Options of {@link PlainLineRenderer}. */
export interface PlainLineRendererOptions {
  /** Least time between two lines about progress alone, in ms; other events always print. Default 1000. */
  progressIntervalMs?: number;
}

/**
 * Output for logs and pipes (stdout is not a terminal): one line per change of state, progress lines at most every
 * `progressIntervalMs`, and the outcome last. No cursor movement, nothing rewritten.
 */
export class PlainLineRenderer implements WatchRenderer {
  readonly #out: Writable;
  readonly #intervalMs: number;
  readonly #rate = new ProgressRate();
  #lastProgressLineAt = Number.NEGATIVE_INFINITY;

  constructor(out: Writable, options: PlainLineRendererOptions = {}) {
    this.#out = out;
    this.#intervalMs = options.progressIntervalMs ?? 1000;
  }

  event(event: JobEventSummary): void {
    const at = Date.parse(event.at);
    this.#rate.add(event.job.progress.processed, at);
    const progressOnly = event.kind === 'PROGRESS' || event.kind === 'CHECKPOINT';
    if (progressOnly && at - this.#lastProgressLineAt < this.#intervalMs) return;
    this.#lastProgressLineAt = at;
    const { job } = event;
    const parts = [`${event.at} ${event.kind.padEnd(9)} ${job.state.padEnd(9)} ${progressText(job)}`];
    const rate = this.#rate.perSecond();
    if (rate !== undefined && rate > 0 && job.state === 'RUNNING') {
      const eta = this.#rate.etaMs(job.progress.total);
      parts.push(`${formatRate(rate)}${eta === undefined ? '' : `, ETA ${formatDuration(eta)}`}`);
    }
    if (job.progress.message !== null) parts.push(job.progress.message);
    this.#out.write(`${parts.join('  ')}\n`);
  }

  end(job: JobSummary): void {
    this.#out.write(`${outcomeText(job)}\n`);
  }

  interrupt(): void {}
}
