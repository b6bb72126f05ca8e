import type { LatencySummary } from '../stats.ts';
import type { CommandCounts } from './commandCounter.ts';

/** One system's burst: N trivial jobs created at once, timed from the first create to the last finish. */
export interface BurstFigure {
  /** Jobs asked for. */
  size: number;
  /** Jobs created before the burst's time bound. */
  created: number;
  /** Jobs finished within the bound. */
  finished: number;
  /** First create to last finish, ms. */
  spanMs: number;
  /** `finished / spanMs`, per second; 0 when jobs were created but none finished, `NaN` when none was created. */
  perSecond: number;
  /** Every job asked for finished within the bound. */
  complete: boolean;
  /** How the jobs were created, e.g. `one addBulk call`. */
  createMethod: string;
  /** CPU seconds of the database process (FerretDB, redis-server) over the burst; `undefined` when not measurable (external database). */
  dbCpuSeconds: number | undefined;
  /** Database commands over the burst by name; `undefined` when not measurable. */
  commands: CommandCounts | undefined;
  /** Anything odd seen. */
  notes: string[];
}

/** Enqueue-to-start of jobs created one after the other, each waited for. */
export interface SequentialLatency {
  /** Milliseconds from the create call to the job's start. */
  summary: LatencySummary;
  /** How it was measured. */
  method: string;
  /** Anything odd seen. */
  notes: string[];
}

/** A figure's system could not be measured: why. */
export interface NotMeasured {
  notMeasured: string;
}

/** Builds a {@link BurstFigure}'s rate fields. */
export function burstRate(size: number, created: number, finishes: number[], startedAt: number): Pick<BurstFigure, 'size' | 'created' | 'finished' | 'spanMs' | 'perSecond' | 'complete'> {
  const spanMs = finishes.length === 0 ? Number.NaN : Math.max(...finishes) - startedAt;
  // Nothing finished within the bound is a rate of 0 (it fails its goals), not an unknown one.
  const perSecond = finishes.length === 0 ? (created > 0 ? 0 : Number.NaN) : spanMs > 0 ? (finishes.length / spanMs) * 1000 : Number.NaN;
  return { size, created, finished: finishes.length, spanMs, perSecond, complete: finishes.length === size };
}
