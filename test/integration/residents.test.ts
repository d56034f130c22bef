/**
 * Residents through the gateway, against the real federation and platform store: a resident signs in and sees
 * every access a department made to data about them (the canonical OneStop included), in plain words, paged and
 * counted; asks for a correction, which the providing department answers on the ordinary objection path; and sees
 * only their own records, whatever operation they send (generated: aliases, fragments, variables, @include,
 * batches), never another person, another department's request ids, or a field meant for departments.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../platform/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

const ONE_STOP = readFileSync(new URL('../../schema/operations/OneStop.graphql', import.meta.url), 'utf8');
const population = createPopulation(TEST_POPULATION);
const [alice, bob, carol] = [population.person(3).idNumber, population.person(4).idNumber, population.person(5).idNumber];
const everyResident = new Set(Array.from({ length: TEST_POPULATION.people }, (_, i) => population.person(i).idNumber));

const ACCESSES = `query Accesses($first: Int!, $after: String) { myDataAccesses(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { time department { id name nameZh } application purpose agreements { id provider { id name } purpose legalBasis } items { item provider { id } description nameZh masked } } } }`;
const CORRECTIONS = 'query { myCorrections(first: 20) { totalCount nodes { id item { item provider { id name nameZh } nameZh } description status overdue deadline answer { note } } } }';
const REQUEST = 'mutation($input: CorrectionInput!) { requestCorrection(input: $input) { id item { item provider { id } } status deadline answer { note } } }';

let federation: WorkflowFederation;
const gqlAs = async (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => postGraphQL(federation.gateway.url, { query, variables }, headers);
const asResident = async (resident: string, query: string, variables: Record<string, unknown> = {}) => gqlAs(await federation.asResident(resident), query, variables);

/** Every record of the trail, read whole (not through the subject index the views use). */
async function trail(): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const line of federation.platform.audit.export({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })) {
    const parsed = JSON.parse(line) as AuditRecord | { seal: unknown };
    if (!('seal' in parsed)) records.push(parsed);
  }
  return records;
}

/** The oracle's records about `resident`: requests in which a department (not a resident) was returned data about them. */
async function accessesAbout(resident: string): Promise<AuditRecord[]> {
  return (await trail())
    .filter((record) => record.kind === 'request' && record.department !== 'resident' && Object.values(record.providers).some((access) => access.subjects.includes(resident)))
    .sort((a, b) => (a.time === b.time ? b.sequence - a.sequence : a.time < b.time ? 1 : -1));
}

