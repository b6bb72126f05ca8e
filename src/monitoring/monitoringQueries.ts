import { MonitoringRecords, type MonitoringRecordStores } from './monitoringRecords.ts';
import type { JobRepository } from '../engine/jobRepository.ts';
import { QueueStatsReader } from './stats/queueStatsReader.ts';
import type { FinishBucketStore } from './stats/finishBucketStore.ts';

/** The stores {@link MonitoringQueries} reads: the jobs' statistics and the monitoring records. */
export interface MonitoringQueryStores extends MonitoringRecordStores {
  jobs: JobRepository;
  jobFinishBuckets: FinishBucketStore;
}

/** The read side of monitoring the API uses: queue statistics and records by id. */
export class MonitoringQueries {
  readonly stats: QueueStatsReader;
  readonly records: MonitoringRecords;

  constructor(stores: MonitoringQueryStores, options: { statsCacheMs?: number } = {}) {
    this.stats = new QueueStatsReader({ jobs: stores.jobs, finishes: stores.jobFinishBuckets, cacheMs: options.statsCacheMs });
    this.records = new MonitoringRecords(stores);
  }
}
