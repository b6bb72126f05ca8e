import type { ProgressLatencyResult } from '../progressLatency.ts';
import type { LatencySummary } from '../stats.ts';
import { renderTable } from '../support/textTable.ts';
import type { BullmqResult } from './bullmqPeer.ts';
import type { BurstFigure, NotMeasured } from './burstFigure.ts';
import { describePerUnit, totalCommands } from './commandCounter.ts';
import type { IdleResult } from './idlePhase.ts';
import type { LonghaulResult } from './longhaulPeer.ts';

/** The goals of issue 14 that `npm run bench -- engine` checks. */
export const ENGINE_GOALS = {
  /** Longhaul's burst throughput / BullMQ's, at least. */
  burstVsBullmq: 0.1,
  /** Longhaul's burst throughput / plain Agenda's (defaults), at least. */
  burstVsPlainAgenda: 20,
  /** Longhaul's enqueue-to-start p50 / BullMQ's, at most. */
  latencyP50VsBullmq: 5,
  /** Longhaul's enqueue-to-start p99 / BullMQ's, at most. */
  latencyP99VsBullmq: 10,
  /** Burst throughput with the preload / without, at least (within 20%). */
  preloadedBurstRatio: 0.8,
  /** `jobs(RUNNING)` p50 with the preload / without, at most (within 20%). */
  preloadedQueryRatio: 1.2,
  /** Idle `longhaul all`: database CPU, % of one core, below. */
  idleCpuPercent: 1,
  /** Idle `longhaul all`: database commands per second, at most ("a few"). */
  idleCommandsPerSecond: 5,
  /** Progress fan-out p99 by subscriber count, ms, below (a count between two goals takes the larger one's). */
  progressP99Ms: [
    [1000, 50],
    [5000, 100],
  ] as const,
} as const;

/** Everything `npm run bench -- engine` measured. */
export interface EngineReport {
  /** Setup lines (machine, servers, settings). */
  setup: string[];
  longhaul: LonghaulResult | NotMeasured;
  bullmq: BullmqResult | NotMeasured;
  /** Plain Agenda with its defaults, one burst per size. */
  plainDefaults: BurstFigure[] | NotMeasured;
  /** Plain Agenda with `processEvery` 100 ms. */
  plainFast: BurstFigure[] | NotMeasured;
  idle: IdleResult | NotMeasured;
  progress: ProgressLatencyResult[] | NotMeasured;
  /** Total run time, ms. */
  elapsedMs: number;
}

const measured = <T extends object>(value: T | NotMeasured): T | undefined => ('notMeasured' in value ? undefined : (value));
const num = (value: number, digits = 1): string => (Number.isFinite(value) ? (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits)) : 'n/a');
const ms = (value: number): string => (Number.isFinite(value) ? `${num(value)} ms` : 'n/a');
const rate = (b: BurstFigure | undefined): string => (b === undefined ? 'NOT MEASURED' : `${num(b.perSecond)} jobs/s${b.complete ? '' : ` (${b.finished}/${b.size} done)`}`);
const cpuPerJob = (b: BurstFigure | undefined): string =>
  b === undefined ? 'NOT MEASURED' : b.dbCpuSeconds === undefined ? 'n/a (external database)' : b.finished === 0 ? 'n/a' : `${num((b.dbCpuSeconds * 1000) / b.finished, 2)} ms`;
const pair = (s: LatencySummary | undefined): string => (s === undefined ? 'NOT MEASURED' : `${ms(s.p50)} / ${ms(s.p99)}`);
const ofSize = (bursts: BurstFigure[] | undefined, size: number): BurstFigure | undefined => bursts?.find((b) => b.size === size);

/** Goal verdict: `MET`, `NOT MET`, or `NOT MEASURED` when a side is missing or not finite. */
function verdict(value: number | undefined, met: (v: number) => boolean): string {
  if (value === undefined || !Number.isFinite(value)) return 'NOT MEASURED';
  return met(value) ? 'MET' : 'NOT MET';
}

