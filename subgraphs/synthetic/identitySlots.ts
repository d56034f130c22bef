/**
 * Why resident IDs are unique without a retry or a set of seen IDs: a person's index is mapped by a bijection
 * onto a slot (region, day of the year, serial) of a fixed space, so two people never share a slot; the birth
 * year and the gender (the parity of the sequence number, `2*serial + 1` for a man, `2*serial + 2` for a
 * woman) are then free to follow the person, and the 18 characters still differ. The space holds
 * regions x 366 x 499 slots (about 48 million with the current region table).
 *
 * The bijection is an affine permutation of the whole space followed by three Feistel-like rounds, each of
 * which shifts one coordinate by a hash of the others (so each round, and the whole, stays invertible); the
 * rounds hide the regular strides an affine map alone would leave in regions and dates.
 */
import { AffinePermutation } from './affinePermutation.ts';
import { hashText, mix32 } from './random.ts';

export const DAYS_PER_YEAR_SLOT = 366;
/** Serials per (region, day): sequence numbers 001-998, an odd and an even one per serial. */
export const SERIALS = 499;

export interface IdentitySlot {
  regionIndex: number;
  /** Index into MONTH_DAYS (0-365, 59 is 29 February). */
  dayOfYear: number;
  /** 0-498. */
  serial: number;
}

export class IdentitySlots {
  /** How many people can have distinct slots. */
  readonly capacity: number;
  private readonly regions: number;
  private readonly permutation: AffinePermutation;
  private readonly roundKeys: readonly [number, number, number];

  constructor(regionCount: number, seed32: number) {
    this.regions = regionCount;
    this.capacity = regionCount * DAYS_PER_YEAR_SLOT * SERIALS;
    this.permutation = new AffinePermutation(this.capacity, seed32);
    const base = mix32(seed32 ^ hashText('synthetic:identity-slots'));
    this.roundKeys = [mix32(base + 1), mix32(base + 2), mix32(base + 3)];
  }

  /** The slot of person `index` (0 <= index < capacity); distinct indexes get distinct slots. */
  slotOf(index: number): IdentitySlot {
    // Every value here is below 2^31: `| 0` lets the engine use integer arithmetic.
    const y = this.permutation.apply(index) | 0;
    const region0 = y % this.regions | 0;
    const rest = ((y - region0) / this.regions) | 0;
    const day0 = rest % DAYS_PER_YEAR_SLOT | 0;
    const serial0 = ((rest - day0) / DAYS_PER_YEAR_SLOT) | 0;
    const [k1, k2, k3] = this.roundKeys;
    const regionIndex = (region0 + mix32(k1 ^ (day0 * SERIALS + serial0))) % this.regions;
    const dayOfYear = (day0 + mix32(k2 ^ (regionIndex * SERIALS + serial0))) % DAYS_PER_YEAR_SLOT;
    const serial = (serial0 + mix32(k3 ^ (regionIndex * DAYS_PER_YEAR_SLOT + dayOfYear))) % SERIALS;
    return { regionIndex, dayOfYear, serial };
  }
}

/** The 3-digit sequence number of a slot's serial: odd for a man, even for a woman, never 000 or 999. */
export function sequenceNumber(serial: number, male: boolean): number {
  return male ? 2 * serial + 1 : 2 * serial + 2;
}
