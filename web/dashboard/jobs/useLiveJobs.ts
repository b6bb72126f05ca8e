import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { JOB_EVENTS, LIST_JOBS, type JobFilter, type JobRow } from '../api/jobOperations.ts';
import { applyJobs, LIVE_LIST_SIZE } from './liveJobList.ts';

/** Events arriving within this many ms are rendered together. */
const FLUSH_MS = 50;

/** The live list: rows, the list query's and the subscription's errors, and whether the first answer is in. */
export interface LiveJobs {
  rows: JobRow[];
  error: GraphqlError | undefined;
  loaded: boolean;
  /** Adds a job the page itself created, before its CREATED event arrives. */
  add: (job: JobRow) => void;
}

/**
 * The newest jobs matching `filter`, kept current by the `jobEvents` subscription: no polling. The subscription
 * starts first (filtered by type only: a state filter is applied here, so a job leaving the state leaves the list),
 * then the list query; events that arrive meanwhile are merged into its answer. After a reconnect the list is
 * queried again, since events may have been missed while the socket was down.
 */
export function useLiveJobs(filter: JobFilter): LiveJobs {
  const connection = useConnection();
  const [rows, setRows] = useState<JobRow[]>([]);
  const [error, setError] = useState<GraphqlError | undefined>();
  const [loaded, setLoaded] = useState(false);
  const filterKey = JSON.stringify(filter);
  const pending = useRef(new Map<string, JobRow>());

  useEffect(() => {
    const current = JSON.parse(filterKey) as JobFilter;
    let disposed = false;
    let listed = false;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    pending.current.clear();
    setRows([]);
    setLoaded(false);
    setError(undefined);

    const flush = () => {
      flushTimer = undefined;
      if (disposed || !listed) return;
      const jobs = [...pending.current.values()];
      pending.current.clear();
      setRows((previous) => applyJobs(previous, jobs, current));
    };
    const list = () => {
      connection.request(LIST_JOBS, { filter: current, first: LIVE_LIST_SIZE }).then(
        ({ jobs }) => {
          if (disposed) return;
          listed = true;
          setRows(applyJobs([], [...jobs.nodes, ...pending.current.values()], current));
          pending.current.clear();
          setLoaded(true);
        },
        (failure: unknown) => !disposed && setError(GraphqlError.from(failure)),
      );
    };
    const unsubscribe = connection.subscribe(JOB_EVENTS, { filter: { types: current.types } }, {
      next: ({ jobEvents }) => {
        pending.current.set(jobEvents.job.id, jobEvents.job);
        if (flushTimer === undefined) flushTimer = setTimeout(flush, FLUSH_MS);
      },
      error: (failure) => !disposed && setError(failure),
      reconnected: list,
    });
    list();
    return () => {
      disposed = true;
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      unsubscribe();
    };
  }, [connection, filterKey]);

  const add = useCallback((job: JobRow) => setRows((previous) => applyJobs(previous, [job], JSON.parse(filterKey) as JobFilter)), [filterKey]);
  return { rows, error, loaded, add };
}