/** Renders the engine report: figures side by side, then each goal with met / not met, then the commands per job. */
export function renderEngineReport(report: EngineReport): string {
  const longhaul = measured(report.longhaul);
  const bullmq = measured(report.bullmq);
  const plainDefaults = measured(report.plainDefaults);
  const plainFast = measured(report.plainFast);
  const idle = measured(report.idle);
  const progress = measured(report.progress);
  const sizes = [...new Set([...(longhaul?.bursts ?? []), ...(bullmq?.bursts ?? []), ...(plainDefaults ?? []), ...(plainFast ?? [])].map((b) => b.size))].sort((a, b) => a - b);
  const first = longhaul?.bursts[0]?.size ?? sizes[0] ?? 0;
  const missing = (value: object): string => ('notMeasured' in value ? 'NOT MEASURED' : '');
  const plainCell = (bursts: BurstFigure[] | undefined, source: object, size: number, cell: (b: BurstFigure | undefined) => string): string =>
    bursts === undefined ? missing(source) : ofSize(bursts, size) === undefined ? 'not run' : cell(ofSize(bursts, size));

  const figures = renderTable(
    ['Figure (trivial jobs)', 'longhaul', 'BullMQ on Redis', 'plain Agenda (defaults)', 'plain Agenda (processEvery 100 ms)'],
    [
      ...sizes.flatMap((size) => [
        [`burst of ${size.toLocaleString('en-US')}: throughput`, rate(ofSize(longhaul?.bursts, size)), rate(ofSize(bullmq?.bursts, size)), plainCell(plainDefaults, report.plainDefaults, size, rate), plainCell(plainFast, report.plainFast, size, rate)],
        [`burst of ${size.toLocaleString('en-US')}: database CPU per job`, cpuPerJob(ofSize(longhaul?.bursts, size)), cpuPerJob(ofSize(bullmq?.bursts, size)), plainCell(plainDefaults, report.plainDefaults, size, cpuPerJob), plainCell(plainFast, report.plainFast, size, cpuPerJob)],
      ]),
      [`burst of ${first.toLocaleString('en-US')} with ${(longhaul?.preloaded.jobs ?? 0).toLocaleString('en-US')} finished jobs stored`, rate(longhaul?.preloadedBurst), '', '', ''],
      [`  database CPU per job`, cpuPerJob(longhaul?.preloadedBurst), '', '', ''],
      ['enqueue-to-start p50 / p99 (sequential)', pair(longhaul?.latency.summary), pair(bullmq?.latency.summary), '', ''],
      ['jobs(first: 50, RUNNING) p50 / p99, empty', pair(longhaul?.query.empty), '', '', ''],
      [`jobs(first: 50, RUNNING) p50 / p99, ${(longhaul?.preloaded.jobs ?? 0).toLocaleString('en-US')} stored`, pair(longhaul?.query.preloaded), '', '', ''],
    ],
  );

  const firstLonghaul = longhaul?.bursts[0];
  const firstBullmq = ofSize(bullmq?.bursts, first);
  // The plain Agenda runs may use other sizes (BENCH_ENGINE_PLAIN_BURSTS): then their first burst is compared.
  const firstPlain = ofSize(plainDefaults, first) ?? plainDefaults?.[0];
  const vsBullmq = firstLonghaul && firstBullmq ? firstLonghaul.perSecond / firstBullmq.perSecond : undefined;
  const vsPlain = firstLonghaul && firstPlain ? firstLonghaul.perSecond / firstPlain.perSecond : undefined;
  const p50Ratio = longhaul && bullmq ? longhaul.latency.summary.p50 / bullmq.latency.summary.p50 : undefined;
  const p99Ratio = longhaul && bullmq ? longhaul.latency.summary.p99 / bullmq.latency.summary.p99 : undefined;
  const preloadRatio = firstLonghaul && longhaul?.preloadedBurst ? longhaul.preloadedBurst.perSecond / firstLonghaul.perSecond : undefined;
  const queryRatio = longhaul?.query.preloaded ? longhaul.query.preloaded.p50 / longhaul.query.empty.p50 : undefined;
  const idleDbCpu = idle?.cpu.get('database')?.percent;
  const idleCommands = idle?.commands === undefined ? undefined : totalCommands(idle.commands) / idle.seconds;
  const x = (v: number | undefined, digits = 2): string => (v === undefined ? 'NOT MEASURED' : Number.isFinite(v) ? `${num(v, digits)}x` : 'n/a');
  const G = ENGINE_GOALS;
  const goals: string[][] = [
    [`burst of ${first}: longhaul / BullMQ throughput`, x(vsBullmq, 3), `>= ${G.burstVsBullmq}x`, verdict(vsBullmq, (v) => v >= G.burstVsBullmq && firstLonghaul!.complete)],
    [`burst of ${first}${firstPlain !== undefined && firstPlain.size !== first ? ` (plain Agenda ${firstPlain.size})` : ''}: longhaul / plain Agenda (defaults) throughput`, x(vsPlain), `>= ${G.burstVsPlainAgenda}x`, verdict(vsPlain, (v) => v >= G.burstVsPlainAgenda && firstLonghaul!.complete)],
    ['enqueue-to-start p50: longhaul / BullMQ', x(p50Ratio), `<= ${G.latencyP50VsBullmq}x`, verdict(p50Ratio, (v) => v <= G.latencyP50VsBullmq)],
    ['enqueue-to-start p99: longhaul / BullMQ', x(p99Ratio), `<= ${G.latencyP99VsBullmq}x`, verdict(p99Ratio, (v) => v <= G.latencyP99VsBullmq)],
    [`burst of ${first}: with ${(longhaul?.preloaded.jobs ?? 0).toLocaleString('en-US')} stored / empty`, x(preloadRatio), `>= ${G.preloadedBurstRatio}x`, verdict(preloadRatio, (v) => v >= G.preloadedBurstRatio && longhaul!.preloadedBurst!.complete)],
    ['jobs(RUNNING) p50: stored / empty', x(queryRatio), `<= ${G.preloadedQueryRatio}x`, verdict(queryRatio, (v) => v <= G.preloadedQueryRatio)],
    [`idle longhaul all (${idle?.seconds ?? '?'} s): database CPU`, idleDbCpu === undefined ? 'NOT MEASURED' : `${num(idleDbCpu, 2)}% of a core`, `< ${G.idleCpuPercent}%`, verdict(idleDbCpu, (v) => v < G.idleCpuPercent)],
    ['idle longhaul all: database commands', idleCommands === undefined ? 'NOT MEASURED' : `${num(idleCommands)}/s`, `<= ${G.idleCommandsPerSecond}/s`, verdict(idleCommands, (v) => v <= G.idleCommandsPerSecond)],
    ...(progress ?? []).map((p) => {
      const goal = G.progressP99Ms.find(([count]) => p.subscribers <= count) ?? G.progressP99Ms.at(-1)!;
      return [
        `progress fan-out p99, ${p.subscribers.toLocaleString('en-US')} subscribers (${p.subscribed} subscribed)`,
        ms(p.progress.p99),
        `< ${goal[1]} ms`,
        verdict(p.progress.p99, (v) => v < goal[1] && p.subscribed === p.subscribers),
      ];
    }),
    ...(progress === undefined ? [['progress fan-out', 'NOT MEASURED', '', 'NOT MEASURED']] : []),
  ];
  const goalTable = renderTable(['Goal (issue 14)', 'measured', 'goal', 'result'], goals);

  const commandLines: string[] = [];
  const commandLine = (label: string, b: BurstFigure | undefined): void => {
    if (b !== undefined) commandLines.push(`  ${label}: ${describePerUnit(b.commands, b.finished, 8)}`);
  };
  commandLine(`longhaul, burst of ${first}`, firstLonghaul);
  commandLine(`longhaul, burst of ${first} with ${longhaul?.preloaded.jobs ?? 0} stored`, longhaul?.preloadedBurst);
  commandLine(`BullMQ (Redis commands), burst of ${first}`, firstBullmq);
  commandLine(`plain Agenda (defaults), burst of ${firstPlain?.size ?? first}`, firstPlain);
  commandLine(`plain Agenda (processEvery 100 ms), burst of ${firstPlain?.size ?? first}`, ofSize(plainFast, firstPlain?.size ?? first));
  if (idle !== undefined) commandLines.push(`  idle longhaul all, per second: ${describePerUnit(idle.commands, idle.seconds, 8)}`);

  const progressRows = (progress ?? []).map((p) => [
    `${p.subscribers.toLocaleString('en-US')} subscribers`,
    `${p.subscribed}/${p.subscribers}`,
    String(p.progress.count),
    ms(p.progress.p50),
    ms(p.progress.p99),
    ms(p.progress.max),
    Number.isFinite(p.setupMs) ? `${(p.setupMs / 1000).toFixed(1)} s` : 'n/a',
    describeFanOutCpu(p),
  ]);

  const notes = [
    ...('notMeasured' in report.longhaul ? [`longhaul: NOT MEASURED: ${report.longhaul.notMeasured}`] : []),
    ...('notMeasured' in report.bullmq ? [`BullMQ: NOT MEASURED: ${report.bullmq.notMeasured}`] : []),
    ...('notMeasured' in report.plainDefaults ? [`plain Agenda (defaults): NOT MEASURED: ${report.plainDefaults.notMeasured}`] : []),
    ...('notMeasured' in report.plainFast ? [`plain Agenda (100 ms): NOT MEASURED: ${report.plainFast.notMeasured}`] : []),
    ...('notMeasured' in report.idle ? [`idle: NOT MEASURED: ${report.idle.notMeasured}`] : []),
    ...('notMeasured' in report.progress ? [`progress: NOT MEASURED: ${report.progress.notMeasured}`] : []),
    ...(longhaul === undefined
      ? []
      : [
          ...longhaul.notes.map((n) => `longhaul: ${n}`),
          ...longhaul.bursts.flatMap((b) => b.notes.map((n) => `longhaul burst of ${b.size}: ${n}`)),
          ...(longhaul.preloadedBurst?.notes ?? []).map((n) => `longhaul burst with ${longhaul.preloaded.jobs} stored: ${n}`),
          ...longhaul.latency.notes.map((n) => `longhaul latency: ${n}`),
          `longhaul: ${longhaul.preloaded.jobs} finished jobs inserted in ${(longhaul.preloaded.ms / 1000).toFixed(1)} s`,
        ]),
    ...(bullmq?.bursts ?? []).flatMap((b) => b.notes.map((n) => `BullMQ burst of ${b.size}: ${n}`)),
    ...(bullmq?.latency.notes ?? []).map((n) => `BullMQ latency: ${n}`),
    ...(plainDefaults ?? []).flatMap((b) => b.notes.map((n) => `plain Agenda (defaults) burst of ${b.size}: ${n}`)),
    ...(plainFast ?? []).flatMap((b) => b.notes.map((n) => `plain Agenda (100 ms) burst of ${b.size}: ${n}`)),
    ...(idle?.notes ?? []).map((n) => `idle: ${n}`),
    ...(progress ?? []).flatMap((p) => p.notes.map((n) => `progress ${p.subscribers}: ${n}`)),
  ];

  return [
    '',
    'longhaul engine bench (issue 14)',
    ...report.setup.map((line) => `  ${line}`),
    '',
    figures,
    `  longhaul burst: ${longhaul?.createMethod ?? 'NOT MEASURED'}; BullMQ burst: one addBulk call; plain Agenda burst: agenda.now() calls`,
    '  throughput = jobs finished / (last finish - first create call); database CPU = CPU seconds of the database process over the burst / jobs finished',
    `  enqueue-to-start: longhaul ${longhaul?.latency.method ?? ''}; BullMQ ${bullmq?.latency.method ?? ''}`,
    '',
    goalTable,
    '',
    `Database commands per job, by command (${report.setup.some((l) => l.includes('debug metrics')) ? 'FerretDB debug metrics / Redis INFO commandstats; every client counted, the bench included' : 'NOT MEASURED without the embedded FerretDB'}):`,
    ...commandLines,
    '',
    progressRows.length === 0 ? 'Progress fan-out: NOT MEASURED' : renderTable(['Progress fan-out, 1 serve', 'subscribed', 'events recv.', 'p50', 'p99', 'max', 'socket setup', 'CPU, % of a core: serve / subscribers / work / database'], progressRows),
    '',
    notes.length === 0 ? 'notes: none' : ['notes:', ...notes.map((n) => `  - ${n}`)].join('\n'),
    `total bench time: ${(report.elapsedMs / 1000).toFixed(0)} s`,
    '',
  ].join('\n');
}

/** CPU use of each process group while events flowed (subscriber processes summed), in % of one core. */
function describeFanOutCpu(p: ProgressLatencyResult): string {
  const percent = (prefix: string): string => {
    const parts = [...p.cpu].filter(([label]) => label === prefix || label.startsWith(`${prefix}#`));
    return parts.length === 0 ? 'n/a' : `${Math.round(parts.reduce((sum, [, spent]) => sum + spent.percent, 0))}%`;
  };
  return ['serve', 'subscribers', 'work', 'database'].map(percent).join(' / ');
}
