import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import type { GraphqlError } from '../api/graphqlError.ts';
import { WATCH_JOB, type JobDetail, type JobEvent } from '../api/jobOperations.ts';

/**
 * The position before the first event the bus ever had: asking `jobProgress` to resume after it replays the job's
 * whole history while the bus still keeps it, else answers a SNAPSHOT flagged `gap`.
 */
const FROM_THE_START = '00000000';

/** The most events the timeline keeps (PROGRESS events are many; the newest are kept). */
const TIMELINE_LIMIT = 500;

/** A job followed through `jobProgress`: its latest version, every event so far, and whether the stream ended. */
export interface WatchedJob {
  job: JobDetail | undefined;
  events: JobEvent<JobDetail>[];
  error: GraphqlError | undefined;
  /** True once the server completed the subscription (the job reached a final state). */
  ended: boolean;
  /** Replaces the job with what a mutation answered and, if the stream had ended, follows it again from the last event. */
  update(job: JobDetail): void;
}

/**
 * Follows job `id` through the `jobProgress` subscription: its history replayed from the start (or a SNAPSHOT when
 * the bus no longer has it), then every change; no query and no polling. After a cancel or retry of a finished job
 * the stream is opened again, resuming after the last event seen.
 */
export function useWatchedJob(id: string): WatchedJob {
  const connection = useConnection();
  const [job, setJob] = useState<JobDetail | undefined>();
  const [events, setEvents] = useState<JobEvent<JobDetail>[]>([]);
  const [error, setError] = useState<GraphqlError | undefined>();
  const [ended, setEnded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const lastPosition = useRef<string | undefined>(undefined);

  useEffect(() => {
    lastPosition.current = undefined;
    setJob(undefined);
    setEvents([]);
  }, [id]);

  useEffect(() => {
    setEnded(false);
    setError(undefined);
    return connection.subscribe(WATCH_JOB, { id, after: lastPosition.current ?? FROM_THE_START }, {
      next: ({ jobProgress: event }) => {
        setEvents((previous) => [...previous, event].slice(-TIMELINE_LIMIT));
        lastPosition.current = event.position;
        setJob(event.job);
      },
      error: setError,
      complete: () => setEnded(true),
    });
  }, [connection, id, generation]);

  const update = useCallback(
    (next: JobDetail) => {
      setJob(next);
      if (ended) setGeneration((g) => g + 1);
    },
    [ended],
  );
  return { job, events, error, ended, update };
}
