/**
 * A circuit breaker per department: after `failureThreshold` consecutive failures it opens, and requests to the
 * department fail at once (no connection, no waiting) for `cooldownMs`; then it lets one probe through
 * (half-open): success closes it, failure opens it for another cool-down. Stops the gateway hammering a
 * department that keeps failing, and stops callers waiting on one, while the rest of the graph answers.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold: number;
  /** How long an open circuit refuses before letting one probe through, in milliseconds. Default 10,000. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, cooldownMs: 10_000 };

export type Admit = { allowed: true; probe: boolean } | { allowed: false; retryInMs: number };

export interface CircuitBreaker {
  admit(): Admit;
  succeeded(): void;
  failed(): void;
  state(): BreakerState;
}

export function createCircuitBreaker(options: BreakerOptions, now: () => number = () => performance.now()): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;
  const open = () => {
    openedAt = now();
    probing = false;
  };
  return {
    admit() {
      if (openedAt === null) return { allowed: true, probe: false };
      const waited = now() - openedAt;
      if (waited < options.cooldownMs) return { allowed: false, retryInMs: Math.ceil(options.cooldownMs - waited) };
      if (probing) return { allowed: false, retryInMs: options.cooldownMs };
      probing = true;
      return { allowed: true, probe: true };
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      probing = false;
    },
    failed() {
      failures++;
      if (probing || failures >= options.failureThreshold) open();
    },
    state() {
      if (openedAt === null) return 'closed';
      return probing || now() - openedAt >= options.cooldownMs ? 'half-open' : 'open';
    },
  };
}
