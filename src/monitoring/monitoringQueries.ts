import type { Db } from 'mongodb';
import { MonitoringRecords } from './monitoringRecords.ts';
import { QueueStatsReader } from './stats/queueStatsReader.ts';

/** The read side of monitoring the API uses: queue statistics and records by id. */
export class MonitoringQueries {
  readonly stats: QueueStatsReader;
  readonly records: MonitoringRecords;

  constructor(db: Db, options: { statsCacheMs?: number } = {}) {
    this.stats = new QueueStatsReader({ db, cacheMs: options.statsCacheMs });
    this.records = new MonitoringRecords(db);
  }
}
