/**
 * Bounded refusals. A request refused before its caller is known (no token or a bad one, a body that is not JSON,
 * too large, malformed) costs no quota of any application, yet each one is a permanent audit record: 32 threads
 * without a token once wrote 25,770 records in 15 s. So refusals are limited per source address (a token bucket
 * per address, http/sourceAddress.ts for who the source is): within the limit each refusal is answered and recorded
 * as before; beyond it the request is answered 429 with `Retry-After`, and counted rather than recorded, and every
 * `recordIntervalMs` each source's count is written as one record (kind `refusals`: how many, from where, between
 * when, with which statuses). Counts are never dropped: a flush the trail refuses is kept for the next, and the
 * gateway flushes when it stops. Sources beyond `maxSources` in one interval are counted together. Many sources
 * each within their own limit (a botnet, a misconfigured fleet) are bounded together too: a refusal is recorded one
 * by one only while the gateway-wide bucket (`totalPerSecond`, `totalBurst`) also pays, else it is answered 429 and
 * counted for its source like the others.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { sourceAddress, type SourceOf } from '../../http/sourceAddress.ts';
import { outcomeOf } from '../../platform/audit/outcome.ts';
import type { AuditEntry, AuditSink } from '../../platform/index.ts';
import type { GatewayLogger } from '../options.ts';
import { eventEntry } from '../record/auditEntry.ts';
import { check, only, positiveInteger, positiveNumber } from '../optionChecks.ts';
import { createRateLimiter } from '../admit/rateLimiter.ts';

export interface RefusalOptions {
  /** Refusals per second answered (and recorded) one by one, per source address. Default 5. */
  refusalsPerSecond?: number;
  /** How many a source may have at once before the rate applies. Default 50. */
  burst?: number;
  /** Refusals per second answered (and recorded) one by one from all sources together. Default 100. */
  totalPerSecond?: number;
  /** How many all sources together may have at once before that rate applies. Default 1,000. */
  totalBurst?: number;
  /** Proxies whose `X-Forwarded-For` names the source (addresses or CIDR ranges). Default none: the peer is the source. */
  trustedProxies?: readonly string[];
  /** How often the refusals counted beyond the limit are written, one record per source, in milliseconds. Default 60,000. */
  recordIntervalMs?: number;
  /** Sources counted one by one per interval; more are counted together as `(other sources)`. Default 10,000. */
  maxSources?: number;
}

export type ResolvedRefusalOptions = Required<RefusalOptions>;

export const DEFAULT_REFUSALS: ResolvedRefusalOptions = Object.freeze({
  refusalsPerSecond: 5, burst: 50, totalPerSecond: 100, totalBurst: 1_000, trustedProxies: [], recordIntervalMs: 60_000, maxSources: 10_000,
});

const REFUSALS = only(
  {
    refusalsPerSecond: positiveNumber,
    burst: positiveInteger,
    totalPerSecond: positiveNumber,
    totalBurst: positiveInteger,
    trustedProxies: z.unknown(),
    recordIntervalMs: positiveInteger,
    maxSources: positiveInteger,
  },
  { unknown: (known) => `is unknown (known: ${known})` },
);
const OTHER_SOURCES = '(other sources)';
/** The gateway-wide bucket's key in the rate limiter (not an address: sources are addresses or /64 prefixes). */
const ALL_SOURCES = '(all sources)';

export function resolveRefusalOptions(options: RefusalOptions = {}): ResolvedRefusalOptions {
  if (typeof options !== 'object' || options === null) throw new Error('Gateway option `refusals` must be an object.');
  const resolved = { ...DEFAULT_REFUSALS, ...options, trustedProxies: [...(options.trustedProxies ?? [])] };
  check(REFUSALS, resolved, 'Gateway option', ['refusals']);
  sourceAddress({ trustedProxies: resolved.trustedProxies }, 'Gateway option `refusals.trustedProxies`');
  return resolved;
}

export interface RefusalGuard {
  /** The source a request is counted against. */
  sourceOf: SourceOf;
  /**
   * A refusal about to be answered (and recorded) with `status` and `code`: null when its source has refusals left
   * (answer and record it); otherwise the 429 to answer instead, the refusal counted for its source's record.
   */
  refusal(req: IncomingMessage, status: number, code: string): GraphQLError | null;
  /** Writes one record per source of the refusals counted so far. */
  flush(): Promise<void>;
  /** Stops the periodic records and writes what is counted. */
  close(): Promise<void>;
}

interface Counted {
  first: number;
  last: number;
  total: number;
  /** `401 UNAUTHENTICATED` -> count. */
  kinds: Map<string, number>;
  /** How many of them the source's own limit allowed but the gateway-wide one did not. */
  overTotal: number;
}

