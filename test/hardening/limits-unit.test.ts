/**
 * The parts of the protections that need no server: document measurement, cost estimates, the lexical check,
 * the application policy's validation, the circuit breaker's states and the rate limiter's bucket, on fake
 * clocks where time matters.
 */
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApplicationPolicy } from '../../gateway/admit/index.ts';
import { DEFAULT_OPERATION_LIMITS, estimateCost, lexicalCheck, measureDocument } from '../../gateway/admit/index.ts';
import { createRateLimiter } from '../../gateway/admit/rateLimiter.ts';
import { createCircuitBreaker } from '../../gateway/fetch/circuitBreaker.ts';

describe('measuring a document', () => {
  it('expands fragments: depth adds up through spreads, aliases and directives count at every spread', () => {
    const measured = measureDocument(parse(`
      query Q { a: person { ...P ...P } root2: __typename }
      fragment P on Person { x: name @include(if: true) enterprises { ...E } }
      fragment E on Enterprise { legalRepresentative { y: name } }`));
    expect(measured).toEqual({
      operations: new Map([['Q', { fields: 2 + 2 * (2 + 2), depth: 4, aliases: 1 + 2 * (1 + 1) + 1, rootFields: 2, directives: 2, introspectionLists: 0 }]]),
      fragmentCycle: null,
    });
  });

  it('counts root fields through inline fragments and top-level spreads', () => {
    const measured = measureDocument(parse('{ a ... on Query { b c } ...F } fragment F on Query { d e }'));
    expect(measured.operations.get('')!.rootFields).toBe(5);
  });

  it('counts introspection lists nested through types and through fragments on introspection types', () => {
    const lists = (query: string) => measureDocument(parse(query)).operations.get('')!.introspectionLists;
    expect(lists('{ __schema { types { fields { args { name } } } } }')).toBe(3);
    expect(lists('{ __type(name: "P") { fields { type { fields { type { ...T } } } } } } fragment T on __Type { fields { name } }')).toBe(3);
    expect(lists('{ __type(name: "P") { ...T } } fragment T on __Type { fields { type { fields { type { fields { type { fields { name } } } } } } } }')).toBe(4);
  });

  it('names a fragment cycle, including a fragment spreading itself', () => {
    expect(measureDocument(parse('{ ...A } fragment A on Q { ...A }')).fragmentCycle).toEqual(['A', 'A']);
    expect(measureDocument(parse('{ ...A } fragment A on Q { x { ...B } } fragment B on Q { ...A }')).fragmentCycle).toEqual(['A', 'B', 'A']);
  });

  it('measures a chain of 2,000 fragments without deep recursion', () => {
    const chain = Array.from({ length: 2_000 }, (_, i) => `fragment F${i} on Q { a${i}: x ${i < 1_999 ? `...F${i + 1}` : ''} }`).join(' ');
    expect(measureDocument(parse(`{ ...F0 } ${chain}`, { maxTokens: 100_000 })).operations.get('')!.aliases).toBe(2_000);
  });
});

describe('reading a document before parsing it', () => {
  it('stops at the first limit: size, then tokens, then nesting', () => {
    expect(lexicalCheck('{ a }', DEFAULT_OPERATION_LIMITS)).toBeNull();
    expect(lexicalCheck('#'.repeat(40_000), DEFAULT_OPERATION_LIMITS)?.extensions.code).toBe('OPERATION_DOCUMENT_SIZE_LIMIT');
    expect(lexicalCheck('{ a } '.repeat(1_000), DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ code: 'OPERATION_TOKEN_LIMIT', allowed: 2_000 });
    expect(lexicalCheck(`${'{a'.repeat(27)}${'}'.repeat(27)}`, DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ code: 'OPERATION_DEPTH_LIMIT', actual: 27 });
    expect(lexicalCheck(`${'{a'.repeat(26)}${'}'.repeat(26)}`, DEFAULT_OPERATION_LIMITS)).toBeNull();
  });

  it('leaves a lexical error to the parser', () => {
    expect(lexicalCheck('{ "unterminated }', DEFAULT_OPERATION_LIMITS)).toBeNull();
  });
});

