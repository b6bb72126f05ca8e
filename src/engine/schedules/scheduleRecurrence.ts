import { Cron } from 'croner';
import { MAX_EVERY_MS, MIN_EVERY_MS, parseIsoDuration } from './isoDuration.ts';

/** When a schedule fires: a cron expression in a time zone, or a fixed period from an anchor. */
export type RecurrenceSpec = { kind: 'cron'; cron: string; timezone: string } | { kind: 'every'; everyMs: number; anchor: Date };

/** A problem with a recurrence, named by the input field it comes from. */
export interface RecurrenceProblem {
  path: 'cron' | 'every' | 'timezone';
  message: string;
}

/** Whether `zone` is an IANA time zone this runtime knows (`UTC` included). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks `cron` xor `every` and the zone, and returns the recurrence (anchored at `anchor` for `every`) or the
 * problems. A cron must have 5 fields (minute precision) or 6 (seconds first) and fire at least once from `anchor`.
 */
export function parseRecurrence(input: { cron?: string | null; every?: string | null; timezone: string }, anchor: Date): { recurrence: RecurrenceSpec } | { problems: RecurrenceProblem[] } {
  const problems: RecurrenceProblem[] = [];
  const hasCron = input.cron !== undefined && input.cron !== null;
  const hasEvery = input.every !== undefined && input.every !== null;
  if (hasCron === hasEvery) return { problems: [{ path: hasCron ? 'every' : 'cron', message: 'give exactly one of cron and every' }] };
  if (!isKnownTimeZone(input.timezone)) problems.push({ path: 'timezone', message: `"${input.timezone.slice(0, 60)}" is not an IANA time zone` });
  if (hasEvery) {
    const ms = parseIsoDuration(input.every!);
    if (ms === null) return { problems: [...problems, { path: 'every', message: `"${input.every!.slice(0, 40)}" is not an ISO 8601 duration of fixed length (e.g. PT30S, PT5M, P1D)` }] };
    if (ms < MIN_EVERY_MS || ms > MAX_EVERY_MS) return { problems: [...problems, { path: 'every', message: `must be between PT1S and P366D` }] };
    return problems.length > 0 ? { problems } : { recurrence: { kind: 'every', everyMs: ms, anchor } };
  }
  const cron = input.cron!.trim().replace(/\s+/g, ' ');
  const fields = cron.split(' ').length;
  if (fields !== 5 && fields !== 6) return { problems: [...problems, { path: 'cron', message: `a cron has 5 fields (minute hour day month weekday) or 6 (seconds first), not ${fields}` }] };
  if (problems.length > 0) return { problems };
  const recurrence: RecurrenceSpec = { kind: 'cron', cron, timezone: input.timezone };
  try {
    if (nextOccurrence(recurrence, anchor) === null) return { problems: [{ path: 'cron', message: `"${cron}" never fires` }] };
  } catch (error) {
    return { problems: [{ path: 'cron', message: error instanceof Error ? error.message.slice(0, 200) : 'not a cron expression' }] };
  }
  return { recurrence };
}

function cronOf(spec: Extract<RecurrenceSpec, { kind: 'cron' }>): Cron {
  return new Cron(spec.cron, { timezone: spec.timezone, paused: true, mode: '5-or-6-parts' });
}

/**
 * The first occurrence strictly after `after`, or `null` when there is none. Time zones and DST are croner's: a
 * local time that does not exist (spring forward) fires once, at the first instant after the gap; a fixed local time
 * in a repeated hour (fall back) fires once.
 */
export function nextOccurrence(spec: RecurrenceSpec, after: Date): Date | null {
  if (spec.kind === 'every') {
    const elapsed = after.getTime() - spec.anchor.getTime();
    const periods = elapsed < 0 ? 0 : Math.floor(elapsed / spec.everyMs) + 1;
    return new Date(spec.anchor.getTime() + periods * spec.everyMs);
  }
  return cronOf(spec).nextRun(after);
}

/** Up to `count` occurrences strictly after `after`, in order. */
export function nextOccurrences(spec: RecurrenceSpec, after: Date, count: number): Date[] {
  if (spec.kind === 'cron') return cronOf(spec).nextRuns(count, after);
  const runs: Date[] = [];
  let at: Date | null = after;
  while (runs.length < count && at !== null) {
    at = nextOccurrence(spec, at);
    if (at !== null) runs.push(at);
  }
  return runs;
}

/**
 * The occurrences from `first` (an occurrence, included) up to `until` (included), oldest first, at most `max` of
 * them (the latest when there are more), and the first occurrence after `until`. `first` after `until` gives none.
 */
export function occurrencesThrough(spec: RecurrenceSpec, first: Date, until: Date, max: number): { due: Date[]; next: Date | null } {
  if (first.getTime() > until.getTime()) return { due: [], next: first };
  const next = nextOccurrence(spec, until);
  if (spec.kind === 'every') {
    const total = Math.floor((until.getTime() - first.getTime()) / spec.everyMs) + 1;
    const kept = Math.min(total, max);
    const due = Array.from({ length: kept }, (_, i) => new Date(first.getTime() + (total - kept + i) * spec.everyMs));
    return { due, next };
  }
  // Walking back from `until` costs `max` steps however long the service was down.
  const latest = cronOf(spec).previousRuns(max, new Date(until.getTime() + 1));
  const due = latest.filter((at) => at.getTime() >= first.getTime()).reverse();
  return { due, next };
}