export function createRefusalGuard(config: {
  options: ResolvedRefusalOptions;
  audit: AuditSink | null;
  logger: GatewayLogger;
  /** Clock for the records' times, epoch ms. Default `Date.now`. */
  now?: () => number;
}): RefusalGuard {
  const { options, audit, logger } = config;
  const now = config.now ?? Date.now;
  const sourceOf = sourceAddress({ trustedProxies: options.trustedProxies });
  const limiter = createRateLimiter();
  const limit = { requestsPerSecond: options.refusalsPerSecond, burst: options.burst };
  const totalLimit = { requestsPerSecond: options.totalPerSecond, burst: options.totalBurst };
  let counted = new Map<string, Counted>();
  let flushing: Promise<void> | null = null;

  /** Counts `times` refusals of `kind` for `source` (`overTotal` of them beyond the gateway-wide limit); returns its entry. */
  const count = (source: string, kind: string, at: number, times = 1, first = at, overTotal = 0): Counted => {
    const key = counted.has(source) || counted.size < options.maxSources ? source : OTHER_SOURCES;
    const entry = counted.get(key) ?? { first, last: at, total: 0, kinds: new Map(), overTotal: 0 };
    entry.overTotal += overTotal;
    entry.first = Math.min(entry.first, first);
    entry.last = Math.max(entry.last, at);
    entry.total += times;
    entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + times);
    counted.set(key, entry);
    return entry;
  };

  const flush = async () => {
    if (flushing) await flushing;
    if (counted.size === 0 || !audit) return;
    const batch = counted;
    counted = new Map();
    flushing = (async () => {
      const results = await Promise.allSettled([...batch].map(([source, entry]) => audit.append(aggregateEntry(source, entry, options))));
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') return;
        // Kept for the next flush: a count is never dropped because the trail was down for a moment.
        const [source, entry] = [...batch][index]!;
        let requeued: Counted | undefined;
        for (const [kind, times] of entry.kinds) requeued = count(source, kind, entry.last, times, entry.first);
        if (requeued) requeued.overTotal += entry.overTotal;
        logger.error(`[gateway] could not record ${entry.total} refusals from ${source}: ${(result.reason as Error)?.message ?? String(result.reason)}; kept for the next record`);
      });
    })();
    try {
      await flushing;
    } finally {
      flushing = null;
    }
  };

  const timer = setInterval(() => void flush(), options.recordIntervalMs);
  timer.unref();

  return {
    sourceOf,
    refusal(req, status, code) {
      const source = sourceOf(req);
      // The source's own bucket first: one flooding source does not spend the others' share of the gateway-wide one.
      const own = limiter.take(source, limit);
      const decision = own.allowed ? limiter.take(ALL_SOURCES, totalLimit) : own;
      if (decision.allowed) return null;
      count(source, `${status} ${code}`, now(), 1, undefined, own.allowed ? 1 : 0);
      const retryAfter = decision.retryAfterSeconds;
      const over = own.allowed
        ? `Too many refused requests at this gateway from all sources together: at most ${options.totalPerSecond} per second (burst ${options.totalBurst}) are answered one by one.`
        : `Too many refused requests from ${source}: at most ${options.refusalsPerSecond} per second (burst ${options.burst}) are answered one by one.`;
      return new GraphQLError(
        `${over} This one was refused too (${status} ${code}) and is counted, not recorded, until then. Fix the requests (a token, a JSON body) and retry after ${retryAfter} s.`,
        { extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) } } },
      );
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      for (const [source, entry] of counted) logger.error(`[gateway] stopped with ${entry.total} refusals from ${source} unrecorded (the audit trail refused them)`);
    },
  };
}

/** The one record of a source's counted refusals. */
function aggregateEntry(source: string, entry: Counted, options: ResolvedRefusalOptions): AuditEntry {
  const kinds = [...entry.kinds].sort(([a], [b]) => a.localeCompare(b)).map(([kind, times]) => `${kind} × ${times}`).join(', ');
  return eventEntry('refusals', {
    time: new Date(entry.first).toISOString(),
    requestId: `refusals-${randomUUID()}`,
    outcome: outcomeOf(429, [], null),
    status: 429,
    reason: `${entry.total} requests from ${source} refused between ${new Date(entry.first).toISOString()} and ${new Date(entry.last).toISOString()}, ` +
      `answered 429 and not recorded one by one (over ${options.refusalsPerSecond} refusals/s, burst ${options.burst}` +
      `${entry.overTotal > 0 ? `; ${entry.overTotal} of them over ${options.totalPerSecond} refusals/s, burst ${options.totalBurst}, from all sources together` : ''}): ${kinds}`,
    durationMs: entry.last - entry.first,
  });
}
