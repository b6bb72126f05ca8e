import type { JobProgress } from '../api/jobOperations.ts';

/** The share of a job done, 0–100, or undefined when the job does not know its total. */
export function progressPercent(progress: JobProgress, finished: boolean): number | undefined {
  if (progress.fraction !== null) return Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  if (progress.total !== null) return progress.total === 0 ? 100 : Math.round(Math.min(1, progress.processed / progress.total) * 100);
  return finished ? 100 : undefined;
}

/**
 * A job's progress as an accessible progress bar (`role="progressbar"` with `aria-valuenow` in percent; no
 * `aria-valuenow` while the total is unknown, which screen readers announce as indeterminate).
 */
export function ProgressBar(props: { progress: JobProgress; label: string; finished?: boolean; failed?: boolean }) {
  const percent = progressPercent(props.progress, props.finished === true);
  const { processed, total } = props.progress;
  const text = total === null ? `${processed}` : `${processed}/${total}`;
  return (
    <div className="progress">
      <div
        className={`progress-track${props.failed === true ? ' progress-failed' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? `${text} done` : `${percent}% (${text})`}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="progress-text">{percent === undefined ? text : `${percent}% · ${text}`}</span>
    </div>
  );
}
