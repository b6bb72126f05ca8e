import { MonitoringRecords, type MonitoringRecordStores } from './monitoringRecords.ts';
import type { JobStatsStore } from './stats/jobStatsStore.ts';
import { QueueStatsReader } from './stats/queueStatsReader.ts';

/** The stores {@link MonitoringQueries} reads: the jobs' statistics and the monitoring records. */
export interface MonitoringQueryStores extends MonitoringRecordStores {
  jobStats: JobStatsStore;
}

/** The read side of monitoring the API uses: queue statistics and records by id. */
export class MonitoringQueries {
  readonly stats: QueueStatsReader;
  readonly records: MonitoringRecords;

  constructor(stores: MonitoringQueryStores, options: { statsCacheMs?: number } = {}) {
    this.stats = new QueueStatsReader({ jobs: stores.jobStats, cacheMs: options.statsCacheMs });
    this.records = new MonitoringRecords(stores);
  }
}
