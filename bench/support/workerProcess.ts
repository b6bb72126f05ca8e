import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { BenchProcess } from './benchProcess.ts';

/** Peak resident set (`VmHWM`) of a Linux process, bytes. */
export async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (match === null) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** The worker process a `longhaul work` supervisor started: its child running `worker-process` (tsx gives it an esbuild child too). */
export async function workerPid(supervisor: BenchProcess): Promise<number> {
  for (let i = 0; i < 300; i++) {
    let out = '';
    try {
      out = execFileSync('pgrep', ['-P', String(supervisor.pid)], { encoding: 'utf8' });
    } catch {
      // No child yet.
    }
    for (const pid of out.trim().split('\n').map(Number).filter((p) => Number.isInteger(p) && p > 0)) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('worker-process')) return pid;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker process did not start');
}
