import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { ExecutionCore } from '../api/core/executionCore.ts';
import { createApolloServer, createGraphqlHttpHandler } from '../api/transport/http.ts';
import { buildSchema } from '../api/schema.ts';
import { attachWebSocketServer, WsCloseCode } from '../api/transport/ws.ts';
import { DebugQueue } from '../monitoring/debugQueue.ts';
import { dashboardRoute } from '../http/dashboardRoute.ts';
import { diagnosticsRoute } from '../http/diagnosticsRoute.ts';
import { LivenessService } from '../monitoring/livenessService.ts';
import { MonitoringQueries } from '../monitoring/monitoringQueries.ts';
import { MonitoringMetrics } from '../monitoring/metrics/monitoringMetrics.ts';
import { AlertMonitor } from '../monitoring/alerts/alertMonitor.ts';
import { DataChangeRuleService } from '../monitoring/alerts/dataChangeRuleService.ts';
import { BACKUP_JOB_TYPE, BackupChangesService } from '../jobs/salesforce/index.ts';
import { metricsRoute } from '../http/metricsRoute.ts';
import { graphiqlRoute } from '../http/graphiqlRoute.ts';
import { healthRoutes, type EmbeddedDatabaseHealth } from '../http/healthRoutes.ts';
import { createHttpServer } from '../http/httpServer.ts';
import { exportRoutes } from '../http/exportRoutes.ts';
import type { Runtime } from './runtime.ts';
import { WorkerLiveness } from '../monitoring/workerLiveness.ts';

/** Where `web/graphiql/vite.config.ts` builds GraphiQL (during `scripts/ensure-install.mjs`). */
const GRAPHIQL_DIRECTORY = fileURLToPath(new URL('../../dist/graphiql', import.meta.url));

/** Where `web/dashboard/vite.config.ts` builds the dashboard (during `scripts/ensure-install.mjs`). */
const DASHBOARD_DIRECTORY = fileURLToPath(new URL('../../dist/dashboard', import.meta.url));

/** A running API: GraphQL over HTTP and WebSocket on one port. */
export interface ApiServer {
  url: string;
  port: number;
  /** Stops accepting requests and closes WebSocket clients with 1001 (going away). */
  close(): Promise<void>;
}

/** `/readyz`'s view of the embedded database `runtime` keeps running, if any. */
function embeddedHealth(runtime: Runtime): (() => EmbeddedDatabaseHealth) | undefined {
  const embedded = runtime.embedded;
  if (embedded === undefined) return undefined;
  return () => {
    const { phase, restarts, lastExit } = embedded.status();
    return { provider: embedded.provider, phase, restarts, lastExitAt: lastExit?.at.toISOString() ?? null };
  };
}

/** Starts the API role on `config.port`. */
export async function startApiServer(config: Config, runtime: Runtime, logger: Logger): Promise<ApiServer> {
  const schema = buildSchema();
  const events = runtime.jobEvents;
  const jobs = runtime.jobs;
  const debugQueue = new DebugQueue({ store: jobs.store, events });
  const workerLiveness = new WorkerLiveness(config.liveness);
  const { stores } = runtime;
  const liveness = new LivenessService({
    bus: runtime.bus,
    workers: stores.workers,
    zombies: stores.zombies,
    diagnostics: stores.diagnostics,
    liveness: workerLiveness,
    captureTimeoutMs: config.liveness.captureTimeoutMs,
  });
  const monitoringQueries = new MonitoringQueries(stores);
  const metrics = new MonitoringMetrics({
    bus: runtime.bus,
    stats: monitoringQueries.stats,
    zombies: stores.zombies,
    alerts: stores.alerts,
    workers: stores.workers,
    counters: stores.jobCounters,
    cacheMs: config.monitoring.metricsCacheMs,
    liveness: workerLiveness,
    connectedClients: () => ws.wss.clients.size,
  });
  const alerts = new AlertMonitor({
    config: config.monitoring,
    store: stores.alerts,
    zombies: stores.zombies,
    jobs: stores.jobs,
    workers: stores.workers,
    stats: monitoringQueries.stats,
    liveness: workerLiveness,
    missedBackups: runtime.backupPolicies,
    bus: runtime.bus,
    logger,
    dataChanges: { rules: stores.dataChangeRules, backups: stores.backups, backupJobType: BACKUP_JOB_TYPE },
  });
  const backupChanges = new BackupChangesService({ backups: stores.backups, changes: stores.backupChanges });
  const dataChangeRules = new DataChangeRuleService({ store: stores.dataChangeRules, orgs: runtime.orgs });
  const recovery = { restores: runtime.restoreService, exports: runtime.exportService };
  const core = new ExecutionCore({
    schema,
    services: { jobs, schedules: runtime.schedules, orgs: runtime.orgs, backups: runtime.backupService, backupChanges, dataChangeRules, backupPolicies: runtime.backupPolicies, recovery, debugQueue, liveness, monitoringQueries, logger },
    limits: config.limits,
    apiLimits: config.apiLimits,
    introspection: config.introspection,
    production: config.production,
    logger,
  });
  const apollo = createApolloServer(core, logger);
  await apollo.start();
  const graphql = createGraphqlHttpHandler({ apollo, core, apiKeys: config.apiKeys });
  const server = createHttpServer(
    [
      healthRoutes(() => runtime.connection.db.command({ ping: 1 }), embeddedHealth(runtime)),
      async (req, res, url) => {
        if (url.pathname !== '/graphql') return false;
        await graphql(req, res);
        return true;
      },
      ...(config.graphiql ? [graphiqlRoute({ directory: GRAPHIQL_DIRECTORY })] : []),
      dashboardRoute({ directory: DASHBOARD_DIRECTORY }),
      diagnosticsRoute({ liveness, apiKeys: config.apiKeys }),
      exportRoutes({ exports: runtime.exports, files: runtime.exportFiles, apiKeys: config.apiKeys }),
      metricsRoute({ access: config.monitoring.metrics, apiKeys: config.apiKeys, render: () => metrics.render(), contentType: metrics.contentType }),
    ],
    logger,
  );
  const ws = attachWebSocketServer({ httpServer: server, core, apiKeys: config.apiKeys, logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  metrics.start();
  await alerts.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}/graphql`;
  return {
    url,
    port,
    close: async () => {
      await ws.close(WsCloseCode.GoingAway, 'server shutting down');
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await alerts.stop();
      metrics.stop();
      await apollo.stop();
    },
  };
}
