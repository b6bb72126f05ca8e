import type { SeededRandom } from './seededRandom.ts';

/**
 * Ways a text value is made awkward for CSV, JSON and storage: separators,
 * quotes, line breaks, non-ASCII, characters that mean something in LIKE or
 * spreadsheets. Each takes the plain value and returns the tricky one.
 */
const transforms: ReadonlyArray<(value: string) => string> = [
  (v) => `${v}, Inc.`,
  (v) => `"${v}" (quoted)`,
  (v) => `${v}'s "best" deal`,
  (v) => `${v}\nsecond line`,
  (v) => `${v}\r\nwindows line`,
  (v) => `${v} — Café Müller`,
  (v) => `${v} 日本語テスト`,
  (v) => `${v} 😀🚀`,
  (v) => `${v} شركة`,
  (v) => `${v};semi|pipe\ttab`,
  (v) => `${v} 100% _under_`,
  (v) => `=1+1 ${v}`,
  (v) => `${v} back\\slash`,
  (v) => `${v},"",,`,
];

/**
 * Returns `value` unchanged most of the time and, with probability `rate`,
 * a tricky variant of it (see the transforms above). Deterministic for a
 * given generator state.
 */
export function trickyText(rng: SeededRandom, value: string, rate: number): string {
  if (!rng.chance(rate)) return value;
  return rng.pick(transforms)(value);
}
