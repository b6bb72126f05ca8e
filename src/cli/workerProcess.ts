import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { installProcessGuard } from '../engine/processGuard.ts';
import { Worker } from '../engine/worker.ts';
import { openRuntime } from './runtime.ts';
import { onShutdownSignal } from './shutdownSignals.ts';

/** One worker process (started by the supervisor): runs jobs until SIGTERM. */
export async function runWorkerProcess(config: Config, logger: Logger): Promise<void> {
  const runtime = await openRuntime(config, logger, { allowEmbedded: false });
  const worker = new Worker({
    db: runtime.connection.db,
    bus: runtime.bus,
    registry: runtime.registry,
    logger,
    maxConcurrency: config.globalConcurrency,
    processEveryMs: config.processEveryMs,
    heartbeatMs: config.heartbeatMs,
    progressIntervalMs: config.progressIntervalMs,
    lockLifetimeMs: config.lockLifetimeMs,
    backoffMs: config.backoffMs,
  });
  installProcessGuard({ logger, onFatal: () => worker.releaseAll(3000) });
  onShutdownSignal(logger, config.shutdownTimeoutMs, async () => {
    await worker.shutdown(config.shutdownTimeoutMs);
    await runtime.close();
  });
  await worker.start();
  process.stdout.write(`longhaul worker ${worker.id}: running\n`);
}
