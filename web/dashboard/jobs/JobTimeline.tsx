import type { JobDetail, JobEvent } from '../api/jobOperations.ts';
import { formatTime } from '../components/formatTime.ts';
import { StateBadge } from '../components/StateBadge.tsx';

/** One line of the timeline: an event, or a run of consecutive PROGRESS events shown as one. */
interface TimelineEntry {
  key: string;
  kind: string;
  at: string;
  count: number;
  event: JobEvent<JobDetail>;
}

/** Consecutive PROGRESS (and CHECKPOINT) events folded into one entry each, keeping the latest's details. */
export function foldTimeline(events: readonly JobEvent<JobDetail>[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const last = entries.at(-1);
    if (last !== undefined && last.kind === event.kind && (event.kind === 'PROGRESS' || event.kind === 'CHECKPOINT')) {
      last.count += 1;
      last.event = event;
      continue;
    }
    entries.push({ key: event.position, kind: event.kind, at: event.at, count: 1, event });
  }
  return entries;
}

function detail(event: JobEvent<JobDetail>): string {
  const { job } = event;
  const { processed, total, message } = job.progress;
  const progress = total === null ? `${processed}` : `${processed}/${total}`;
  switch (event.kind) {
    case 'RETRYING':
    case 'FAILED':
    case 'DEBUG':
      return job.lastError === null ? `attempt ${job.attempts}` : `attempt ${job.attempts}: ${job.lastError.code}: ${job.lastError.message}`;
    case 'SUCCEEDED':
      return `${progress}; result ${JSON.stringify(job.result)}`;
    case 'STARTED':
      return `attempt ${job.attempts} of ${job.maxAttempts}`;
    case 'CREATED':
      return `queued, up to ${job.maxAttempts} attempts`;
    case 'REQUEUED':
      return `queued again after attempt ${job.attempts}`;
    case 'CANCELLED':
      return `at ${progress}`;
    default:
      return `${progress}${message === null ? '' : ` · ${message}`}`;
  }
}

/** The job's events from `jobProgress`, oldest first. */
export function JobTimeline(props: { events: readonly JobEvent<JobDetail>[] }) {
  const entries = foldTimeline(props.events);
  if (entries.length === 0) return <p className="empty">Waiting for the first event…</p>;
  return (
    <ol className="timeline" aria-label="Event timeline">
      {entries.map((entry) => (
        <li key={entry.key} className={`timeline-entry timeline-${entry.kind.toLowerCase()}`}>
          <time dateTime={entry.at}>{formatTime(entry.at)}</time> <StateBadge state={entry.kind} />
          {entry.count > 1 ? <span className="timeline-count">{` ×${entry.count} until ${formatTime(entry.event.at)}`}</span> : null}
          {entry.event.gap ? <span className="timeline-gap"> (earlier events are no longer kept: the job as it is now)</span> : null}
          <span className="timeline-detail"> {detail(entry.event)}</span>
        </li>
      ))}
    </ol>
  );
}
