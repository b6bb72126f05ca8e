import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { childEnvironment } from '../config/childEnvironment.ts';

/** Options of {@link startSupervisedProcess}. */
export interface SupervisedProcessOptions {
  /** Executable to run. Required. */
  command: string;
  /** Its arguments. Default: none. */
  args?: readonly string[];
  /** Environment. Default: the allow-listed part of `process.env` (no API key or other secret: see `childEnvironment`). */
  env?: NodeJS.ProcessEnv;
  /** A directory the supervisor deletes once the process has exited, even if we were killed. Default: none. */
  removeOnExit?: string;
  /** How long `stop()` waits for a graceful exit before SIGKILL. Default: 15 000 ms. */
  stopTimeoutMs?: number;
  /** How many characters of combined stdout/stderr to keep for diagnostics. Default: 8 000. */
  outputLimit?: number;
}

/** A child process that cannot outlive this Node process. */
export interface SupervisedProcess {
  /** Pid of the supervised program itself (not of its `/bin/sh` supervisor). */
  readonly pid: number;
  /** Settles with the exit code (null when killed by a signal) once everything has exited. */
  readonly exited: Promise<number | null>;
  /** The tail of what the program printed. */
  output(): string;
  /** Ends the program (SIGTERM, then SIGKILL after the timeout) and waits for it. Idempotent. */
  stop(): Promise<void>;
}

// The program runs under a small sh supervisor that holds our stdin pipe. When
// we die in any way, even SIGKILL, the pipe reaches EOF and the watcher kills
// the program; SIGTERM to the supervisor does the same. The supervisor waits
// for the program, removes $LONGHAUL_REMOVE_ON_EXIT, and reports the program's
// pid on fd 3 so callers see the real server.
const SUPERVISOR = `
exec 4<&0
"$0" "$@" 3>&- 4<&- </dev/null &
child=$!
echo "$child" >&3
exec 3>&-
{ read _ <&4; kill "$child" 2>/dev/null; } &
watcher=$!
exec 4<&-
trap 'kill "$child" 2>/dev/null' TERM INT HUP
while :; do
  wait "$child"; status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
if [ -n "$LONGHAUL_REMOVE_ON_EXIT" ]; then rm -rf "$LONGHAUL_REMOVE_ON_EXIT"; fi
exit "$status"
`;

/**
 * Starts `command` so that it dies with this process: on `stop()`, on a
 * normal exit of this process, and when this process is killed outright.
 * The child does not keep the Node event loop alive by itself.
 */
export async function startSupervisedProcess(options: SupervisedProcessOptions): Promise<SupervisedProcess> {
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const outputLimit = options.outputLimit ?? 8_000;
  const env = { ...(options.env ?? childEnvironment(process.env)), LONGHAUL_REMOVE_ON_EXIT: options.removeOnExit ?? '' };

  const supervisor = spawn('/bin/sh', ['-c', SUPERVISOR, options.command, ...(options.args ?? [])], {
    env,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-outputLimit);
  };
  supervisor.stdout.on('data', collect);
  supervisor.stderr.on('data', collect);
  // A write after the supervisor is gone raises EPIPE; the exit handling covers it.
  supervisor.stdin.on('error', () => undefined);

  const exited = new Promise<number | null>((resolve, reject) => {
    supervisor.once('error', reject);
    supervisor.once('exit', (code) => resolve(code));
  });
  exited.catch(() => undefined);

  const pid = await readPid(supervisor.stdio[3] as Socket, exited, () => output);

  const onProcessExit = (): void => {
    supervisor.kill('SIGTERM');
  };
  process.once('exit', onProcessExit);
  void exited.finally(() => process.off('exit', onProcessExit)).catch(() => undefined);

  supervisor.unref();
  for (const stream of supervisor.stdio) (stream as Socket | null)?.unref();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      supervisor.ref();
      supervisor.stdin.end();
      const timer = setTimeout(() => {
        killQuietly(pid);
        supervisor.kill('SIGKILL');
      }, stopTimeoutMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };

  return { pid, exited, output: () => output, stop };
}

function readPid(channel: Socket, exited: Promise<number | null>, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => {
      text += chunk;
      const pid = Number.parseInt(text, 10);
      if (text.includes('\n') && Number.isInteger(pid)) resolve(pid);
    });
    exited.then(
      (code) => reject(new Error(`supervisor exited (code ${code}) before reporting a pid: ${output()}`)),
      reject,
    );
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
