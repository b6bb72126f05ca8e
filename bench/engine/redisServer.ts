import { findExecutableOnPath } from '../../src/db/ferretdbBinary.ts';
import { findFreePort } from '../../src/db/freePort.ts';
import { BenchProcess } from '../support/benchProcess.ts';

/** How to get the peer's server on Debian, printed when it is missing. */
export const REDIS_INSTALL_HINT = 'install it with `sudo apt-get install -y redis-server` (or `apt-get install -y redis-server` as root)';

/** A `redis-server` started by the bench: no persistence, 127.0.0.1 only, killed with the bench. */
export interface RedisServer {
  /** Port it listens on. */
  port: number;
  /** Pid of `redis-server`. */
  pid: number;
  /** Output of `redis-server --version`'s first words, e.g. `v=7.0.15`. */
  version: string;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** Error for a `redis-server` that is not installed. */
export class RedisMissingError extends Error {
  override readonly name = 'RedisMissingError';
}

/** Starts `redis-server` on a free port with `save ""` and `appendonly no`; throws {@link RedisMissingError} when it is not on PATH. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = await findExecutableOnPath('redis-server');
  if (binary === undefined) throw new RedisMissingError(`redis-server is not on PATH: ${REDIS_INSTALL_HINT}`);
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const proc = BenchProcess.spawn({
      name: 'redis-server',
      command: binary,
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
    });
    try {
      const ready = await proc.waitForOutput(/Ready to accept connections|Server initialized/, 15_000);
      const version = /version=(\S+)/.exec(proc.tail())?.[1] ?? ready[0];
      return { port, pid: proc.pid, version, stop: async () => void (await proc.stop(5000)) };
    } catch (error) {
      proc.kill();
      if (attempt >= 3) throw error;
    }
  }
}