beforeAll(async () => {
  federation = await startWorkflowFederation({}, { gateway: { applicationPolicy: { applications: { 'resident-portal': { limits: { maxBatchOperations: 3 } } } } } });
  // Tax assesses alice's property (the canonical OneStop); civil affairs looks up alice and bob in one request;
  // human resources runs OneStop for carol.
  const tax = await federation.as({ department: 'tax', application: 'tax-demo', purpose: 'property-tax-assessment' });
  expect((await gqlAs(tax, ONE_STOP, { id: alice })).status).toBe(200);
  const civil = await federation.as({ department: 'civil-affairs', application: 'marriage-desk' });
  // In the same request market regulation returns an enterprise, about neither of them.
  const couple = 'query Couple($a: ResidentId!, $b: ResidentId!) { a: person(idNumber: $a) { name } b: person(idNumber: $b) { name gender } enterprises(first: 1) { nodes { name } } }';
  expect((await gqlAs(civil, couple, { a: alice, b: bob })).status).toBe(200);
  const hr = await federation.as({ department: 'human-resources', application: 'enrolment', purpose: 'social-insurance-enrolment' });
  expect((await gqlAs(hr, ONE_STOP, { id: carol })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await federation?.stop();
});

describe('a resident\'s accesses', () => {
  it('lists the OneStop and the couple lookup made for alice, newest first, in plain words', async () => {
    const { status, body } = await asResident(alice, ACCESSES, { first: 10 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const records = await accessesAbout(alice);
    expect(records.map((record) => record.department)).toEqual(['civil-affairs', 'tax']);
    const [couple, oneStop] = body.data.myDataAccesses.nodes;
    expect(body.data.myDataAccesses).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    expect(couple).toEqual({
      time: records[0]!.time,
      department: { id: 'civil-affairs', name: 'Civil Affairs', nameZh: '民政局' },
      application: 'marriage-desk',
      purpose: null,
      agreements: [],
      items: [
        { item: 'Person.gender', provider: { id: 'public-security' }, description: expect.any(String), nameZh: '性别', masked: false },
        { item: 'Person.name', provider: { id: 'public-security' }, description: expect.any(String), nameZh: '姓名', masked: false },
      ],
    });
    // Every item tax obtained from a department that returned alice, each with its provider, and the agreements of those providers only.
    const returning = Object.entries(records[1]!.providers).filter(([, access]) => access.subjects.includes(alice));
    expect(oneStop).toMatchObject({ time: records[1]!.time, department: { id: 'tax', name: 'Taxation', nameZh: '税务局' }, application: 'tax-demo', purpose: 'property-tax-assessment' });
    expect(oneStop.items.map((item: { item: string; provider: { id: string } }) => `${item.provider.id} ${item.item}`).sort())
      .toEqual(returning.flatMap(([provider, access]) => access.served.filter((item) => !item.startsWith('Query.')).map((item) => `${provider} ${item}`)).sort());
    expect(oneStop.items.find((item: { item: string }) => item.item === 'Person.idNumber')).toMatchObject({ masked: true, nameZh: '公民身份号码' });
    expect(oneStop.agreements.map((agreement: { id: string }) => agreement.id).sort())
      .toEqual(records[1]!.agreements.filter((id) => ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005'].includes(id)).sort());
    expect(oneStop.agreements.find((agreement: { id: string }) => agreement.id === 'AGR-2025-0004'))
      .toEqual({ id: 'AGR-2025-0004', provider: { id: 'public-security', name: 'Public Security' }, purpose: 'property-tax-assessment', legalBasis: expect.any(String) });
    // Nothing names bob, who was in the same request, nor the requests' ids.
    const text = JSON.stringify(body);
    expect(text).not.toContain(bob);
    for (const record of records) expect(text).not.toContain(record.requestId);
  });

  it('pages newest first with totalCount, and leaves out the resident\'s own reads', async () => {
    const first = await asResident(alice, ACCESSES, { first: 1 });
    expect(first.body.data.myDataAccesses).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await asResident(alice, ACCESSES, { first: 1, after: first.body.data.myDataAccesses.pageInfo.endCursor });
    expect(next.body.data.myDataAccesses).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, nodes: [{ department: { id: 'tax' } }] });
    // The reads above are recorded, with alice as the platform's subject, and are not accesses by a department.
    const own = (await trail()).filter((record) => record.department === 'resident');
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.every((record) => record.application === 'resident-portal' && record.providers.platform?.subjects.includes(alice))).toBe(true);
  });

  it('shows bob the couple lookup only, and carol only human resources\' OneStop', async () => {
    const bobs = (await asResident(bob, ACCESSES, { first: 10 })).body.data.myDataAccesses;
    expect(bobs.nodes.map((node: { department: { id: string }; items: { item: string }[] }) => [node.department.id, node.items.map((i) => i.item)]))
      .toEqual([['civil-affairs', ['Person.gender', 'Person.name']]]);
    const carols = (await asResident(carol, ACCESSES, { first: 10 })).body.data.myDataAccesses;
    expect(carols.nodes.map((node: { department: { id: string }; application: string }) => `${node.department.id} ${node.application}`)).toEqual(['human-resources enrolment']);
    expect(JSON.stringify(carols)).not.toContain(alice);
  });

  it('refuses a resident any field meant for departments, before planning, and a department the resident\'s fields', async () => {
    const asking = await asResident(alice, 'query($id: ResidentId!) { person(idNumber: $id) { name } myCorrections(first: 1) { totalCount } }', { id: bob });
    expect(asking.status).toBe(403);
    expect(asking.body).toEqual({
      errors: [{ message: expect.stringContaining('Query.person is for departments\' applications'), extensions: { code: 'FORBIDDEN', fields: ['Query.person'] } }],
    });
    const department = await gqlAs(await federation.as({ department: 'tax' }), 'query { myDataAccesses(first: 5) { totalCount } }');
    expect(department.body.data).toBeNull();
    expect(department.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(department.body.errors[0].message).toBe('Only a signed-in resident asks about their own records: sign in as a resident on /residents (a department\'s token cannot).');
  });

  it('is refused by every department but the platform, and by the platform outside the resident\'s fields, even past the gateway', async () => {
    const { departments } = federation;
    const grant = (department: string, resident: string) => departments.grantTokenFor(department, { application: 'resident-portal', department: 'resident', resident });
    const person = await departments.post('public-security', { query: `{ person(idNumber: "${bob}") { name } }` }, await grant('public-security', alice));
    expect([person.status, person.body.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)]).toEqual([403, ['FORBIDDEN']]);
    const objections = await departments.post('platform', { query: '{ objections(first: 5) { totalCount } }' }, await grant('platform', alice));
    expect(objections.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'Query.objections is for departments\' applications: a resident\'s sign-in reaches only your own records.',
    ]);
    // The platform answers about the grant's resident: bob's grant gets bob's accesses, whatever the query says.
    const bobs = await departments.post('platform', { query: '{ myDataAccesses(first: 10) { totalCount nodes { department { id } } } }' }, await grant('platform', bob));
    expect(bobs.body.data.myDataAccesses).toEqual({ totalCount: 1, nodes: [{ department: { id: 'civil-affairs' } }] });
    expect(bobs.report?.report.subjects).toEqual([bob]);
  });

  it('answers 401 with the reason for an expired resident token', async () => {
    const { SignJWT } = await import('jose');
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: federation.residentKey.kid }).setSubject(alice).setIssuer('govgraph-resident-development')
      .setAudience('govgraph-resident').setIssuedAt(now - 3600).setExpirationTime(now - 600).sign(federation.residentKey.privateKey);
    const refused = await gqlAs({ authorization: `Bearer ${expired}` }, 'query { myCorrections(first: 1) { totalCount } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toEqual([{ message: expect.stringMatching(/^The token expired at .*: request a new one\.$/), extensions: { code: 'UNAUTHENTICATED' } }]);
  });
});

describe('a resident\'s correction', () => {
  let id: string;

  it('becomes an objection to the providing department with the statutory deadline', async () => {
    const { body } = await asResident(alice, REQUEST, { input: { item: 'Person.maritalStatus', description: 'I divorced on 2024-05-10; the record still says married.' } });
    expect(body.errors).toBeUndefined();
    id = body.data.requestCorrection.id;
    expect(body.data.requestCorrection).toEqual({ id: expect.stringMatching(/^OBJ-\d{4}-\d{4}$/), item: { item: 'Person.maritalStatus', provider: { id: 'civil-affairs' } }, status: 'OPEN', deadline: expect.any(String), answer: null });
    const seen = await gqlAs(await federation.as({ department: 'civil-affairs', roles: ['dept-admin'] }), 'query($id: String!) { objection(id: $id) { consumer provider item subjectKey status reporter { department application } } }', { id });
    expect(seen.body.data.objection).toEqual({ consumer: 'resident', provider: 'civil-affairs', item: 'Person.maritalStatus', subjectKey: alice, status: 'OPEN', reporter: { department: 'resident', application: 'resident-portal' } });
    const recorded = (await trail()).filter((record) => record.kind === 'correction.request');
    expect(recorded.map((record) => [record.department, record.outcome, record.providers])).toEqual([
      ['resident', 'ok', { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: [alice] } }],
    ]);
  });

  it('refuses a second open request on the same item, an item not about a person, and an empty description', async () => {
    const again = await asResident(alice, REQUEST, { input: { item: 'Person.maritalStatus', description: 'Still wrong' } });
    expect(again.body.errors.map((e: { extensions: { code: string; problems: string[] } }) => [e.extensions.code, e.extensions.problems])).toEqual([
      ['CONFLICT', [expect.stringMatching(new RegExp(`^your request ${id} about Person.maritalStatus is still open with civil-affairs`))]],
    ]);
    const notPerson = await asResident(alice, REQUEST, { input: { item: 'Enterprise.taxCreditRating', description: ' ' } });
    expect(notPerson.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      serviceName: 'platform',
      problems: [
        'Enterprise.taxCreditRating is not an item about a person: a correction names one of the catalogue\'s Person items',
        'description is missing: say what is wrong and what you believe is right',
      ],
    });
  });

  it('is tracked until the department answers it on the objection path, and only for its resident', async () => {
    expect((await asResident(alice, CORRECTIONS)).body.data.myCorrections.nodes.map((n: { id: string; status: string }) => [n.id, n.status])).toEqual([[id, 'OPEN']]);
    const answered = await gqlAs(await federation.as({ department: 'civil-affairs', roles: ['dept-admin'] }),
      'mutation($id: String!) { answerObjection(input: { id: $id, outcome: CORRECTED, note: "Divorce of 2024-05-10 registered." }) { status } }', { id });
    expect(answered.body).toEqual({ data: { answerObjection: { status: 'CORRECTED' } } });
    const { body } = await asResident(alice, CORRECTIONS);
    expect(body.data.myCorrections).toEqual({
      totalCount: 1,
      nodes: [{
        id, item: { item: 'Person.maritalStatus', provider: { id: 'civil-affairs', name: 'Civil Affairs', nameZh: '民政局' }, nameZh: '婚姻状况' },
        description: 'I divorced on 2024-05-10; the record still says married.', status: 'CORRECTED', overdue: false, deadline: expect.any(String),
        answer: { note: 'Divorce of 2024-05-10 registered.' },
      }],
    });
    expect((await asResident(bob, CORRECTIONS)).body.data.myCorrections).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('a resident sees only their own records, whatever the operation', () => {
  type Piece = { text: string; forbidden: boolean };
  const ALLOWED: Piece[] = [
    { text: 'myDataAccesses(first: $n) { totalCount nodes { time department { id } ...Items } }', forbidden: false },
    { text: 'recent: myDataAccesses(first: 2) { pageInfo { hasNextPage } nodes { time department { id name } application purpose agreements { id provider { id } legalBasis } } }', forbidden: false },
    { text: 'myCorrections(first: $n) { totalCount nodes { id item { item provider { id } } status answer { note } } }', forbidden: false },
    { text: 'catalogueItem(item: "Person.maritalStatus") { item owner level }', forbidden: false },
  ];
  const FORBIDDEN: Piece[] = [
    { text: `person(idNumber: "${bob}") { name }`, forbidden: true },
    { text: `accessesAbout(subject: "${bob}", first: 5) { nodes { requestId } }`, forbidden: true },
    { text: 'myAccesses(first: 5) { nodes { requestId } }', forbidden: true },
    { text: 'objections(first: 5) { nodes { subjectKey } }', forbidden: true },
    { text: '__schema { queryType { name } }', forbidden: true },
    { text: 'enterprises(first: 1) { nodes { name } }', forbidden: true },
    // The planner may send a root __typename to any department, and every department but the platform refuses a resident's grant.
    { text: '__typename', forbidden: true },
  ];
  const wrap = (piece: Piece, how: number, index: number): { selection: string; fragment: string | null } => {
    switch (how) {
      case 0: return { selection: piece.text, fragment: null };
      case 1: return { selection: piece.text.includes(':') && /^\w+:/.test(piece.text) ? piece.text.replace(/^\w+:/, `x${index}:`) : `x${index}: ${piece.text}`, fragment: null };
      case 2: return { selection: `...Root${index}`, fragment: `fragment Root${index} on Query { ${piece.text} }` };
      case 3: return { selection: `... on Query { ${piece.text} }`, fragment: null };
      default: return { selection: `... @include(if: $flag) { ${piece.text} }`, fragment: null };
    }
  };
  const operation = fc.record({
    pieces: fc.array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...ALLOWED), weight: 4 }, { arbitrary: fc.constantFrom(...FORBIDDEN), weight: 1 }), fc.nat(4)), { minLength: 1, maxLength: 4 }),
    n: fc.constantFrom(1, 2, 5, 20),
    flag: fc.boolean(),
  }).map(({ pieces, n, flag }) => {
    const wrapped = pieces.map(([piece, how], index) => wrap(piece, how, index));
    const selections = wrapped.map((w) => w.selection).join(' ');
    const fragments = wrapped.map((w) => w.fragment).filter(Boolean) as string[];
    if (`${selections} ${fragments.join(' ')}`.includes('...Items')) fragments.push('fragment Items on ResidentAccess { items { item provider { id } masked } }');
    const used = `${selections} ${fragments.join(' ')}`;
    // Only the variables the operation uses are declared (an unused one is a validation error).
    const variables = { ...(used.includes('$n') && { n }), ...(used.includes('$flag') && { flag }) };
    const declared = [used.includes('$n') && '$n: Int!', used.includes('$flag') && '$flag: Boolean!'].filter(Boolean).join(', ');
    const query = `query Mine${declared ? `(${declared})` : ''} { ${selections} } ${fragments.join(' ')}`;
    return { body: { query, variables }, forbidden: pieces.some(([piece]) => piece.forbidden) };
  });

  it('answers every generated operation about the signed-in resident alone, or refuses it whole', async () => {
    const residents = [alice, bob, carol];
    const expected = new Map(await Promise.all(residents.map(async (resident) => [resident, await accessesAbout(resident)] as const)));
    const requestIds = new Set((await trail()).map((record) => record.requestId));
    const corrections = new Map([[alice, new Set([(await asResident(alice, CORRECTIONS)).body.data.myCorrections.nodes[0].id as string])], [bob, new Set<string>()], [carol, new Set<string>()]]);

    /** Every access node is one of the resident's records (by time and department), and names no one else. */
    const check = (resident: string, result: { data?: unknown; errors?: unknown[] }, forbidden: boolean, context: string) => {
      if (forbidden) {
        expect(result.data ?? null, context).toBeNull();
        expect((result.errors as { extensions: { code: string } }[]).map((e) => e.extensions.code), context).toEqual(['FORBIDDEN']);
        return;
      }
      expect(result.errors, context).toBeUndefined();
      const text = JSON.stringify(result);
      for (const id of text.match(/\d{17}[\dX]/g) ?? []) expect(everyResident.has(id) && id !== resident, `${context}: names resident ${id}`).toBe(false);
      for (const id of requestIds) expect(text.includes(id), `${context}: names request ${id}`).toBe(false);
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(walk);
        if (typeof value !== 'object' || value === null) return;
        const node = value as Record<string, unknown>;
        if (typeof node.time === 'string' && typeof node.department === 'object') {
          const record = expected.get(resident)!.find((r) => r.time === node.time && r.department === (node.department as { id: string }).id);
          expect(record, `${context}: an access not about ${resident}`).toBeDefined();
          for (const item of (node.items as { provider: { id: string } }[] | undefined) ?? []) {
            expect(record!.providers[item.provider.id]?.subjects, `${context}: an item of a provider that did not return ${resident}`).toContain(resident);
          }
        }
        if (typeof node.id === 'string' && node.id.startsWith('OBJ-')) expect(corrections.get(resident)!.has(node.id), `${context}: ${node.id}`).toBe(true);
        if (typeof node.totalCount === 'number' && 'nodes' in node && Array.isArray(node.nodes) && node.nodes[0] && typeof (node.nodes[0] as { time?: unknown }).time === 'string') {
          expect(node.totalCount, context).toBe(expected.get(resident)!.length);
        }
        Object.values(node).forEach(walk);
      };
      walk(result.data);
    };

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...residents), fc.array(operation, { minLength: 1, maxLength: 3 }), async (resident, operations) => {
        const headers = { 'content-type': 'application/json', ...(await federation.asResident(resident)) };
        if (operations.length === 1) {
          const [{ body, forbidden }] = operations as [typeof operations[0]];
          const { status, body: result } = await postGraphQL(federation.gateway.url, body, headers);
          expect(status, body.query).toBe(forbidden ? 403 : 200);
          return check(resident, result, forbidden, body.query);
        }
        const response = await fetch(federation.gateway.url, { method: 'POST', headers, body: JSON.stringify(operations.map((o) => o.body)) });
        const results = (await response.json()) as { data?: unknown; errors?: unknown[] }[];
        expect(results.length).toBe(operations.length);
        operations.forEach(({ body, forbidden }, index) => check(resident, results[index]!, forbidden, `batch[${index}] ${body.query}`));
      }),
      { numRuns: 40, seed: 19_0004 },
    );
  }, 120_000);
});
