import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used, or `undefined` when unreadable (exited, not Linux). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The pid and every descendant pid of a process (Linux `/proc/<pid>/task/<tid>/children`). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length && pids.length < 1000; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children !== '') pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

/** A group of processes whose CPU use is measured together, e.g. `work` and its workers. */
export interface CpuSubject {
  label: string;
  /** Root pid. `undefined` when not running. */
  pid: () => number | undefined;
  /** Count the root's descendants too. Default: true. */
  tree?: boolean;
}

/** CPU a subject used over a window. */
export interface CpuSpent {
  /** CPU seconds (user + system). */
  seconds: number;
  /** `seconds` over the window's wall time, in percent of one core. */
  percent: number;
}

/** CPU use of each subject over a window, by subject label. */
export type CpuUse = Map<string, CpuSpent>;

/**
 * Measures CPU use over a window, per subject, from `/proc`. Processes that start during the
 * window are counted from their start; processes that exit during it lose what they used since
 * the window began (so figures are lower bounds).
 */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly startedAt = Date.now();

  constructor(private readonly subjects: CpuSubject[]) {
    for (const pid of this.pids()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds !== undefined) this.start.set(pid, seconds);
    }
  }

  /** CPU use since the meter was created, per subject label. */
  read(): CpuUse {
    const wallSeconds = (Date.now() - this.startedAt) / 1000;
    const use: CpuUse = new Map();
    for (const subject of this.subjects) {
      const root = subject.pid();
      if (root === undefined) continue;
      let seconds = 0;
      for (const pid of pidsOf(subject, root)) {
        const now = cpuSecondsOf(pid);
        if (now !== undefined) seconds += now - (this.start.get(pid) ?? 0);
      }
      use.set(subject.label, { seconds, percent: wallSeconds > 0 ? (seconds / wallSeconds) * 100 : Number.NaN });
    }
    return use;
  }

  private pids(): number[] {
    return this.subjects.flatMap((s) => {
      const root = s.pid();
      return root === undefined ? [] : pidsOf(s, root);
    });
  }
}

function pidsOf(subject: CpuSubject, root: number): number[] {
  return subject.tree === false ? [root] : processTree(root);
}