describe('estimating cost', () => {
  const schema = buildSchema(`
    type Query { people(first: Int): [Person!]! page(first: Int!): Page! person: Person }
    type Mutation { touch: Person }
    type Page { nodes: [Person!]! }
    type Person { name: String friends: [Person!]! best: Person }`);
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return estimateCost(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as never, variables, 10);
  };

  it('counts 1 per object, nothing for scalars, and multiplies by list sizes', () => {
    expect(cost('{ person { name best { name } } }')).toBe(2);
    expect(cost('{ people(first: 5) { name friends { name } } }')).toBe(5 * (1 + 10));
    expect(cost('query($n: Int) { people(first: $n) { name } }', { n: 300 })).toBe(300);
    expect(cost('query($n: Int = 7) { people(first: $n) { name } }')).toBe(7);
  });

  it('sizes a connection\'s nodes by its size argument, through fragments too', () => {
    expect(cost('{ page(first: 100) { nodes { best { name } } } }')).toBe(1 + 100 * 2);
    // The connection's size reaches the nodes a fragment selects where it is spread (it used to fall back to 10).
    expect(cost('{ page(first: 100) { ...N } } fragment N on Page { nodes { name } }')).toBe(1 + 100);
    expect(cost('{ page(first: 100) { ...N } } fragment N on Page { ...M } fragment M on Page { nodes { best { name } } }')).toBe(1 + 100 * 2);
    expect(cost('{ a: page(first: 3) { ...N } b: page(first: 500) { ...N } } fragment N on Page { nodes { name } }')).toBe(1 + 3 + 1 + 500);
  });

  it('weighs a mutation\'s root field 10', () => {
    expect(cost('mutation { touch { best { name } } }')).toBe(11);
  });
});

describe('the application policy', () => {
  it('merges the defaults, the policy\'s defaults and an application\'s own', () => {
    const policy = createApplicationPolicy({
      defaults: { limits: { maxDepth: 8 } },
      applications: { a: { limits: { maxCost: 50 }, trustedDocuments: true, rateLimit: null } },
      agreements: { 'AGR-1': { dailyRecords: 10 } },
    });
    expect(policy.settingsFor('a')).toEqual({
      limits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 8, maxCost: 50 }, trustedDocuments: true, rateLimit: null,
    });
    expect(policy.settingsFor('b').limits.maxDepth).toBe(8);
    expect(policy.dailyRecordsFor('AGR-1')).toBe(10);
    expect(policy.dailyRecordsFor('AGR-2')).toBeNull();
  });

  it('refuses an unknown key or a bad value, naming it', () => {
    expect(() => createApplicationPolicy({ applications: { a: { limits: { maxDeep: 3 } as never } } }, 'policy.json'))
      .toThrow('policy.json.applications.a.limits.maxDeep is not a limit; known limits: maxDocumentBytes, maxTokens, maxDepth');
    expect(() => createApplicationPolicy({ defaults: { limits: { maxDepth: 0 } } }, 'policy.json'))
      .toThrow('policy.json.defaults.limits.maxDepth must be a positive integer, got 0.');
    expect(() => createApplicationPolicy({ applications: { a: { rateLimit: { requestsPerSecond: 5 } as never } } }, 'p'))
      .toThrow('p.applications.a.rateLimit.burst must be a positive integer, got undefined.');
  });
});

describe('the circuit breaker', () => {
  it('opens after consecutive failures, refuses during the cool-down, lets one probe through, and closes on its success', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000 }, () => now);
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.state()).toBe('closed');
    breaker.failed();
    expect(breaker.state()).toBe('open');
    now = 400;
    expect(breaker.admit()).toEqual({ allowed: false, retryInMs: 600 });
    now = 1_000;
    expect(breaker.admit()).toEqual({ allowed: true, probe: true });
    expect(breaker.admit()).toEqual({ allowed: false, retryInMs: 1_000 });
    breaker.succeeded();
    expect(breaker.state()).toBe('closed');
    expect(breaker.admit()).toEqual({ allowed: true, probe: false });
  });

  it('opens again at once when the probe fails', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 100 }, () => now);
    breaker.failed();
    now = 100;
    expect(breaker.admit()).toEqual({ allowed: true, probe: true });
    breaker.failed();
    expect(breaker.state()).toBe('open');
    expect(breaker.admit()).toEqual({ allowed: false, retryInMs: 100 });
  });
});

describe('the rate limiter', () => {
  it('spends the burst, refills at the rate, and says when to retry', () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now });
    const limit = { requestsPerSecond: 2, burst: 3 };
    expect([1, 2, 3].map(() => limiter.take('a', limit).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', limit).allowed).toBe(true);
    now = 500;
    expect(limiter.take('a', limit).allowed).toBe(true);
    expect(limiter.take('a', limit).allowed).toBe(false);
  });

  it('charges a batch one token per operation', () => {
    const limiter = createRateLimiter({ now: () => 0 });
    const limit = { requestsPerSecond: 1, burst: 5 };
    expect(limiter.take('a', limit, 4).allowed).toBe(true);
    expect(limiter.take('a', limit, 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', limit, 1).allowed).toBe(true);
  });
});
