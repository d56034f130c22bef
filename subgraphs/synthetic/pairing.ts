/**
 * Who could be married to whom, in constant time and independent of the population size: indexes are cut
 * into blocks of 64, shuffled inside their block by an affine permutation, and neighbours in the shuffled
 * order form a pair. The relation is symmetric (my partner's partner is me) and keeps every index at the same
 * partner whatever the population size; the partner may lie beyond the population's end, and then there is no
 * couple.
 */
import { hashText, mix32 } from './random.ts';

/** Indexes per block: the indexes below `BLOCK * n` form exactly the pairs with keys below `BLOCK / 2 * n`. */
export const BLOCK = 64;
const MASK = BLOCK - 1;
const PAIRING_STREAM = hashText('synthetic:pairing');

export interface Pair {
  /** Identifies the pair: the same for both partners, distinct between pairs, dense from 0. */
  key: number;
  partnerIndex: number;
  /** Which of the two this index is (the partner has the other value). */
  first: boolean;
}

export function pairOf(seed32: number, index: number): Pair {
  const local = index & MASK;
  const base = index - local;
  const block = base / BLOCK;
  const hash = mix32(mix32(seed32 ^ PAIRING_STREAM) ^ block);
  const multiplier = (hash & MASK) | 1;
  const offset = (hash >>> 8) & MASK;
  const slot = (multiplier * local + offset) & MASK;
  const partnerSlot = slot ^ 1;
  const partnerLocal = (inverseModulo64(multiplier) * ((partnerSlot - offset) & MASK)) & MASK;
  return { key: block * (BLOCK / 2) + (slot >>> 1), partnerIndex: base + partnerLocal, first: (slot & 1) === 0 };
}

/** The inverse of an odd number modulo 64 (Newton's iteration: each step doubles the correct bits). */
function inverseModulo64(odd: number): number {
  let inverse = odd;
  for (let i = 0; i < 3; i++) inverse = (inverse * (2 - odd * inverse)) & MASK;
  return inverse;
}
