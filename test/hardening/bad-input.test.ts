/**
 * Every bad input is answered clearly (the status it deserves, a JSON body whose error says what is wrong and
 * what to send instead, never a stack trace or a file path) and recorded in the audit trail with the caller and
 * the reason: malformed JSON, a wrong content type, a missing query, an unknown operationName, invalid variables,
 * a malformed resident ID or credit code, a purpose no agreement covers, a GET without CSRF protection, another
 * method, an oversized body. Every answer carries the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
const person = population.person(5);
let federation: TestFederation;
const bodies: string[] = [];

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(init: { method?: string; headers?: Record<string, string>; body?: string; search?: string }, purpose?: string): Promise<Answer> {
  const caller = await federation.as({ department: 'tax', application: 'careless-app', ...(purpose ? { purpose } : {}) });
  const response = await fetch(`${federation.gateway.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { ...caller, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function newestRecord() {
  return (await federation.platform.audit.query({}, { first: 1 })).records[0]!;
}

/**
 * The answer is one error with this status, code and message, recorded for careless-app with that reason, as a
 * rejected request (a malformed or invalid request is not a sharing denial).
 */
async function expectAnswered(answer: Answer, status: number, code: string, message: string | RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors[0].extensions.code).toBe(code);
  if (typeof message === 'string') expect(answer.body.errors[0].message).toBe(message);
  else expect(answer.body.errors[0].message).toMatch(message);
  const record = await newestRecord();
  expect(record).toMatchObject({ application: 'careless-app', department: 'tax', status, outcome: 'rejected' });
  // The answer names its record.
  expect(answer.headers.get('x-request-id')).toBe(record.requestId);
  expect(record.reason).toContain(answer.body.errors[0].message.trim());
}

