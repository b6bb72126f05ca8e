/** Longest `every` period accepted: 366 days. */
export const MAX_EVERY_MS = 366 * 24 * 3600 * 1000;

/** Shortest `every` period accepted: 1 second. */
export const MIN_EVERY_MS = 1000;

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration of fixed length (`PT30S`, `PT5M`, `P1DT12H`, `P2W`); `null` when the text is
 * not one. Years and months are refused (their length varies: use a cron instead), and so is a duration of zero.
 */
export function parseIsoDuration(text: string): number | null {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (match === null || text.trim().toUpperCase().endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) return null;
  const ms = Number(weeks ?? 0) * 604_800_000 + Number(days ?? 0) * 86_400_000 + Number(hours ?? 0) * 3_600_000 + Number(minutes ?? 0) * 60_000 + Math.round(Number(seconds ?? 0) * 1000);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}
