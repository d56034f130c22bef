/**
 * A bijection of [0, size) of the form x -> (a*x + c) mod size with a coprime to size: distinct inputs give
 * distinct outputs, which is how identifiers are made unique by construction instead of by retry. The
 * arithmetic is exact for every size below 2^31 and input below 2^32.
 */
export class AffinePermutation {
  readonly size: number;
  private readonly multiplier: number;
  private readonly offset: number;
  /** Whether a*x + c stays below 2^53 for every x < size, so one plain `%` is exact. */
  private readonly exactInDoubles: boolean;

  /** `seed32` picks the multiplier (near size times the golden ratio, so neighbours land far apart) and the offset. */
  constructor(size: number, seed32: number) {
    if (!Number.isInteger(size) || size < 1 || size >= 2 ** 31) {
      throw new RangeError(`AffinePermutation: size must be an integer in 1..2^31-1, got ${size}`);
    }
    this.size = size;
    let multiplier = (Math.floor(size * 0.6180339887) + (seed32 % 997)) % size || 1;
    while (greatestCommonDivisor(multiplier, size) !== 1) multiplier = (multiplier + 1) % size || 1;
    this.multiplier = multiplier;
    this.offset = seed32 % size;
    this.exactInDoubles = size * size < Number.MAX_SAFE_INTEGER;
  }

  apply(x: number): number {
    if (this.exactInDoubles && x < this.size) return (this.multiplier * x + this.offset) % this.size;
    return (multiplyModulo(this.multiplier, x, this.size) + this.offset) % this.size;
  }
}

/** a*b mod m without leaving the exact range of doubles: a, m < 2^31 and b < 2^32. */
function multiplyModulo(a: number, b: number, m: number): number {
  const high = Math.floor(b / 65_536);
  const low = b % 65_536;
  return (((a * high) % m) * 65_536 + a * low) % m;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
