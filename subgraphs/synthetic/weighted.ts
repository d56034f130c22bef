/**
 * A weighted choice in constant time (Walker's alias method): one uniform number picks an entry with
 * probability proportional to its weight, however many entries there are. Built once per table.
 */
import type { Random } from './types.ts';

export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly threshold: Float64Array;
  private readonly alias: Int32Array;

  constructor(entries: readonly (readonly [item: T, weight: number])[]) {
    if (entries.length === 0) throw new RangeError('WeightedTable: needs at least one entry');
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    if (!(total > 0) || entries.some(([, weight]) => !(weight >= 0))) {
      throw new RangeError('WeightedTable: weights must be non-negative and not all zero');
    }
    const n = entries.length;
    this.items = entries.map(([item]) => item);
    this.threshold = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = entries.map(([, weight]) => (weight * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.threshold[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      this.threshold[i] = 1;
      this.alias[i] = i;
    }
  }

  pick(random: Random): T {
    const x = random.next() * this.items.length;
    const i = Math.floor(x);
    return this.items[x - i < this.threshold[i]! ? i : this.alias[i]!]!;
  }
}
