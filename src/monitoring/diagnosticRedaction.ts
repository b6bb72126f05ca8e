import { Transform } from 'node:stream';

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are replaced only where a whole string equals them (a short one would match by chance). */
const MIN_SUBSTRING_LENGTH = 8;

/**
 * Parts of a Node diagnostic report (`process.report.getReport()`, `--report-on-signal`) removed before it is
 * stored, at every level (a report's `workers` are reports too):
 * - `environmentVariables`: the whole environment, API keys and encryption keys among it;
 * - `header.commandLine`: arguments may carry secrets;
 * - `javascriptStack.errorProperties`: own properties of the error a report was written for (anything).
 * Kept: `header` otherwise (versions, host, cwd, cpus, network interfaces), stacks (function names and file
 * positions, no argument values), heap statistics, resource usage, libuv handles (kinds, addresses, ports),
 * `userLimits`, `sharedObjects`, and longhaul's own `longhaul` section.
 */
export const REMOVED_REPORT_PARTS = ['environmentVariables', 'header.commandLine', 'javascriptStack.errorProperties'] as const;

/** What {@link redactReport} made of a report. */
export interface ReportRedaction {
  /** The report without the removed parts and secrets. */
  report: Record<string, unknown>;
  /** Paths removed ({@link REMOVED_REPORT_PARTS}, with `workers[i].` for worker-thread reports). */
  removed: string[];
  /** Occurrences of a configured secret replaced by {@link REDACTED}. */
  secretsReplaced: number;
}

/**
 * Removes {@link REMOVED_REPORT_PARTS} from a parsed report (in place) and returns a copy in which every occurrence of a configured
 * secret in any string or property name left is replaced by {@link REDACTED} (a second line of defence:
 * whatever part of a report a future Node version adds, a known secret does not get through).
 */
export function redactReport(parsed: Record<string, unknown>, secrets: readonly string[]): ReportRedaction {
  const removed: string[] = [];
  removeParts(parsed, '', removed);
  const scrubber = new SecretScrubber(secrets);
  const report = scrubber.value(parsed) as Record<string, unknown>;
  return { report, removed, secretsReplaced: scrubber.replaced };
}

function removeParts(report: Record<string, unknown>, prefix: string, removed: string[]): void {
  for (const path of REMOVED_REPORT_PARTS) {
    const [head, tail] = path.split('.') as [string, string | undefined];
    const holder = tail === undefined ? report : report[head];
    const key = tail ?? head;
    if (isObject(holder) && key in holder) {
      delete holder[key];
      removed.push(prefix + path);
    }
  }
  const workers = report.workers;
  if (Array.isArray(workers)) workers.forEach((w, i) => isObject(w) && removeParts(w, `${prefix}workers[${i}].`, removed));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces configured secrets in strings and JSON-like values, counting what it replaced. */
export class SecretScrubber {
  private readonly long: string[];
  private readonly short: Set<string>;
  /** Occurrences replaced so far. */
  replaced = 0;

  constructor(secrets: readonly string[]) {
    const distinct = [...new Set(secrets.filter((s) => s.length > 0))];
    // Longest first: a secret containing another is replaced whole.
    this.long = distinct.filter((s) => s.length >= MIN_SUBSTRING_LENGTH).sort((a, b) => b.length - a.length);
    this.short = new Set(distinct.filter((s) => s.length < MIN_SUBSTRING_LENGTH));
  }

  /** `text` with every secret replaced. */
  string(text: string): string {
    if (this.short.has(text)) {
      this.replaced++;
      return REDACTED;
    }
    let out = text;
    for (const secret of this.long) {
      if (!out.includes(secret)) continue;
      const parts = out.split(secret);
      this.replaced += parts.length - 1;
      out = parts.join(REDACTED);
    }
    return out;
  }

  /** A copy of a JSON-like value with every string and property name scrubbed. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[this.string(key)] = this.value(v);
      return out;
    }
    return value;
  }
}

/**
 * A byte stream with every configured secret (of at least 8 characters, UTF-8) replaced by {@link REDACTED},
 * across chunk boundaries: for heap snapshots, which are too large to parse. It keeps JSON valid as long as
 * secrets need no escaping in JSON strings (API keys, base64 keys, URL passwords do not).
 */
export function secretScrubStream(secrets: readonly string[]): Transform {
  const needles = [...new Set(secrets.filter((s) => s.length >= MIN_SUBSTRING_LENGTH))].map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
  const keep = Math.max(0, ...needles.map((n) => n.length - 1));
  const replacement = Buffer.from(REDACTED);
  let tail = Buffer.alloc(0);
  // Scrubs `buf` up to `limit` (a match starting before it is replaced whole); returns the output and where it stopped.
  const scrub = (buf: Buffer, limit: number): [Buffer[], number] => {
    const out: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let at = -1;
      let found: Buffer | undefined;
      for (const needle of needles) {
        const i = buf.indexOf(needle, pos);
        if (i !== -1 && i < limit && (at === -1 || i < at)) {
          at = i;
          found = needle;
        }
      }
      if (found === undefined) {
        if (pos < limit) out.push(buf.subarray(pos, limit));
        return [out, Math.max(pos, limit)];
      }
      out.push(buf.subarray(pos, at), replacement);
      pos = at + found.length;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (needles.length === 0) return callback(null, chunk);
      const buf = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      const [out, consumed] = scrub(buf, Math.max(0, buf.length - keep));
      tail = Buffer.from(buf.subarray(consumed));
      callback(null, Buffer.concat(out));
    },
    flush(callback) {
      const [out] = scrub(tail, tail.length);
      callback(null, Buffer.concat(out));
    },
  });
}
