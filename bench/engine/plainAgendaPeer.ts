import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { runBounded } from '../support/boundedConcurrency.ts';
import { cpuSecondsOf } from '../support/cpuMeter.ts';
import { burstRate, type BurstFigure } from './burstFigure.ts';
import { CommandCounter, type CommandSource } from './commandCounter.ts';

/** Options of {@link measurePlainAgendaBurst}. */
export interface PlainAgendaBurstOptions {
  /** A database of its own on the bench's server. Required. */
  db: Db;
  /** Jobs in the burst. Required. */
  size: number;
  /** Agenda's `processEvery`, ms; `undefined` keeps Agenda's default (5 s). */
  processEveryMs: number | undefined;
  /** `agenda.now()` calls in flight. Required. */
  createConcurrency: number;
  /** Bound of the whole burst, creation included, ms. Required. */
  timeoutMs: number;
  /** Pid of the database process, for its CPU. */
  databasePid: number | undefined;
  /** Database command counts, when readable. */
  commands: CommandSource | undefined;
}

/**
 * Plain Agenda 6 with `MongoBackend` and its defaults (`maxConcurrency` 20, `defaultConcurrency` 5) in this process,
 * an empty job: a burst of `agenda.now()` calls, timed from the first to the last `complete` event.
 */
export async function measurePlainAgendaBurst(options: PlainAgendaBurstOptions): Promise<BurstFigure> {
  const notes: string[] = [];
  const agenda = new Agenda({ backend: new MongoBackend({ mongo: options.db }), ...(options.processEveryMs === undefined ? {} : { processEvery: options.processEveryMs }) });
  const finishes = new Map<string, number>();
  let wake: (() => void) | undefined;
  agenda.on('complete:noop', (job: Job) => {
    finishes.set(String(job.attrs._id), Date.now());
    wake?.();
  });
  agenda.on('error', (error: Error) => {
    if (notes.length < 5) notes.push(`agenda error: ${error.message}`);
  });
  agenda.define('noop', async () => undefined);
  await agenda.start();
  try {
    const counter = await CommandCounter.start(options.commands);
    const cpuBefore = options.databasePid === undefined ? undefined : cpuSecondsOf(options.databasePid);
    const startedAt = Date.now();
    const deadline = startedAt + options.timeoutMs;
    let failures = 0;
    const ids = await runBounded(options.size, options.createConcurrency, async () => {
      if (Date.now() >= deadline) return undefined;
      try {
        return String((await agenda.now('noop')).attrs._id);
      } catch (error) {
        if (failures++ === 0) notes.push(`agenda.now() failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    });
    const created = ids.filter((id) => id !== undefined).length;
    notes.push(`creating took ${Date.now() - startedAt} ms${created < options.size ? ` and stopped at the time bound after ${created}` : ''}`);
    while (finishes.size < created && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, Math.min(1000, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const cpuAfter = options.databasePid === undefined ? undefined : cpuSecondsOf(options.databasePid);
    const counts = await counter?.read().catch(() => undefined);
    if (finishes.size < options.size) notes.push(`time bound hit: ${finishes.size} of ${options.size} finished`);
    return {
      ...burstRate(options.size, created, [...finishes.values()], startedAt),
      createMethod: `agenda.now(), ${options.createConcurrency} in flight`,
      dbCpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      commands: counts,
      notes,
    };
  } finally {
    await agenda.stop().catch((error: unknown) => notes.push(`agenda stop failed: ${String(error)}`));
  }
}
