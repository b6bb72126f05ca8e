import DataLoader from 'dataloader';
import type { JobLogLine } from '../engine/jobLogStore.ts';
import type { JobService } from '../engine/jobService.ts';

/** Key of a job's last log lines. */
export interface LogsKey {
  jobId: string;
  logCount: number;
  last: number;
}

/** Per-request batch loaders: nested lookups of a page cost one round trip each, whatever the page size. */
export interface Loaders {
  logs: DataLoader<LogsKey, JobLogLine[], string>;
  checkpoint: DataLoader<string, unknown>;
}

export function createLoaders(jobs: JobService): Loaders {
  return {
    logs: new DataLoader<LogsKey, JobLogLine[], string>(
      async (keys) => {
        const found = await jobs.lastLogLines(keys);
        return keys.map((k) => (found.get(k.jobId) ?? []).slice(-k.last));
      },
      { cacheKeyFn: (k) => `${k.jobId}:${k.logCount}:${k.last}` },
    ),
    checkpoint: new DataLoader<string, unknown>(async (ids) => {
      const found = await jobs.checkpoints(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
