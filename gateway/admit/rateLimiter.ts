/**
 * Per-application rate limit: a token bucket per application, refilled continuously at `requestsPerSecond` up to
 * `burst` (a signed-in resident has a bucket of their own, applicationPolicy.ts `limitHolder`). Kept in this
 * process's memory, so the limit is per gateway replica (behind a load balancer with N replicas an application may
 * send up to N times the rate). Buckets of idle applications are dropped once full.
 */
import type { RateLimit } from './applicationPolicy.ts';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes `count` tokens (one per operation: a batch of 5 costs 5) from the application's bucket. */
  take(application: string, limit: RateLimit, count?: number): RateDecision;
}

export function createRateLimiter(options: { now?: () => number; maxBuckets?: number } = {}): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const maxBuckets = options.maxBuckets ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(application, limit, count = 1) {
      const time = now();
      let bucket = buckets.get(application);
      if (!bucket) {
        if (buckets.size >= maxBuckets) evictFull(buckets, time, limit, maxBuckets);
        bucket = { tokens: limit.burst, at: time };
        buckets.set(application, bucket);
      } else {
        bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.requestsPerSecond);
        bucket.at = time;
      }
      const needed = Math.min(count, limit.burst);
      if (bucket.tokens >= needed) {
        bucket.tokens -= needed;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / limit.requestsPerSecond)) };
    },
  };
}

function evictFull(buckets: Map<string, { tokens: number; at: number }>, time: number, limit: RateLimit, maxBuckets: number): void {
  for (const [application, bucket] of buckets) {
    if (bucket.tokens + ((time - bucket.at) / 1000) * limit.requestsPerSecond >= limit.burst) buckets.delete(application);
  }
  if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value!);
}
