/**
 * At most `limit` calls in flight to one upstream interface, over every request the department serves: the
 * others wait their turn in order. Protects a legacy interface that has no batch endpoint from a fan-out of one
 * call per key. Created once per opened interface and passed in (no module state).
 */
export interface ConcurrencyLimit {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Most calls that were ever in flight at once (for tests and the operator). */
  readonly peak: number;
}

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  if (!(Number.isInteger(limit) && limit > 0)) throw new Error(`createConcurrencyLimit: limit must be a positive integer, got ${limit}.`);
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  return {
    get peak() {
      return peak;
    },
    async run(work) {
      // A finishing call hands its slot straight to the next waiter, so no newcomer can slip in between.
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      peak = Math.max(peak, active);
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
