import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Options of {@link BenchProcess.spawn}. */
export interface BenchProcessOptions {
  /** Label used in messages, e.g. `serve`. Required. */
  name: string;
  /** Executable. Default: this Node binary. */
  command?: string;
  /** Arguments. Required. */
  args: readonly string[];
  /** Environment. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Working directory. Default: `process.cwd()`. */
  cwd?: string;
  /** Open an IPC channel (for `process.send`). Default: false. */
  ipc?: boolean;
  /** Characters of combined stdout/stderr kept for diagnostics. Default: 20 000. */
  outputLimit?: number;
}

const live = new Set<BenchProcess>();

/**
 * A child process started by the bench, in its own process group so that it and whatever it
 * forks (the supervisor's worker processes) can be killed together. Every instance is tracked
 * until it exits: {@link BenchProcess.killAll} ends those still alive (on error or exit).
 */
export class BenchProcess {
  /** Settles with the exit code, or the signal name, once the process has exited. */
  readonly exited: Promise<number | string>;
  private output = '';
  private readonly watchers = new Set<() => void>();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    private readonly outputLimit: number,
  ) {
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-this.outputLimit);
      for (const watcher of this.watchers) watcher();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(this);
        resolve(code ?? signal ?? 'unknown');
        for (const watcher of this.watchers) watcher();
      });
      child.once('error', (error) => {
        live.delete(this);
        this.output += `\n[spawn error] ${error.message}`;
        resolve('spawn-error');
      });
    });
  }

  /** Starts a process in a new process group and tracks it. */
  static spawn(options: BenchProcessOptions): BenchProcess {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      detached: true,
      stdio: options.ipc === true ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    };
    const child = spawn(options.command ?? process.execPath, [...options.args], spawnOptions);
    const proc = new BenchProcess(options.name, child, options.outputLimit ?? 20_000);
    live.add(proc);
    return proc;
  }

  /** SIGKILLs the process group of every tracked process still alive. Synchronous, so usable in an `exit` handler. */
  static killAll(): void {
    for (const proc of live) proc.kill();
  }

  /** Pid of the process (also its process group id). */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Whether the process has not exited yet. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The tail of what the process printed. */
  tail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  /** Resolves with the first match of `pattern` in the output; rejects on exit or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.output);
        if (match !== null) return finish(() => resolve(match));
        if (!this.running) finish(() => reject(new Error(`${this.name} (pid ${this.pid}) exited before printing ${pattern}; output:\n${this.tail()}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`${this.name} (pid ${this.pid}) did not print ${pattern} within ${timeoutMs} ms; output:\n${this.tail()}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.watchers.delete(check);
        settle();
      };
      this.watchers.add(check);
      check();
    });
  }

  /**
   * Graceful stop: SIGTERM to the process itself (it stops its own children), then SIGKILL to the
   * whole group after `graceMs`. Resolves with how it exited. Idempotent.
   */
  async stop(graceMs = 15_000): Promise<number | string> {
    if (this.running) {
      this.signal('SIGTERM', false);
      const timer = setTimeout(() => this.kill(), graceMs);
      try {
        await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    // Children that outlived their parent (they should not) go with the group.
    this.signal('SIGKILL', true);
    return this.exited;
  }

  /** SIGKILL to the whole process group at once. */
  kill(): void {
    this.signal('SIGKILL', true);
  }

  private signal(signal: NodeJS.Signals, group: boolean): void {
    if (this.pid <= 0) return;
    try {
      process.kill(group ? -this.pid : this.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
