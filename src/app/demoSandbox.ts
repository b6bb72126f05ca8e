import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';

/** Login of the demo org `longhaul all` starts with the sandbox. */
export const DEMO_ORG = { username: 'demo@sandbox.longhaul', password: 'demo', name: 'Longhaul Demo' } as const;

/** The sandbox org server `longhaul all` runs next to the API. */
export interface DemoSandbox {
  /** Login URL and instance URL of the demo org. */
  url: string;
  /** Token of its admin API (`Authorization: Bearer <adminToken>` on `/__admin`). */
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the Salesforce sandbox (`src/sandbox`) on `config.sandbox.port` with the demo org:
 * `config.sandbox.records` generated records from `config.sandbox.seed`, any client id and secret.
 * Loaded on demand, so `serve` and `work` never load the simulator. The sandbox is a development
 * tool: with `NODE_ENV=production` it is not started (one log line says so) and this answers `undefined`.
 */
export async function startDemoSandbox(config: Config, logger: Logger): Promise<DemoSandbox | undefined> {
  if (config.production) {
    logger.warn('sandbox org not started: it is a development tool and never starts with NODE_ENV=production (LONGHAUL_SANDBOX ignored)');
    return undefined;
  }
  const { startSandbox } = await import('../sandbox/index.ts');
  const sandbox = await startSandbox({
    port: config.sandbox.port,
    host: config.host,
    seed: config.sandbox.seed,
    logger: logger.child({ component: 'sandbox' }),
    orgs: [{ ...DEMO_ORG, size: config.sandbox.records }],
    ...(config.sandbox.adminToken === undefined ? {} : { adminToken: config.sandbox.adminToken }),
  });
  logger.info({ loginUrl: sandbox.url, username: DEMO_ORG.username, records: config.sandbox.records }, 'sandbox org started');
  return { url: sandbox.url, adminToken: sandbox.adminToken, stop: () => sandbox.stop() };
}
