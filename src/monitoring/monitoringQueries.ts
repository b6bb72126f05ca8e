import type { Db } from 'mongodb';
import type { JobRepository } from '../engine/jobRepository.ts';
import { MonitoringRecords } from './monitoringRecords.ts';
import { QueueStatsReader } from './stats/queueStatsReader.ts';

/** The read side of monitoring the API uses: queue statistics and records by id. */
export class MonitoringQueries {
  readonly stats: QueueStatsReader;
  readonly records: MonitoringRecords;

  constructor(db: Db, jobs: JobRepository, options: { statsCacheMs?: number } = {}) {
    this.stats = new QueueStatsReader({ jobs, cacheMs: options.statsCacheMs });
    this.records = new MonitoringRecords(db);
  }
}
