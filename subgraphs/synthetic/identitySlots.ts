/**
 * Why resident IDs are unique without a retry or a set of seen IDs. Every pair of possible spouses
 * (pairing.ts) is mapped by a bijection onto a pair slot (region, day of the year, serial pair) of a fixed
 * space, so two pairs never share one. The first of a pair gets serial `2*serialPair` on that day, the second
 * `2*serialPair + 1` on a day shifted by an amount that depends only on (region, serial pair): two first
 * partners differ in their pair slot, two second partners too (the shift cannot undo a difference of day
 * alone), and a first never meets a second (serial parity). The birth year and the gender (the parity of the
 * sequence number, `2*serial + 1` for a man, `2*serial + 2` for a woman) are then free to follow the person,
 * and the 18 characters still differ. Both partners share a region, so a couple can share a household.
 *
 * The bijection is an affine permutation of the pair space followed by three Feistel-like rounds, each of
 * which shifts one coordinate by a hash of the others (so each round, and the whole, stays invertible); the
 * rounds hide the regular strides an affine map alone would leave in regions and dates. The space holds
 * regions x 366 x 249 pairs (over 25 million pairs, 50 million people, with the current region table).
 */
import { AffinePermutation } from './affinePermutation.ts';
import { hashText, mix32 } from './random.ts';

export const DAYS_PER_YEAR_SLOT = 366;
/** Serial pairs per (region, day): serials 0-497, sequence numbers 001-996. */
export const SERIAL_PAIRS = 249;

export interface IdentitySlot {
  regionIndex: number;
  /** Index into MONTH_DAYS (0-365, 59 is 29 February). */
  dayOfYear: number;
  /** 0-497. */
  serial: number;
}

export class IdentitySlots {
  /** How many pairs can have distinct slots. */
  readonly pairCapacity: number;
  private readonly regions: number;
  private readonly permutation: AffinePermutation;
  // One key per round, and one for the second partner's day shift.
  private readonly regionKey: number;
  private readonly dayKey: number;
  private readonly serialKey: number;
  private readonly shiftKey: number;

  constructor(regionCount: number, seed32: number) {
    this.regions = regionCount;
    this.pairCapacity = regionCount * DAYS_PER_YEAR_SLOT * SERIAL_PAIRS;
    this.permutation = new AffinePermutation(this.pairCapacity, seed32);
    const base = mix32(seed32 ^ hashText('synthetic:identity-slots'));
    this.regionKey = mix32(base + 1);
    this.dayKey = mix32(base + 2);
    this.serialKey = mix32(base + 3);
    this.shiftKey = mix32(base + 4);
  }

  /** The slot of the `first` or second partner of pair `pairKey` (below `pairCapacity`); distinct people get distinct slots. */
  slotOf(pairKey: number, first: boolean): IdentitySlot {
    // Every value here is below 2^31: `| 0` lets the engine use integer arithmetic.
    const y = this.permutation.apply(pairKey) | 0;
    const region0 = y % this.regions | 0;
    const rest = ((y - region0) / this.regions) | 0;
    const day0 = rest % DAYS_PER_YEAR_SLOT | 0;
    const pair0 = ((rest - day0) / DAYS_PER_YEAR_SLOT) | 0;
    const regionIndex = (region0 + below(mix32(this.regionKey ^ (day0 * SERIAL_PAIRS + pair0)), this.regions)) % this.regions;
    const day = (day0 + below(mix32(this.dayKey ^ (regionIndex * SERIAL_PAIRS + pair0)), DAYS_PER_YEAR_SLOT)) % DAYS_PER_YEAR_SLOT;
    const serialPair = (pair0 + below(mix32(this.serialKey ^ (regionIndex * DAYS_PER_YEAR_SLOT + day)), SERIAL_PAIRS)) % SERIAL_PAIRS;
    if (first) return { regionIndex, dayOfYear: day, serial: 2 * serialPair };
    const shift = 1 + below(mix32(this.shiftKey ^ (regionIndex * SERIAL_PAIRS + serialPair)), DAYS_PER_YEAR_SLOT - 1);
    return { regionIndex, dayOfYear: (day + shift) % DAYS_PER_YEAR_SLOT, serial: 2 * serialPair + 1 };
  }
}

/**
 * `hash % size` for a 32-bit unsigned hash and a size below 2^15, computed on 16-bit halves so that every
 * step stays integer arithmetic: `%` on a hash above 2^31 would run on doubles, at twice the cost.
 */
function below(hash: number, size: number): number {
  return (((hash >>> 16) % size) * 65_536 + (hash & 0xffff)) % size;
}

/** The 3-digit sequence number of a slot's serial: odd for a man, even for a woman, never 000. */
export function sequenceNumber(serial: number, male: boolean): number {
  return male ? 2 * serial + 1 : 2 * serial + 2;
}
