const dayMs = 86_400_000;
const dateTexts = new Map<number, string>();

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DDThh:mm:ss.sss` in UTC; the date part is cached per day, which makes formatting millions of stamps cheap. */
function isoWithoutZone(ms: number): string {
  const day = Math.floor(ms / dayMs);
  const inDay = ms - day * dayMs;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  return `${SalesforceDate.toDate(day * dayMs)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(inDay % 1000, 3)}`;
}

/**
 * Salesforce's date and datetime text forms. REST JSON writes datetimes as
 * `2024-05-01T10:20:30.000+0000`, Bulk CSV as `2024-05-01T10:20:30.000Z`,
 * dates as `2024-05-01`. Inputs accept ISO-8601 with `Z`, `+hh:mm` or `+hhmm`.
 */
export const SalesforceDate = {
  dayMs,

  /** REST JSON form of an epoch-ms datetime. */
  toRestDateTime(ms: number): string {
    return `${isoWithoutZone(ms)}+0000`;
  },

  /** Bulk CSV form of an epoch-ms datetime. */
  toCsvDateTime(ms: number): string {
    return `${isoWithoutZone(ms)}Z`;
  },

  /** `YYYY-MM-DD` of an epoch-ms instant (UTC). */
  toDate(ms: number): string {
    const day = Math.floor(ms / dayMs);
    let text = dateTexts.get(day);
    if (text === undefined) {
      text = new Date(day * dayMs).toISOString().slice(0, 10);
      if (dateTexts.size < 200_000) dateTexts.set(day, text);
    }
    return text;
  },

  /** Epoch ms of an ISO datetime text, or NaN when it is not one. */
  parseDateTime(text: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
    if (!m) return Number.NaN;
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const ms = frac ? Number(`0.${frac}`) * 1000 : 0;
    let value = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Math.round(ms));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      value -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
    }
    return value;
  },

  /** Whether `text` is a valid `YYYY-MM-DD` date. */
  isDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  },

  /** Truncates epoch ms to whole seconds (how Salesforce stores audit stamps). */
  truncateToSecond(ms: number): number {
    return Math.floor(ms / 1000) * 1000;
  },
};
