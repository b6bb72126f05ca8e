import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { connectDatabase, type DatabaseConnection } from '../db/databaseConnection.ts';
import { BlockedWorkerReports, type BlockedWorkerReport } from '../monitoring/blockedWorkerReports.ts';
import type { Runtime } from './runtime.ts';
import { createStores } from './stores.ts';

/** Where supervised workers write their signal reports: `<dataDir>/reports`. */
export function reportDirectory(config: Config): string {
  return join(config.dataDir, 'reports');
}

/**
 * Where a supervisor stores blocked workers' reports: through the process's runtime (`all`), or
 * through a connection opened on first use (`work`, whose supervisor otherwise needs no database).
 */
export function blockedReportSink(config: Config, runtime: Runtime | undefined): { store(report: BlockedWorkerReport): Promise<void>; close(): Promise<void> } {
  let connection: Promise<DatabaseConnection> | undefined;
  let reports: Promise<BlockedWorkerReports> | undefined;
  const open = (): Promise<BlockedWorkerReports> => {
    if (runtime !== undefined) return Promise.resolve(new BlockedWorkerReports(runtime.stores, runtime.bus));
    connection ??= connectDatabase(config.mongodbUri!, config.dbName);
    return connection.then((c) => new BlockedWorkerReports(createStores(c, config)));
  };
  return {
    store: async (report) => {
      reports ??= open();
      reports.catch(() => {
        reports = undefined;
      });
      await (await reports).store(report);
    },
    close: async () => {
      if (connection !== undefined) await (await connection.catch(() => undefined))?.close();
    },
  };
}
