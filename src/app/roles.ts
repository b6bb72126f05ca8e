import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { startApiServer, type ApiServer } from './apiServer.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { onShutdownSignal } from './shutdownSignals.ts';
import { Supervisor } from './supervisor.ts';
import { ShutdownIncompleteError } from '../engine/errors/index.ts';
import { startDemoSandbox, type DemoSandbox } from './demoSandbox.ts';
import { installProcessGuard } from '../engine/processGuard.ts';
import { newProcessId } from '../monitoring/workerRegistration.ts';
import { blockedReportSink, reportDirectory } from './blockedReportSink.ts';
import { startProcessLiveness, type ProcessLiveness } from './processLiveness.ts';

/** The roles of `longhaul`: API only, workers only, or both (the default). */
export type Role = 'serve' | 'work' | 'all';

/** Starts a role in this process; returns once it serves. SIGTERM/SIGINT stop it gracefully. */
export async function startRole(role: Role, config: Config, logger: Logger): Promise<{ api?: ApiServer; runtime?: Runtime; supervisor?: Supervisor; sandbox?: DemoSandbox }> {
  if (role === 'work' && config.mongodbUri === undefined) throw new Error('MONGODB_URI is not set: `longhaul work` needs the shared database');
  // `all` is the try-it-out role: it brings a Salesforce org to back up (LONGHAUL_SANDBOX=off: none; never in production).
  // It starts first: its URL is the one loopback URL org connections may use, here and in the workers (egressConfig.ts).
  const sandbox: DemoSandbox | undefined = role === 'all' && config.sandbox.enabled ? await startDemoSandbox(config, logger) : undefined;
  if (sandbox !== undefined) config = { ...config, salesforceEgress: { ...config.salesforceEgress, sandboxUrl: sandbox.url } };
  // The supervisor of `work` needs no database of its own: its workers connect themselves.
  let runtime: Runtime | undefined;
  try {
    runtime = role === 'work' ? undefined : await openRuntime(config, logger, { allowEmbedded: role === 'all' });
  } catch (error) {
    await sandbox?.stop();
    throw error;
  }
  let api: ApiServer | undefined;
  let supervisor: Supervisor | undefined;
  let liveness: ProcessLiveness | undefined;
  const reports = blockedReportSink(config, runtime);
  try {
    if (runtime !== undefined) api = await startApiServer(config, runtime, logger);
    // The API process registers too (it runs no job: role `api`), so operators see it and can examine it.
    if (runtime !== undefined) liveness = await startProcessLiveness({ stores: runtime.stores, bus: runtime.bus, config, logger, id: newProcessId(), role: 'api' });
    if (role !== 'serve' && config.workerProcesses > 0) {
      const shared = runtime === undefined ? process.env : { ...process.env, LONGHAUL_DB: runtime.connection.db.databaseName };
      const env = sandbox === undefined ? shared : { ...shared, LONGHAUL_SANDBOX_URL: sandbox.url };
      // Kept out of the workers' environment, sent over IPC (see Supervisor).
      const secretEnv: Record<string, string> = { MONGODB_URI: runtime?.uri ?? config.mongodbUri! };
      if (config.secretKeys !== undefined) secretEnv.LONGHAUL_SECRET_KEYS = config.secretKeys;
      supervisor = new Supervisor({
        count: config.workerProcesses,
        env,
        secretEnv,
        logger,
        reportDirectory: reportDirectory(config),
        blockedAfterMs: config.liveness.blockedAfterMs,
        reportWaitMs: config.liveness.reportWaitMs,
        inspectBlocked: config.liveness.inspectBlocked,
        onBlockedReport: (report) => reports.store(report),
      });
      supervisor.start();
    }
  } catch (error) {
    await sandbox?.stop();
    await liveness?.stop();
    await runtime?.close();
    throw error;
  }
  const stopAll = async (): Promise<void> => {
    await api?.close();
    const workers = await supervisor?.stop(config.shutdownTimeoutMs);
    await liveness?.stop();
    await reports.close();
    await runtime?.close();
    await sandbox?.stop();
    // A worker that was killed or could not put its jobs back: the shutdown did not complete (exit 1, not 0).
    if (workers !== undefined && workers.unclean > 0) throw new ShutdownIncompleteError(`${workers.unclean} worker process(es) did not stop cleanly`);
  };
  // No job runs in this process: an unhandled rejection is logged and the service keeps serving;
  // an uncaught exception stops the workers and the API in bounded time and exits 1.
  installProcessGuard({ logger, onFatal: stopAll });
  onShutdownSignal(logger, config.shutdownTimeoutMs, stopAll);
  return { api, runtime, supervisor, sandbox };
}
