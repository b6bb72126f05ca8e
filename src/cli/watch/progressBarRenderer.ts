import type { WriteStream } from 'node:tty';
import { SingleBar } from 'cli-progress';
import type { JobEventSummary, JobSummary } from '../client/jobOperations.ts';
import { formatDuration, formatRate } from '../output/formatDuration.ts';
import { outcomeText } from '../output/jobText.ts';
import { ProgressRate } from './progressRate.ts';
import type { WatchRenderer } from './watchRenderer.ts';

const BAR_WIDTH = 30;

/** A terminal's live bar: `demo.count [█████░░░] 45% 450/1000 · 120/s · ETA 5.0s · RUNNING counted 450`, redrawn in place. */
export class ProgressBarRenderer implements WatchRenderer {
  readonly #out: WriteStream;
  readonly #rate = new ProgressRate();
  readonly #bar: SingleBar;
  #started = false;

  constructor(out: WriteStream) {
    this.#out = out;
    this.#bar = new SingleBar({
      stream: out,
      format: (_options, _params, payload: { line?: string }) => payload.line ?? '',
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    });
  }

  event(event: JobEventSummary): void {
    const now = Date.parse(event.at);
    this.#rate.add(event.job.progress.processed, now);
    const payload = { line: this.#line(event.job) };
    if (!this.#started) {
      this.#started = true;
      this.#bar.start(1, 0, payload);
    } else {
      this.#bar.update(0, payload);
    }
  }

  end(job: JobSummary): void {
    if (this.#started) {
      this.#bar.update(0, { line: this.#line(job) });
      this.#bar.stop();
    }
    this.#out.write(`${outcomeText(job)}\n`);
  }

  interrupt(): void {
    if (this.#started) this.#bar.stop();
  }

  #line(job: JobSummary): string {
    const { processed, total, fraction, message } = job.progress;
    const known = total !== null;
    const ratio = known ? Math.min(1, Math.max(0, fraction ?? (total === 0 ? 1 : processed / total))) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = known ? `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}` : '·'.repeat(BAR_WIDTH);
    const parts = [`${job.type} [${bar}] ${known ? `${Math.floor(ratio * 100)}% ${processed}/${total}` : `${processed}`}`];
    const rate = this.#rate.perSecond();
    if (rate !== undefined && rate > 0 && job.state === 'RUNNING') {
      parts.push(formatRate(rate));
      const eta = this.#rate.etaMs(total);
      if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
    }
    parts.push(message === null ? job.state : `${job.state} ${message}`);
    return parts.join(' · ');
  }
}
