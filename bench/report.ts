import type { EnqueuePhaseResult } from './enqueuePhase.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import type { ProgressLatencyResult } from './progressLatency.ts';
import type { LatencySummary } from './stats.ts';
import type { CpuUse } from './support/cpuMeter.ts';
import { renderTable } from './support/textTable.ts';

/** Goals the report checks results against. */
export const GOALS = {
  /** Plain Agenda p50 enqueue-to-start latency / longhaul's, at least. */
  latencyP50Ratio: 100,
  /** Longhaul throughput / plain Agenda's, at least. */
  throughputRatio: 3,
  /** Progress-to-subscriber p99 at 1,000 subscribers, below (ms). */
  progressP99AtThousandMs: 50,
} as const;

/** Everything one bench run measured. */
export interface BenchReport {
  /** Lines describing the setup (machine, database, service settings). */
  setup: string[];
  /** Part 1. */
  enqueue: EnqueuePhaseResult;
  /** Part 2, one entry per subscriber count. */
  progress: ProgressLatencyResult[];
  /** Total run time, ms. */
  elapsedMs: number;
}

const ms = (value: number): string => (Number.isFinite(value) ? `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms` : 'n/a');
const ratio = (value: number): string => (Number.isFinite(value) ? `${value >= 100 ? Math.round(value) : value.toFixed(1)}x` : 'n/a');
const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');
const pair = (s: LatencySummary): string => `${ms(s.p50)} / ${ms(s.p99)}`;
/** Serve CPU per event delivered to one subscriber, in µs. */
const perMessage = (p: ProgressLatencyResult): string => {
  const seconds = p.cpu.get('serve')?.seconds;
  const delivered = p.progress.count + p.lifecycle.count;
  return seconds === undefined || delivered === 0 ? 'n/a' : `${Math.round((seconds * 1e6) / delivered)} µs`;
};

/** Renders the report as text tables, goals next to results. */
export function renderReport(report: BenchReport): string {
  const { longhaul, plain } = report.enqueue;
  const p50Ratio = plain.latency.p50 / longhaul.latency.p50;
  const throughputRatio = longhaul.throughput.perSecond / plain.throughput.perSecond;
  const rate = (r: EnqueueResult): string =>
    `${Number.isFinite(r.throughput.perSecond) ? r.throughput.perSecond.toFixed(1) : 'n/a'} jobs/s${r.throughput.complete ? '' : ` (${r.throughput.jobs}/${r.throughput.requested} done)`}`;

  const enqueue = renderTable(
    ['Enqueue-to-start, trivial jobs', 'longhaul', 'plain Agenda', 'ratio', 'goal', 'result'],
    [
      ['latency p50', ms(longhaul.latency.p50), ms(plain.latency.p50), `${ratio(p50Ratio)} plain/longhaul`, `>= ${GOALS.latencyP50Ratio}x`, verdict(p50Ratio >= GOALS.latencyP50Ratio)],
      ['latency p99', ms(longhaul.latency.p99), ms(plain.latency.p99), `${ratio(plain.latency.p99 / longhaul.latency.p99)} plain/longhaul`, '', ''],
      ['latency max', ms(longhaul.latency.max), ms(plain.latency.max), '', '', ''],
      ['latency samples', String(longhaul.latency.count), String(plain.latency.count), '', '', ''],
      [
        `throughput (${longhaul.throughput.requested} / ${plain.throughput.requested} jobs)`,
        rate(longhaul),
        rate(plain),
        `${ratio(throughputRatio)} longhaul/plain`,
        `>= ${GOALS.throughputRatio}x`,
        verdict(throughputRatio >= GOALS.throughputRatio && longhaul.throughput.complete),
      ],
      ['burst span (first create to last finish)', ms(longhaul.throughput.spanMs), ms(plain.throughput.spanMs), '', '', ''],
      ['burst enqueue-to-start p50 / p99', pair(longhaul.burstLatency), pair(plain.burstLatency), '', '', ''],
    ],
  );

  const progress = renderTable(
    ['Progress-to-subscriber', 'sockets', 'events recv.', 'p50', 'p99', 'max', 'per socket', 'STARTED/SUCCEEDED p99', 'serve CPU/event', 'goal', 'result'],
    report.progress.map((p) => {
      const atThousand = p.subscribers >= 1000;
      return [
        `${p.subscribers} subscribers, 1 serve`,
        `${p.subscribed}/${p.subscribers}`,
        String(p.progress.count),
        ms(p.progress.p50),
        ms(p.progress.p99),
        ms(p.progress.max),
        `${p.eventsPerSubscriber.min}-${p.eventsPerSubscriber.max}`,
        ms(p.lifecycle.p99),
        perMessage(p),
        atThousand ? `p99 < ${GOALS.progressP99AtThousandMs} ms` : '',
        atThousand ? verdict(p.progress.p99 < GOALS.progressP99AtThousandMs && p.subscribed === p.subscribers) : '',
      ];
    }),
  );

  const cpuRows: [string, CpuUse][] = [
    ['plain Agenda (latency + burst)', report.enqueue.cpu.plain],
    ['longhaul (latency + burst)', report.enqueue.cpu.longhaul],
    ...report.progress.map((p): [string, CpuUse] => [`progress, ${p.subscribers} subscribers (worker start to last result)`, p.cpu]),
  ];
  const cpuColumns = [...new Set(cpuRows.flatMap(([, use]) => [...use.keys()]))];
  const cpu = renderTable(
    ['CPU: % of one core (CPU seconds)', ...cpuColumns],
    cpuRows.map(([label, use]) => [label, ...cpuColumns.map((c) => (use.has(c) ? `${Math.round(use.get(c)!.percent)}% (${use.get(c)!.seconds.toFixed(1)} s)` : ''))]),
  );

  const notes = [
    ...longhaul.notes.map((n) => `longhaul: ${n}`),
    ...plain.notes.map((n) => `plain Agenda: ${n}`),
    ...report.progress.flatMap((p) => p.notes.map((n) => `${p.subscribers} subscribers: ${n}`)),
  ];
  return [
    '',
    'longhaul bench',
    ...report.setup.map((line) => `  ${line}`),
    '',
    enqueue,
    `  longhaul latency: ${longhaul.latencyMethod}`,
    `  plain Agenda latency: ${plain.latencyMethod}`,
    '  throughput: burst created concurrently; jobs finished / (last finish - first create)',
    '',
    progress,
    "  serve CPU/event = serve's CPU seconds from the worker's start to the last result / events delivered to all subscribers",
    `  latency = receive time at the subscriber - event's \`at\` (publish time); socket setup took ${report.progress.map((p) => `${Number.isFinite(p.setupMs) ? `${(p.setupMs / 1000).toFixed(1)} s` : 'n/a'} (${p.subscribers})`).join(', ')}`,
    '',
    cpu,
    '',
    notes.length === 0 ? 'notes: none' : ['notes:', ...notes.map((n) => `  - ${n}`)].join('\n'),
    `total bench time: ${(report.elapsedMs / 1000).toFixed(0)} s`,
    '',
  ].join('\n');
}
