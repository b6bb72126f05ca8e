import { MongoClient } from 'mongodb';

/** Options of {@link waitForPing}. */
export interface WaitForPingOptions {
  /** Give up after this long. Default: 30 000 ms. */
  timeoutMs?: number;
  /** Pause between attempts. Default: 200 ms. */
  intervalMs?: number;
  /** Settles when the server process is gone: waiting stops at once. Default: never. */
  exited?: Promise<unknown>;
  /**
   * Pid the answering server must report in `serverStatus`, so a server that
   * grabbed the same port first is not mistaken for ours. Default: not checked.
   */
  expectedPid?: number;
}

/** Outcome of {@link waitForPing}: why it stopped waiting. */
export type PingOutcome =
  | { status: 'ready' }
  | { status: 'exited' }
  | { status: 'foreign'; pid: unknown }
  | { status: 'timeout'; lastError: unknown };

/**
 * Retries `{ ping: 1 }` against `uri` until the server answers, the process
 * behind it exits, or the timeout passes. Never throws.
 */
export async function waitForPing(uri: string, options: WaitForPingOptions = {}): Promise<PingOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const intervalMs = options.intervalMs ?? 200;
  let gone = false;
  void options.exited?.finally(() => (gone = true)).catch(() => undefined);

  let lastError: unknown;
  while (!gone && Date.now() < deadline) {
    const client = new MongoClient(uri, {
      directConnection: true,
      serverSelectionTimeoutMS: 1_000,
      connectTimeoutMS: 1_000,
    });
    try {
      await client.db('admin').command({ ping: 1 });
      if (options.expectedPid === undefined) return { status: 'ready' };
      const { pid } = await client.db('admin').command({ serverStatus: 1 });
      return Number(pid) === options.expectedPid ? { status: 'ready' } : { status: 'foreign', pid };
    } catch (error) {
      lastError = error;
    } finally {
      await client.close().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return gone ? { status: 'exited' } : { status: 'timeout', lastError };
}
