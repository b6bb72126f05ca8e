import type { ChildProcess } from 'node:child_process';
import { readFile, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BlockedWorkerReport } from '../monitoring/blockedWorkerReports.ts';
import { reportThroughInspector } from './inspectorReport.ts';

/** Options of {@link collectBlockedReport}. */
export interface CollectBlockedReportOptions {
  child: ChildProcess;
  workerId: string | null;
  blockedForMs: number;
  /** Where the worker writes signal reports (`--report-directory`); the worker's cwd when unset. */
  reportDirectory: string | undefined;
  /** How long to wait for the worker's own report. */
  reportWaitMs: number;
  /** The worker's inspector port (`--inspect-port`), to pause the blocked code and report from inside it; none: signal report only. */
  inspectPort?: number;
}

/** Whether `name` is a report file Node wrote for process `pid` (`report.<date>.<time>.<pid>.<tid>.<seq>.json`), any when `pid` is unset. */
function isReportFile(name: string, pid?: number): boolean {
  return name.startsWith('report.') && name.endsWith('.json') && (pid === undefined || name.split('.').includes(String(pid)));
}

/**
 * Deletes the report files Node wrote into `directory` (of process `pid`, or all): they hold the process's
 * whole environment and command line, and are only ever stored redacted.
 */
export async function removeReportFiles(directory: string, pid?: number): Promise<void> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => isReportFile(name, pid));
  await Promise.all(names.map((name) => rm(join(directory, name), { force: true })));
}

/**
 * Gets a report of a worker whose event loop is blocked, within about `reportWaitMs`. First through its
 * inspector (see {@link reportThroughInspector}): a full Node report whose JavaScript stack is the blocking
 * code's. Failing that, it signals the worker (SIGUSR2, `--report-on-signal`) and waits for the report file;
 * Node writes that one from a JavaScript signal handler, so a loop that stays blocked writes none. Failing
 * both, the supervisor writes its own report from what the OS shows of the process (`/proc`), in the same
 * JSON shape's `header` and `longhaul` fields. Whatever the way, the content is redacted when stored (the
 * diagnostic store removes environment and command line), and no report file of the worker is left on disk.
 */
export async function collectBlockedReport(options: CollectBlockedReportOptions): Promise<BlockedWorkerReport> {
  const { child, workerId, blockedForMs, reportWaitMs, inspectPort } = options;
  const pid = child.pid!;
  let inspectorError: string | undefined;
  if (inspectPort !== undefined) {
    try {
      const { report, frames } = await reportThroughInspector(pid, inspectPort, reportWaitMs);
      report.longhaul = { workerId, reason: 'event loop blocked', blockedForMs, writtenBy: 'supervisor, through the inspector (paused in the blocking code)', blockedStack: frames };
      return { workerId, pid, blockedForMs, content: JSON.stringify(report) };
    } catch (error) {
      inspectorError = (error as Error).message;
    }
  }
  const directory = options.reportDirectory ?? process.cwd();
  const isOwnReport = (name: string) => isReportFile(name, pid);
  const before = new Set((await readdir(directory).catch(() => [] as string[])).filter(isOwnReport));
  const proc = await processState(pid);
  child.kill('SIGUSR2');
  const deadline = Date.now() + reportWaitMs;
  try {
    while (Date.now() < deadline) {
      await sleep(100);
      const fresh = (await readdir(directory).catch(() => [] as string[])).filter((name) => isOwnReport(name) && !before.has(name));
      for (const name of fresh) {
        const content = await readFile(join(directory, name), 'utf8').catch(() => '');
        try {
          const report = JSON.parse(content) as Record<string, unknown>;
          report.longhaul = { workerId, reason: 'event loop blocked', blockedForMs, writtenBy: 'worker (report on signal)' };
          return { workerId, pid, blockedForMs, content: JSON.stringify(report) };
        } catch {
          // Still being written: read it again on the next round.
        }
      }
    }
  } finally {
    await removeReportFiles(directory, pid);
  }
  const report = {
    header: {
      event: 'event loop blocked',
      trigger: 'supervisor',
      filename: null,
      dumpEventTime: new Date().toISOString(),
      processId: pid,
      host: hostname(),
      nodejsVersion: process.version,
    },
    javascriptStack: {
      message: `not available: the worker's event loop stayed blocked for ${reportWaitMs} ms after SIGUSR2, so it could not write its own report`,
      stack: [],
    },
    longhaul: { workerId, reason: 'event loop blocked', blockedForMs, writtenBy: 'supervisor', process: proc, ...(inspectorError === undefined ? {} : { inspectorError }) },
  };
  return { workerId, pid, blockedForMs, content: JSON.stringify(report) };
}

/** What Linux shows of a process (state, CPU times, memory, wait channel); empty elsewhere. */
async function processState(pid: number): Promise<Record<string, string>> {
  const read = (file: string) => readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => '');
  const [status, stat, wchan] = await Promise.all([read('status'), read('stat'), read('wchan')]);
  const fields: Record<string, string> = {};
  for (const line of status.split('\n')) {
    const [key, ...rest] = line.split(':');
    if (key !== undefined && ['State', 'VmRSS', 'VmHWM', 'Threads', 'voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches'].includes(key)) fields[key] = rest.join(':').trim();
  }
  if (stat !== '') {
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    fields.utimeTicks = afterName[11] ?? '';
    fields.stimeTicks = afterName[12] ?? '';
  }
  if (wchan !== '') fields.wchan = wchan;
  return fields;
}