describe('bad input', () => {
  it('malformed JSON: 400 saying what to send', async () => {
    const answer = await call({ headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
    await expectAnswered(answer, 400, 'BAD_REQUEST', 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.');
  });

  it('a wrong content type (a form post, or plain text): 415, nothing run', async () => {
    const form = await call({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' });
    await expectAnswered(form, 415, 'UNSUPPORTED_MEDIA_TYPE',
      'Content-Type "application/x-www-form-urlencoded" is not supported: send the operation as JSON with Content-Type: application/json.');
    const text = await call({ headers: { 'content-type': 'text/plain' }, body: '{"query": "{ __typename }"}' });
    expect(text.status).toBe(415);
  });

  it('a missing query: 400', async () => {
    await expectAnswered(await call(json({ variables: {} })), 400, 'BAD_REQUEST', 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.');
  });

  it('an unknown operationName: 400 naming the operations the document has', async () => {
    const answer = await call(json({ query: 'query A { __typename } query B { __typename }', operationName: 'C' }));
    await expectAnswered(answer, 400, 'BAD_REQUEST', 'operationName "C" names no operation of the document; it has: A, B.');
    const none = await call(json({ query: 'query A { __typename } query B { __typename }' }));
    await expectAnswered(none, 400, 'BAD_REQUEST', 'The document has 2 operations (A, B); say which one to run with operationName.');
  });

  it('invalid variables: 400 naming the variable', async () => {
    const wrongType = await call(json({ query: 'query($n: Int!) { enterprises(first: $n) { nodes { name } } }', variables: { n: 'ten' } }));
    await expectAnswered(wrongType, 400, 'BAD_USER_INPUT', /^Variable "\$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"/);
    const missing = await call(json({ query: 'query($n: Int!) { enterprises(first: $n) { nodes { name } } }' }));
    await expectAnswered(missing, 400, 'BAD_USER_INPUT', 'Variable "$n" of required type "Int!" was not provided.');
    const notAnObject = await call(json({ query: '{ __typename }', variables: '{"n": 1}' }));
    await expectAnswered(notAnObject, 400, 'BAD_REQUEST', '`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.');
  });

  it('a malformed resident ID or credit code: 400 naming the argument and what is wrong', async () => {
    const broken = `${person.idNumber.slice(0, 17)}${person.idNumber.endsWith('0') ? '1' : '0'}`;
    const id = await call(json({ query: 'query($id: ResidentId!) { person(idNumber: $id) { name } }', variables: { id: broken } }));
    await expectAnswered(id, 400, 'BAD_USER_INPUT', /^Argument "idNumber" of Query\.person \(from variable \$id\) is not a valid resident ID: /);
    const code = await call(json({ query: '{ enterprise(creditCode: "91110000000000000X") { name } }' }));
    await expectAnswered(code, 400, 'BAD_USER_INPUT', /^Argument "creditCode" of Query\.enterprise is not a valid credit code: /);
  });

  it('a purpose none of its agreements covers: each conditional item withheld with the purposes that would grant it, recorded with that purpose', async () => {
    const answer = await call(json({ query: `{ person(idNumber: "${person.idNumber}") { name household { address } } }` }), 'fishing-trip');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ person: { name: person.name, household: null } });
    expect(answer.body.errors[0]).toMatchObject({
      message: expect.stringContaining('no agreement of tax in force has the purpose or id "fishing-trip"'),
      extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: 'Person.household', provider: 'public-security', remedy: 'send the header X-Purpose: property-tax-assessment (agreement AGR-2025-0004) for it' },
    });
    expect(await newestRecord()).toMatchObject({ application: 'careless-app', purpose: 'fishing-trip', outcome: 'partial' });
  });

  it('a malformed purpose: 400', async () => {
    const answer = await call(json({ query: '{ __typename }' }), 'purpose with spaces');
    await expectAnswered(answer, 400, 'BAD_REQUEST', 'X-Purpose must be an agreement id or a purpose code (letters, digits, . _ : -, at most 100).');
  });

  it('a GET without CSRF protection: 400; with it, a query runs; a mutation by GET: 405', async () => {
    const blocked = await call({ method: 'GET', search: '?query=%7B__typename%7D' });
    await expectAnswered(blocked, 400, 'BAD_REQUEST', /^This operation has been blocked as a potential Cross-Site Request Forgery/);
    const allowed = await call({ method: 'GET', search: '?query=%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    const mutation = await call({ method: 'GET', search: `?query=${encodeURIComponent('mutation { revokeAgreement(input: { id: "x", reason: "y" }) { id } }')}`, headers: { 'apollo-require-preflight': 'true' } });
    await expectAnswered(mutation, 405, 'BAD_REQUEST', 'GET requests only support query operations, not mutation operations');
  });

  it('another method: 405 with Allow', async () => {
    const answer = await call({ method: 'PUT', ...json({ query: '{ __typename }' }) });
    await expectAnswered(answer, 405, 'METHOD_NOT_ALLOWED', 'PUT is not supported: send a POST with a JSON body (or a GET for queries).');
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });

  it('a body over the limit: 413', async () => {
    const answer = await call(json({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } }));
    await expectAnswered(answer, 413, 'PAYLOAD_TOO_LARGE', 'The request body exceeds 1048576 bytes; send a smaller operation or fewer variables.');
  });

  it('a syntax error and an unknown field: 400 with the location, no hidden item suggested', async () => {
    const syntax = await call(json({ query: '{ person(' }));
    await expectAnswered(syntax, 400, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.');
    // health's NONE item Person.diagnoses is invisible to tax: not even suggested.
    const unknown = await call(json({ query: `{ person(idNumber: "${person.idNumber}") { diagnose } }` }));
    await expectAnswered(unknown, 400, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "diagnose" on type "Person".');
  });
});

describe('every answer', () => {
  it('carries the security headers', async () => {
    for (const answer of [await call(json({ query: '{ __typename }' })), await call({ headers: { 'content-type': 'text/plain' }, body: 'x' })]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('never shows a stack trace, a file path or a module name', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toMatch(/\n\s+at |node_modules|\/work\/|\/tmp\/|\.ts:\d|\.js:\d|stacktrace|exception/);
    }
  });
});
