/**
 * The abuse suite: operations built to exhaust the gateway or the departments are refused before they are
 * parsed, validated or planned, each with a 400 whose code names the limit and whose `allowed` says its value,
 * recorded in the audit trail, and never reaching a department (no statement runs in any department's store).
 * The canonical operations and GraphiQL's introspection pass the defaults.
 */
import { getIntrospectionQuery, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegalRepresentativesDocument, OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
const person = population.person(5);
let federation: TestFederation;

beforeAll(async () => {
  federation = await startFederation({
    applicationPolicy: {
      applications: {
        'batching-app': { limits: { maxBatchOperations: 3 } },
        'shallow-app': { limits: { maxDepth: 2 } },
      },
    },
  });
});
afterAll(async () => {
  await federation?.stop();
});

async function send(body: unknown, application = 'tax-app') {
  const headers = await federation.as({ department: 'tax', application });
  const response = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Sends `body`, and asserts it was refused with `code` / `allowed`, reached no department and was recorded. */
async function expectRefused(body: unknown, code: string, allowed: number | undefined, application = 'tax-app') {
  let response: Awaited<ReturnType<typeof send>> | undefined;
  const statements = await countStatements(federation, async () => {
    response = await send(body, application);
  });
  expect(response!.status).toBe(400);
  expect(response!.body.errors).toHaveLength(1);
  expect(response!.body.errors[0].extensions).toMatchObject({ code, ...(allowed !== undefined ? { allowed } : {}) });
  expect(response!.body.data).toBeUndefined();
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
  const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
  expect(record).toMatchObject({ application, status: 400, outcome: 'rejected', reason: response!.body.errors[0].message });
  return response!.body.errors[0] as { message: string; extensions: Record<string, unknown> };
}

const field = (i: number) => `p${i}: person(idNumber: "${person.idNumber}") { name }`;

describe('operations within the default limits', () => {
  it('serves OneStop, LegalRepresentatives with the largest page, and GraphiQL introspection', async () => {
    const oneStop = await send({ query: print(OneStopDocument), variables: { id: person.idNumber } });
    expect(oneStop.status).toBe(200);
    expect(oneStop.body.data.person.name).toBe(person.name);
    const legal = await send({ query: print(LegalRepresentativesDocument), variables: { first: 1000 } });
    expect(legal.status).toBe(200);
    expect(legal.body.data.enterprises.nodes).toHaveLength(600);
    const introspection = await send({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) });
    expect(introspection.status).toBe(200);
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('the abuse suite', () => {
  it('refuses an alias bomb', async () => {
    const error = await expectRefused({ query: `{ ${Array.from({ length: 31 }, (_, i) => field(i)).join(' ')} }` }, 'OPERATION_ALIAS_LIMIT', 30);
    expect(error).toEqual({
      message: 'The operation has 31 aliased fields; at most 30 allowed (limit maxAliases). Simplify the operation, or ask the platform operator to raise maxAliases for your application.',
      extensions: { code: 'OPERATION_ALIAS_LIMIT', limit: 'maxAliases', allowed: 30, actual: 31 },
    });
  });

  it('refuses a depth bomb of nested selections', async () => {
    let selection = 'name';
    for (let i = 0; i < 6; i++) selection = `enterprises { legalRepresentative { ${selection} } }`;
    const error = await expectRefused({ query: `{ person(idNumber: "${person.idNumber}") { ${selection} } }` }, 'OPERATION_DEPTH_LIMIT', 12);
    expect(error.extensions.actual).toBe(14);
  });

  it('refuses a depth bomb spread through fragments', async () => {
    const fragments = Array.from({ length: 8 }, (_, i) =>
      `fragment F${i} on Person { enterprises { legalRepresentative { ${i === 7 ? 'name' : `...F${i + 1}`} } } }`).join(' ');
    const error = await expectRefused({ query: `{ person(idNumber: "${person.idNumber}") { ...F0 } } ${fragments}` }, 'OPERATION_DEPTH_LIMIT', 12);
    expect(error.extensions.actual).toBe(18);
  });

  it('refuses braces nested thousands deep before parsing them', async () => {
    await expectRefused({ query: `${'{ a '.repeat(5_000)}${'}'.repeat(5_000)}` }, 'OPERATION_DEPTH_LIMIT', 12);
  });

  it('refuses fragments that spread each other in a cycle', async () => {
    const error = await expectRefused({
      query: `{ person(idNumber: "${person.idNumber}") { ...A } } fragment A on Person { name ...B } fragment B on Person { gender ...C } fragment C on Person { ...A }`,
    }, 'OPERATION_FRAGMENT_CYCLE', undefined);
    expect(error).toEqual({
      message: 'Fragments spread each other in a cycle (A -> B -> C -> A); a fragment may not include itself.',
      extensions: { code: 'OPERATION_FRAGMENT_CYCLE', fragments: ['A', 'B', 'C', 'A'] },
    });
  });

  it('refuses a fragment bomb whose expansion doubles at every level, without expanding it', async () => {
    const fragments = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? `fragment F${i} on Query { a: __typename }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const error = await expectRefused({ query: `{ ...F0 } ${fragments}` }, 'OPERATION_FIELD_LIMIT', 1_000);
    expect(error.extensions.actual).toBe(2 ** 39);
  });

  it('refuses an introspection bomb (type lists nested through type references)', async () => {
    const error = await expectRefused({ query: '{ __type(name: "Person") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }' }, 'INTROSPECTION_DEPTH_LIMIT', 3);
    expect(error.extensions.actual).toBe(4);
  });

  it('refuses a huge document', async () => {
    await expectRefused({ query: `{ __typename }\n#${'x'.repeat(40_000)}` }, 'OPERATION_DOCUMENT_SIZE_LIMIT', 32_768);
  });

  it('refuses a token flood', async () => {
    await expectRefused({ query: `{ ${'__typename '.repeat(2_100)}}` }, 'OPERATION_TOKEN_LIMIT', 2_000);
  });

  it('refuses too many root fields and too many directives', async () => {
    await expectRefused({ query: `{ ${'__typename '.repeat(21)}}` }, 'OPERATION_ROOT_FIELD_LIMIT', 20);
    await expectRefused({ query: `{ person(idNumber: "${person.idNumber}") { ${'name @include(if: true) '.repeat(51)}} }` }, 'OPERATION_DIRECTIVE_LIMIT', 50);
  });

  it('refuses a cost explosion through nested lists, and says what it would cost', async () => {
    const query = '{ enterprises(first: 1000) { nodes { legalRepresentative { enterprises { legalRepresentative { enterprises { creditCode } } } } } } }';
    const error = await expectRefused({ query }, 'OPERATION_COST_LIMIT', 10_000);
    // enterprises 1, then 1000 x (node 1 + representative 1 + 10 x (enterprise 1 + representative 1 + 10 x enterprise 1))
    expect(error.extensions.actual).toBe(1 + 1000 * (2 + 10 * (2 + 10)));
  });

  it('takes the list size from variables', async () => {
    const query = 'query($n: Int!) { enterprises(first: $n) { nodes { legalRepresentative { enterprises { legalRepresentative { name } } } } } }';
    await expectRefused({ query, variables: { n: 1000 } }, 'OPERATION_COST_LIMIT', 10_000);
    const small = await send({ query, variables: { n: 5 } });
    expect(small.status).toBe(200);
    expect(small.body.data.enterprises.nodes).toHaveLength(5);
  });

  it('refuses a batched array of operations unless the application may batch, and then bounds it', async () => {
    const operation = { query: '{ __typename }' };
    const off = await expectRefused([operation, operation], 'OPERATION_BATCH_LIMIT', 1);
    expect(off.message).toBe('Batched requests (a JSON array of operations) are not accepted: send one operation per request.');
    const allowed = await send([operation, operation], 'batching-app');
    expect(allowed).toEqual({ status: 200, body: [{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }] });
    await expectRefused([operation, operation, operation, operation], 'OPERATION_BATCH_LIMIT', 3, 'batching-app');
  });

  it('applies an application\'s own limits', async () => {
    const body = { query: print(OneStopDocument), variables: { id: person.idNumber } };
    await expectRefused(body, 'OPERATION_DEPTH_LIMIT', 2, 'shallow-app');
    expect((await send(body)).status).toBe(200);
  });
});
