import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { installProcessGuard } from '../engine/processGuard.ts';
import { Worker } from '../engine/worker.ts';
import { agendaSchedulerFactory } from '../engine/agenda/agendaScheduler.ts';
import { ZombieDetector } from '../monitoring/zombieDetector.ts';
import { startProcessLiveness } from './processLiveness.ts';
import { answerSupervisor } from './supervisorChannel.ts';
import { openRuntime } from './runtime.ts';
import { WorkerLiveness } from '../monitoring/workerLiveness.ts';
import { onShutdownSignal } from './shutdownSignals.ts';
import { ShutdownIncompleteError } from '../engine/errors/index.ts';
import { RetentionSweep } from './retentionSweep.ts';
import { ScheduleTicker } from '../engine/schedules/scheduleTicker.ts';

/** One worker process (started by the supervisor): runs jobs until SIGTERM. */
export async function runWorkerProcess(config: Config, logger: Logger): Promise<void> {
  const runtime = await openRuntime(config, logger, { allowEmbedded: false });
  const worker = new Worker({
    jobs: runtime.stores.jobs,
    logs: runtime.stores.jobLogs,
    quotas: runtime.stores.tenantQuotas,
    scheduler: agendaSchedulerFactory(runtime.connection.db, runtime.bus),
    bus: runtime.bus,
    registry: runtime.registry,
    logger,
    maxConcurrency: config.globalConcurrency,
    processEveryMs: config.processEveryMs,
    heartbeatMs: config.heartbeatMs,
    progressIntervalMs: config.progressIntervalMs,
    lockLifetimeMs: config.lockLifetimeMs,
    backoffMs: config.backoffMs,
    eventCompanions: runtime.eventCompanions,
    jobLimits: config.jobLimits,
  });
  const supervisor = answerSupervisor(worker.id);
  const liveness = await startProcessLiveness({
    stores: runtime.stores,
    bus: runtime.bus,
    config,
    logger,
    id: worker.id,
    role: 'worker',
    // Held from before the claim until the run's end is written: the zombie detector trusts this list.
    runningJobIds: () => worker.heldJobIds,
    announcePause: (ms) => supervisor.announcePause(ms),
  });
  const jobs = runtime.jobs.store;
  const detector = new ZombieDetector({
    jobs,
    logs: runtime.stores.jobLogs,
    zombies: runtime.stores.zombies,
    workers: runtime.stores.workers,
    registry: runtime.registry,
    events: liveness.events,
    jobEvents: runtime.jobEvents,
    capture: liveness.capture,
    diagnostics: liveness.diagnostics,
    local: worker,
    logger: logger.child({ workerId: worker.id }),
    checkMs: config.liveness.zombieCheckMs,
    liveness: new WorkerLiveness(config.liveness),
    jobHeartbeatMs: config.heartbeatMs,
    noProgressMs: config.liveness.noProgressMs,
    heartbeatStallMs: config.liveness.heartbeatStallMs,
  });
  const retention = new RetentionSweep({ stores: runtime.stores, leases: runtime.stores.leases, settings: config.retention, logger, holder: worker.id });
  // Every worker process ticks: the schedules' claims make each occurrence one job, whatever the number of tickers.
  const ticker = new ScheduleTicker({ schedules: runtime.schedules, intervalMs: config.schedules.tickMs, logger });
  installProcessGuard({ logger, onFatal: () => worker.releaseAll(3000) });
  onShutdownSignal(logger, config.shutdownTimeoutMs, async () => {
    retention.stop();
    // Runs are aborted at once: a zombie check in progress must not delay their requeue.
    const [stopped] = await Promise.all([worker.shutdown(config.shutdownTimeoutMs), detector.stop(), ticker.stop()]);
    await liveness.stop();
    await runtime.close();
    if (stopped.running > 0) throw new ShutdownIncompleteError(`${stopped.running} job run(s) still going when the shutdown time ran out`);
  });
  await worker.start();
  detector.start();
  retention.start();
  ticker.start();
  process.stdout.write(`longhaul worker ${worker.id}: running\n`);
}
