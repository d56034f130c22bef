/**
 * Wraps the fetcher of one department with what keeps its failures from spreading: a deadline per request (the
 * request is aborted and its socket freed, so a slow department cannot pile up memory), a bound on requests
 * waiting for it, its circuit breaker, one retry of a query whose connection failed (never of a mutation: it may
 * have run), and a check that a 2xx answer is a GraphQL response. Failures throw SubgraphFetchError; the
 * caller's answer carries partial data and an error naming the department (subgraphFailure.ts).
 *
 * One caller cannot take a department away from the others: each caller (`x-govgraph-caller`, set by the subgraph
 * client and never sent on) has a circuit of its own, opened by its own consecutive failures, timeouts included,
 * and a share of the waiting slots (a quarter): beyond it a caller may borrow free slots, but never the last
 * share's worth, which stays free for the others (a caller alone uses three quarters, a newcomer always gets in). The department's circuit, which stops everyone, opens on failures
 * that are the department's (refused or reset connections, 5xx, invalid answers), and on timeouts only when they
 * come from more than one caller: a caller whose expensive operations time out opens only its own circuit.
 */
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { createCircuitBreaker, type BreakerOptions } from './circuitBreaker.ts';
import { SubgraphFetchError } from './subgraphFetchError.ts';

export interface ResilienceOptions {
  /** Deadline of one request to the department, in milliseconds. */
  timeoutMs: number;
  /** Queries retried after a failed connection (refused or reset). */
  retries: number;
  /** Requests in flight or queued for the department; more fail at once. */
  maxPending: number;
  /** Null: no circuit breaker. */
  breaker: BreakerOptions | null;
}

/** The request header naming the caller a fetch is for (application@department); removed before sending. */
export const CALLER_HEADER = 'x-govgraph-caller';

export interface ResilientFetcher {
  fetcher: Fetcher;
  /** Requests in flight or queued right now. */
  pending(): number;
  breakerState(): 'closed' | 'open' | 'half-open';
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

export function resilientFetcher(inner: Fetcher, options: ResilienceOptions): ResilientFetcher {
  const breaker = options.breaker ? createCircuitBreaker(options.breaker) : null;
  let pending = 0;
  const perCaller = Math.max(4, Math.ceil(options.maxPending / 4));
  const callers = new Map<string, { pending: number; breaker: ReturnType<typeof createCircuitBreaker> | null }>();
  const callerState = (caller: string) => {
    let state = callers.get(caller);
    if (!state) {
      if (callers.size >= 1_000) {
        for (const [key, value] of callers) if (value.pending === 0) { callers.delete(key); break; }
      }
      state = { pending: 0, breaker: options.breaker ? createCircuitBreaker(options.breaker) : null };
      callers.set(caller, state);
    }
    return state;
  };
  // Callers whose timeouts make up the department's current streak of failures.
  let timeoutStreak = new Set<string>();
  const departmentFailed = (reason: 'timeout' | 'other', caller: string) => {
    if (reason === 'other') return breaker?.failed();
    timeoutStreak.add(caller);
    if (timeoutStreak.size > 1) breaker?.failed();
  };
  const departmentSucceeded = () => {
    timeoutStreak = new Set();
    breaker?.succeeded();
  };
  const attempt = async (url: string, init: FetcherRequestInit | undefined): Promise<FetcherResponse> => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([deadline, init.signal as AbortSignal]) : deadline;
    let response: FetcherResponse;
    try {
      response = await inner(url, { ...init, signal } as FetcherRequestInit);
    } catch (error) {
      if (deadline.aborted) throw new SubgraphFetchError('timeout', `no answer within ${options.timeoutMs} ms`);
      throw error;
    }
    if (response.status >= 200 && response.status < 300) await checkGraphQLResponse(response);
    return response;
  };
  const fetcher = (async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const caller = headers[CALLER_HEADER] ?? '(unknown)';
    delete headers[CALLER_HEADER];
    const sent = { ...init, headers } as FetcherRequestInit;
    const own = callerState(caller);
    const admitted = breaker?.admit() ?? { allowed: true as const, probe: false };
    if (!admitted.allowed) {
      const seconds = Math.max(1, Math.ceil(admitted.retryInMs / 1000));
      throw new SubgraphFetchError('circuit-open', `it failed ${options.breaker!.failureThreshold} times in a row; the gateway stops calling it for a while and tries again in ${seconds} s`, seconds);
    }
    const ownAdmitted = own.breaker?.admit() ?? { allowed: true as const, probe: false };
    if (!ownAdmitted.allowed) {
      const seconds = Math.max(1, Math.ceil(ownAdmitted.retryInMs / 1000));
      throw new SubgraphFetchError('circuit-open', `your requests to it failed ${options.breaker!.failureThreshold} times in a row; the gateway stops sending yours for a while (others are served) and tries again in ${seconds} s`, seconds);
    }
    if (pending >= options.maxPending) {
      throw new SubgraphFetchError('overloaded', `${pending} requests are already waiting for it`);
    }
    if (own.pending >= perCaller && pending + perCaller >= options.maxPending) {
      throw new SubgraphFetchError('overloaded', `${own.pending} of your requests are already waiting for it, and the slots left are kept for other callers`);
    }
    pending++;
    own.pending++;
    try {
      const retries = isMutation(init?.body) ? 0 : options.retries;
      for (let tries = 0; ; tries++) {
        try {
          const response = await attempt(url, sent);
          if (response.status >= 500) {
            departmentFailed('other', caller);
            own.breaker?.failed();
          } else {
            departmentSucceeded();
            own.breaker?.succeeded();
          }
          return response;
        } catch (error) {
          const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
          if (tries < retries && !admitted.probe && !ownAdmitted.probe && code !== undefined && CONNECTION_FAILURES.has(code)) continue;
          departmentFailed(error instanceof SubgraphFetchError && error.reason === 'timeout' ? 'timeout' : 'other', caller);
          own.breaker?.failed();
          throw error;
        }
      }
    } finally {
      pending--;
      own.pending--;
    }
  }) as Fetcher;
  return { fetcher, pending: () => pending, breakerState: () => breaker?.state() ?? 'closed' };
}

/** The operation the gateway sends is printed by graphql-js, so a mutation's text starts with `mutation`. */
function isMutation(body: unknown): boolean {
  return typeof body !== 'string' || /"query":"\s*mutation\b/.test(body);
}

async function checkGraphQLResponse(response: FetcherResponse): Promise<void> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SubgraphFetchError('invalid-response', 'its answer is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('data' in body || 'errors' in body)) {
    throw new SubgraphFetchError('invalid-response', 'its answer is not a GraphQL response (no data, no errors)');
  }
}
