const keyHashes = new Map<string, number>();

function hashString(key: string): number {
  const cached = keyHashes.get(key);
  if (cached !== undefined) return cached;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h >>>= 0;
  keyHashes.set(key, h);
  return h;
}

function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A small, fast, seedable pseudo-random generator (sfc32). Records are
 * generated from `SeededRandom.forRecord(seed, object, index)`, so record N
 * of an object is the same every time without generating records 0..N-1.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 8; i += 1) this.nextUint32();
  }

  /** A stateless 32-bit hash of (seed, key, index), for picks that must not depend on a record's draw order. */
  static hash(seed: number, key: string, index: number): number {
    const k = hashString(key);
    return mix(mix(seed ^ k) + Math.imul(index + 1, 0x9e3779b1) + (Math.floor(index / 0x100000000) >>> 0));
  }

  /** The generator for record `index` of `key` (an object name) under `seed`. */
  static forRecord(seed: number, key: string, index: number): SeededRandom {
    const h = SeededRandom.hash(seed, key, index);
    return new SeededRandom(h, mix(h ^ 0x9e3779b9), mix(h + 0x6a09e667), mix(seed));
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}
