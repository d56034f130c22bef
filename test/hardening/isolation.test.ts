/**
 * One application cannot take a department away from the others: its operations in flight (and their estimated
 * cost) are bounded per replica, and its own failures open only its own circuit to a department, while failures
 * that are the department's (a refused connection, timeouts from several callers) open the department's circuit for
 * everyone. The circuits are tested on the fetcher itself, with a department stand-in that hangs or refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '@apollo/utils.fetcher';
import { CALLER_HEADER, resilientFetcher } from '../../gateway/fetch/resilientFetcher.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const ok = { status: 200, json: async () => ({ data: {} }) };
/** A department stand-in: `behaviour` decides each answer. */
function department(behaviour: { current: 'answer' | 'hang' | 'refuse' }): Fetcher {
  return (async (_url: string, init?: { signal?: AbortSignal }) => {
    if (behaviour.current === 'answer') return ok;
    if (behaviour.current === 'refuse') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  }) as unknown as Fetcher;
}
const as = (caller: string) => ({ method: 'POST', headers: { [CALLER_HEADER]: caller }, body: '{"query":"{ a }"}' });
const reasonOf = (call: Promise<unknown>) => call.then(() => 'answered', (error: { reason?: string; detail?: string }) => `${error.reason}: ${error.detail}`);

describe('circuits', () => {
  it('opens only the caller\'s own circuit when its requests time out, and keeps serving the others', async () => {
    const behaviour = { current: 'hang' as 'answer' | 'hang' | 'refuse' };
    const { fetcher } = resilientFetcher(department(behaviour), { timeoutMs: 20, retries: 0, maxPending: 16, breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect(await reasonOf(fetcher('http://d/graphql', as('hostile@tax')))).toBe('timeout: no answer within 20 ms');
    behaviour.current = 'answer';
    expect(await reasonOf(fetcher('http://d/graphql', as('hostile@tax')))).toMatch(/^circuit-open: your requests to it failed 3 times in a row/);
    expect(await reasonOf(fetcher('http://d/graphql', as('other@civil-affairs')))).toBe('answered');
  });

  it('opens the department\'s circuit for everyone when timeouts come from more than one caller', async () => {
    const behaviour = { current: 'hang' as 'answer' | 'hang' | 'refuse' };
    const { fetcher, breakerState } = resilientFetcher(department(behaviour), { timeoutMs: 20, retries: 0, maxPending: 16, breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
    for (const caller of ['a@tax', 'b@health', 'a@tax', 'b@health']) await reasonOf(fetcher('http://d/graphql', as(caller)));
    expect(breakerState()).toBe('open');
    behaviour.current = 'answer';
    expect(await reasonOf(fetcher('http://d/graphql', as('third@civil-affairs')))).toMatch(/^circuit-open: it failed 3 times in a row/);
  });

  it('opens the department\'s circuit on its own failures (refused connections), whoever asked', async () => {
    const behaviour = { current: 'refuse' as 'answer' | 'hang' | 'refuse' };
    const { fetcher, breakerState } = resilientFetcher(department(behaviour), { timeoutMs: 20, retries: 0, maxPending: 16, breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
    for (let i = 0; i < 3; i++) await reasonOf(fetcher('http://d/graphql', as('one@tax')));
    expect(breakerState()).toBe('open');
  });

  it('lets one caller borrow free waiting slots, never the last quarter, which stays free for the others', async () => {
    const behaviour = { current: 'hang' as 'answer' | 'hang' | 'refuse' };
    const { fetcher } = resilientFetcher(department(behaviour), { timeoutMs: 200, retries: 0, maxPending: 16, breaker: null });
    const mine = Array.from({ length: 14 }, () => reasonOf(fetcher('http://d/graphql', as('greedy@tax'))));
    const others = Array.from({ length: 5 }, (_, i) => reasonOf(fetcher('http://d/graphql', as(`modest-${i % 2}@health`))));
    behaviour.current = 'answer';
    const reasons = await Promise.all(mine);
    expect(reasons.filter((r) => r.startsWith('overloaded: 12 of your requests are already waiting for it, and the slots left are kept for other callers'))).toHaveLength(2);
    expect(reasons.filter((r) => r.startsWith('timeout'))).toHaveLength(12);
    // The share kept free admits the other callers (until the department itself is full).
    expect(await Promise.all(others)).toEqual([...Array(4).fill('timeout: no answer within 200 ms'), 'overloaded: 16 requests are already waiting for it']);
  });

  it('never sends the caller header on', async () => {
    let sent: Record<string, string> = {};
    const inner = (async (_url: string, init: { headers: Record<string, string> }) => ((sent = init.headers), ok)) as unknown as Fetcher;
    const { fetcher } = resilientFetcher(inner, { timeoutMs: 100, retries: 0, maxPending: 4, breaker: null });
    await fetcher('http://d/graphql', { method: 'POST', headers: { [CALLER_HEADER]: 'a@tax', authorization: 'Bearer g' }, body: '{}' });
    expect(sent).toEqual({ authorization: 'Bearer g' });
  });
});

describe('operations in flight per application', () => {
  const person = createPopulation(TEST_POPULATION).person(5);
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await startFederation({
      applicationPolicy: { applications: { 'one-at-a-time': { limits: { maxBatchOperations: 3, maxConcurrentRequests: 1 } }, 'cheap-in-flight': { limits: { maxBatchOperations: 3, maxConcurrentCost: 30 } } } },
    });
  });
  afterAll(() => federation?.stop());

  const batch = async (application: string) => {
    const headers = await federation.as({ department: 'tax', application });
    const body = Array.from({ length: 3 }, () => ({ query: 'query($id: ResidentId!) { person(idNumber: $id) { name enterprises { name taxCreditRating } } }', variables: { id: person.idNumber } }));
    const response = await fetch(federation.gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as { data?: unknown; errors?: { extensions: { code: string; limit: string } }[] }[];
  };

  it('refuses the operations of one application beyond its maxConcurrentRequests, 429 with the limit named', async () => {
    const answers = await batch('one-at-a-time');
    const refused = answers.filter((a) => a.errors?.[0]?.extensions.code === 'CONCURRENCY_LIMIT');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONCURRENCY_LIMIT', limit: 'maxConcurrentRequests', allowed: 1, retryAfter: 1 });
    expect(answers.some((a) => a.data)).toBe(true);
  });

  it('refuses what would exceed its maxConcurrentCost in flight', async () => {
    const answers = await batch('cheap-in-flight');
    const refused = answers.filter((a) => a.errors?.[0]?.extensions.code === 'CONCURRENCY_LIMIT');
    expect(refused[0]?.errors?.[0]?.extensions).toMatchObject({ limit: 'maxConcurrentCost', allowed: 30 });
  });

  it('frees the slots once the operations are answered', async () => {
    await batch('one-at-a-time');
    const headers = await federation.as({ department: 'tax', application: 'one-at-a-time' });
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ enterprises(first: 1) { nodes { name } } }' }),
    });
    expect(response.status).toBe(200);
  });
});
