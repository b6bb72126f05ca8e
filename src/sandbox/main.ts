import pino from 'pino';
import { SandboxError } from './errors/sandboxError.ts';
import { startSandbox } from './startSandbox.ts';

/**
 * Runs the sandbox org on its own: `tsx src/sandbox/main.ts`. Port from
 * `LONGHAUL_SANDBOX_PORT` (default 4100), demo org `demo@sandbox.longhaul` /
 * `demo` with `LONGHAUL_SANDBOX_RECORDS` records (default 2,000) generated
 * from `LONGHAUL_SANDBOX_SEED` (default 42), admin token from
 * `LONGHAUL_SANDBOX_ADMIN_TOKEN` (default: generated and logged). Refuses to
 * start with `NODE_ENV=production` (exit code 1).
 */
function readInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  }
  return value;
}

const logger = pino({ name: 'sandbox-org' });
const port = readInteger('LONGHAUL_SANDBOX_PORT', 4100);
const adminToken = process.env.LONGHAUL_SANDBOX_ADMIN_TOKEN;
let sandbox;
try {
  sandbox = await startSandbox({
    port,
    seed: readInteger('LONGHAUL_SANDBOX_SEED', 42),
    logger,
    orgs: [{ username: 'demo@sandbox.longhaul', password: 'demo', name: 'Longhaul Demo', size: readInteger('LONGHAUL_SANDBOX_RECORDS', 2000) }],
    ...(adminToken === undefined || adminToken === '' ? {} : { adminToken }),
  });
} catch (error) {
  if (!(error instanceof SandboxError)) throw error;
  logger.error({ code: error.code }, `sandbox org not started: ${error.message}`);
  process.exit(1);
}
logger.info({ loginUrl: sandbox.url, username: 'demo@sandbox.longhaul', password: 'demo', adminToken: sandbox.adminToken }, 'sandbox org ready (any client id/secret; admin API with Authorization: Bearer <adminToken>)');

const shutdown = (signal: string): void => {
  logger.info({ signal }, 'sandbox org stopping');
  void sandbox.stop().then(() => process.exit(0));
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
