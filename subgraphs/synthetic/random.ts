/**
 * Seeded randomness. Every random choice of the population comes from a stream keyed by (seed, stream name,
 * index) through a 32-bit hash, so a record depends on nothing but its own key: records can be generated in
 * any order, in parallel, by any department, and come out identical. The generator is sfc32 (small, fast,
 * passes PractRand far beyond what a seed needs here).
 */
import type { Random } from './types.ts';

const TWO_POW_32 = 4_294_967_296;

/** MurmurHash3's 32-bit finalizer: a bijection of 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let x = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a text (FNV-1a over UTF-16 code units, then mixed). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash);
}

/** Folds any safe integer seed into 32 bits, so seeds beyond 2^32 still differ. */
export function foldSeed(seed: number): number {
  return mix32((seed >>> 0) ^ mix32(Math.floor(seed / TWO_POW_32) >>> 0));
}

/**
 * The key of one stream: distinct indexes of one (seed, stream) give distinct keys (each step is a bijection),
 * for indexes below 2^32.
 */
export function streamKey(seed32: number, stream32: number, index: number): number {
  return mix32(mix32(seed32 ^ stream32) ^ (index >>> 0));
}

/** A uniform float in [0, 1) from a key alone, for a single decision that needs no generator. */
export function unitFloat(key: number): number {
  return mix32(key ^ 0x5bd1e995) / TWO_POW_32;
}

/** The `Random` of types.ts over sfc32, its 128-bit state filled from a 32-bit key. */
export class SeededRandom implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    this.a = mix32(key + 0x9e3779b9);
    this.b = mix32(key + 0x3c6ef372);
    this.c = mix32(key + 0xdaa66d2b);
    this.d = 1;
    for (let i = 0; i < 4; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  int(min: number, max: number): number {
    if (!(max >= min)) throw new RangeError(`Random.int: max (${max}) must not be below min (${min})`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
