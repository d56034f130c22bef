/**
 * Who can see which accesses, through the gateway and the platform subgraph: a provider sees every access to its
 * items (its own entry only), a consumer its own requests, and anyone asking about a resident only the requests it
 * made or answered itself. Four requests are recorded first; every view is then compared whole.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../platform/index.ts';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { masked } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;

/** The resident the recorded requests are about, what they hold elsewhere, and the four records. */
let resident: { idNumber: string; certificates: string[]; enterprises: string[] };
let recorded: { taxWithPurpose: AuditRecord; taxWithoutPurpose: AuditRecord; civilAffairsHousehold: AuditRecord; taxMaritalStatus: AuditRecord };
/** An instant after the four requests and before any audit query: bounds views to the four records. */
let afterSetup: string;

const ACCESS = `sequence time requestId kind consumer { department application } purpose agreements operationName outcome
  providers { provider served masked denied subjects }`;
const SUBJECT_ACCESS = 'sequence time requestId consumer { department application } purpose agreements providers { provider served masked }';

beforeAll(async () => {
  federation = await startFederation();
  resident = await applicant();
  const id = resident.idNumber;
  const taxWithPurpose = await post(print(OneStopDocument), { id }, { department: 'tax', application: 'tax-assessor', purpose: 'property-tax-assessment' });
  const taxWithoutPurpose = await post(print(OneStopDocument), { id }, { department: 'tax', application: 'tax-assessor' });
  const civilAffairsHousehold = await post(
    'query Household($id: ResidentId!) { person(idNumber: $id) { name household { address } } }', { id },
    { department: 'civil-affairs', application: 'marriage-registry', purpose: 'marriage-registration' },
  );
  const taxMaritalStatus = await post(
    'query MaritalStatus($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }', { id },
    { department: 'tax', application: 'iit-deductions', purpose: 'individual-income-tax-deduction' },
  );
  afterSetup = new Date().toISOString();
  const { records } = await federation.platform.audit.query({}, { first: 10 });
  const byRequest = (requestId: string) => records.find((r) => r.requestId === requestId)!;
  recorded = {
    taxWithPurpose: byRequest(taxWithPurpose),
    taxWithoutPurpose: byRequest(taxWithoutPurpose),
    civilAffairsHousehold: byRequest(civilAffairsHousehold),
    taxMaritalStatus: byRequest(taxMaritalStatus),
  };
});
afterAll(async () => {
  await federation?.stop();
});

/** Sends one operation through the gateway and returns its request id; a few milliseconds apart, so times differ. */
async function post(query: string, variables: Record<string, unknown>, caller: Parameters<TestFederation['as']>[0]): Promise<string> {
  await sleep(5);
  const response = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await federation.as(caller)) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('x-request-id')!;
}

/** A legal representative with real estate: OneStop reaches every department about them. */
async function applicant(): Promise<typeof resident> {
  for (const enterprise of population.enterprises()) {
    const person = population.person(enterprise.legalRepresentativeIndex);
    const { body } = await federation.departments.postAsProvider('natural-resources', {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstates { certificateNo } } } }',
      variables: { r: [{ __typename: 'Person', idNumber: person.idNumber }] },
    });
    const estates = body.data._entities[0].realEstates as { certificateNo: string }[];
    if (estates.length > 0) {
      const enterprises = [...population.enterprises()].filter((e) => e.legalRepresentativeIndex === person.index).map((e) => e.creditCode);
      return { idNumber: person.idNumber, certificates: estates.map((e) => e.certificateNo), enterprises };
    }
  }
  throw new Error('no legal representative with real estate in the test population');
}

/** Asks the platform through the gateway as `department`. */
async function ask(department: string, query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL(federation.gateway.url, { query, variables }, await federation.as({ department }));
}

/** The record's own columns, as every view shows them. */
function basics(record: AuditRecord) {
  return {
    sequence: record.sequence,
    time: record.time,
    requestId: record.requestId,
    consumer: { department: record.department, application: record.application },
    purpose: record.purpose,
  };
}

const ONE_STOP_SERVED = {
  publicSecurity: ['Household.address', 'Household.regionCode', 'Person.birthDate', 'Person.gender', 'Person.household', 'Person.idNumber', 'Person.name', 'Query.person'],
  publicSecurityWithoutPurpose: ['Person.birthDate', 'Person.gender', 'Person.idNumber', 'Person.name', 'Query.person'],
  humanResources: ['Person.socialInsurance', 'SocialInsurance.pensionMonths', 'SocialInsurance.status'],
  marketRegulation: ['Enterprise.creditCode', 'Enterprise.name', 'Enterprise.status', 'Person.enterprises'],
  naturalResources: ['Person.realEstates', 'RealEstate.address', 'RealEstate.area', 'RealEstate.certificateNo'],
};

describe('accessesToMyData: a provider sees every access to its items', () => {
  const query = `query($filter: AccessFilter, $first: Int!, $after: String) {
    accessesToMyData(filter: $filter, first: $first, after: $after) { nodes { ${ACCESS} } pageInfo { hasNextPage endCursor } }
  }`;

  it('shows natural-resources the requests that reached its items, with only its own entry and agreements', async () => {
    const response = await ask('natural-resources', query, { first: 10 });
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          accessesToMyData: {
            nodes: [
              {
                ...basics(recorded.taxWithoutPurpose),
                kind: 'request', operationName: 'OneStop', outcome: 'PARTIAL', agreements: [],
                providers: [{ provider: 'natural-resources', served: [], masked: [], denied: ['Person.realEstates'], subjects: [] }],
              },
              {
                ...basics(recorded.taxWithPurpose),
                kind: 'request', operationName: 'OneStop', outcome: 'PARTIAL',
                // Not AGR-2025-0004 (public-security) nor AGR-2025-0005 (human-resources), though the request used them.
                agreements: ['AGR-2025-0003'],
                providers: [
                  {
                    provider: 'natural-resources', served: ONE_STOP_SERVED.naturalResources, masked: [], denied: [],
                    subjects: [...resident.certificates, resident.idNumber].sort(),
                  },
                ],
              },
            ],
            pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          },
        },
      },
    });
  });

  it.each([
    { filter: { consumer: 'tax' }, shown: ['taxWithoutPurpose', 'taxWithPurpose'] },
    { filter: { consumer: 'civil-affairs' }, shown: [] },
    { filter: { item: 'RealEstate.area' }, shown: ['taxWithPurpose'] },
    { filter: { item: 'Person.realEstates' }, shown: ['taxWithoutPurpose', 'taxWithPurpose'] },
    { filter: { item: 'Person.household' }, shown: [] },
    { filter: { subject: 'certificate' }, shown: ['taxWithPurpose'] },
    { filter: { subject: 'resident' }, shown: ['taxWithPurpose'] },
    { filter: { from: 'taxWithoutPurpose' }, shown: ['taxWithoutPurpose'] },
    { filter: { to: 'taxWithoutPurpose' }, shown: ['taxWithPurpose'] },
    { filter: { from: 'taxWithPurpose', to: 'taxWithoutPurpose' }, shown: ['taxWithPurpose'] },
    { filter: { provider: 'natural-resources', consumer: 'tax', item: 'RealEstate.address' }, shown: ['taxWithPurpose'] },
  ] as const)('filters by $filter', async ({ filter, shown }) => {
    const resolved = Object.fromEntries(
      Object.entries(filter).map(([name, value]) => {
        if (name === 'from' || name === 'to') return [name, recorded[value as keyof typeof recorded].time];
        if (value === 'certificate') return [name, resident.certificates[0]];
        if (value === 'resident') return [name, resident.idNumber];
        return [name, value];
      }),
    );
    const response = await ask('natural-resources', `query($filter: AccessFilter) { accessesToMyData(filter: $filter, first: 10) { nodes { sequence } } }`, { filter: resolved });
    expect(response.body).toEqual({ data: { accessesToMyData: { nodes: shown.map((name) => ({ sequence: recorded[name].sequence })) } } });
  });

  it('shows public-security civil-affairs’ request too, which natural-resources never sees', async () => {
    const response = await ask('public-security', `query($filter: AccessFilter) { accessesToMyData(filter: $filter, first: 10) { nodes { sequence agreements providers { provider } } } }`, {
      filter: { to: afterSetup },
    });
    expect(response.body).toEqual({
      data: {
        accessesToMyData: {
          nodes: [
            { sequence: recorded.taxMaritalStatus.sequence, agreements: [], providers: [{ provider: 'public-security' }] },
            { sequence: recorded.civilAffairsHousehold.sequence, agreements: ['AGR-2025-0001'], providers: [{ provider: 'public-security' }] },
            { sequence: recorded.taxWithoutPurpose.sequence, agreements: [], providers: [{ provider: 'public-security' }] },
            { sequence: recorded.taxWithPurpose.sequence, agreements: ['AGR-2025-0004'], providers: [{ provider: 'public-security' }] },
          ],
        },
      },
    });
  });
});

describe('myAccesses: a consumer sees its own requests', () => {
  const query = `query($filter: AccessFilter, $first: Int!, $after: String) {
    myAccesses(filter: $filter, first: $first, after: $after) { nodes { ${ACCESS} } pageInfo { hasNextPage endCursor } }
  }`;
  const shownId = () => masked(resident.idNumber, 'tax');

  it('shows tax its three requests with every provider’s entry, other providers’ resident IDs masked, and not civil-affairs’ request', async () => {
    const response = await ask('tax', query, { filter: { to: afterSetup }, first: 10 });
    const enterprisesAndResident = [...resident.enterprises, resident.idNumber].sort().map((s) => (s === resident.idNumber ? shownId() : s));
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          myAccesses: {
            nodes: [
              {
                ...basics(recorded.taxMaritalStatus),
                kind: 'request', operationName: 'MaritalStatus', outcome: 'OK', agreements: ['AGR-2025-0002'],
                providers: [
                  { provider: 'civil-affairs', served: ['Person.maritalStatus'], masked: [], denied: [], subjects: [shownId()] },
                  // It returned the resident to the gateway (for the join), so the resident is its subject too.
                  { provider: 'public-security', served: ['Query.person'], masked: [], denied: [], subjects: [shownId()] },
                ],
              },
              {
                ...basics(recorded.taxWithoutPurpose),
                kind: 'request', operationName: 'OneStop', outcome: 'PARTIAL', agreements: [],
                providers: [
                  { provider: 'civil-affairs', served: [], masked: [], denied: ['Person.maritalStatus'], subjects: [] },
                  { provider: 'human-resources', served: [], masked: [], denied: ['Person.socialInsurance'], subjects: [] },
                  { provider: 'market-regulation', served: ONE_STOP_SERVED.marketRegulation, masked: [], denied: [], subjects: enterprisesAndResident },
                  { provider: 'natural-resources', served: [], masked: [], denied: ['Person.realEstates'], subjects: [] },
                  {
                    provider: 'public-security', served: ONE_STOP_SERVED.publicSecurityWithoutPurpose, masked: ['Person.idNumber'],
                    denied: ['Person.household'], subjects: [shownId()],
                  },
                  // Its own entry: the credit codes as its own register holds them.
                  { provider: 'tax', served: ['Enterprise.taxCreditRating'], masked: [], denied: [], subjects: [...resident.enterprises].sort() },
                ],
              },
              {
                ...basics(recorded.taxWithPurpose),
                kind: 'request', operationName: 'OneStop', outcome: 'PARTIAL', agreements: ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005'],
                providers: [
                  { provider: 'civil-affairs', served: [], masked: [], denied: ['Person.maritalStatus'], subjects: [] },
                  { provider: 'human-resources', served: ONE_STOP_SERVED.humanResources, masked: [], denied: [], subjects: [shownId()] },
                  { provider: 'market-regulation', served: ONE_STOP_SERVED.marketRegulation, masked: [], denied: [], subjects: enterprisesAndResident },
                  {
                    provider: 'natural-resources', served: ONE_STOP_SERVED.naturalResources, masked: [], denied: [],
                    subjects: [...resident.certificates, resident.idNumber].sort().map((s) => (s === resident.idNumber ? shownId() : s)),
                  },
                  { provider: 'public-security', served: ONE_STOP_SERVED.publicSecurity, masked: ['Person.idNumber'], denied: [], subjects: [shownId()] },
                  { provider: 'tax', served: ['Enterprise.taxCreditRating'], masked: [], denied: [], subjects: [...resident.enterprises].sort() },
                ],
              },
            ],
            pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          },
        },
      },
    });
  });

  it('pages through them with cursors, newest first', async () => {
    const page = (after?: string) =>
      ask('tax', 'query($f: AccessFilter, $after: String) { myAccesses(filter: $f, first: 2, after: $after) { nodes { sequence } pageInfo { hasNextPage endCursor } } }', {
        f: { to: afterSetup }, ...(after ? { after } : {}),
      });
    const first = await page();
    expect(first.body).toEqual({
      data: {
        myAccesses: {
          nodes: [{ sequence: recorded.taxMaritalStatus.sequence }, { sequence: recorded.taxWithoutPurpose.sequence }],
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
        },
      },
    });
    const second = await page(first.body.data.myAccesses.pageInfo.endCursor);
    expect(second.body).toEqual({
      data: { myAccesses: { nodes: [{ sequence: recorded.taxWithPurpose.sequence }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } } },
    });
  });

  it('filters its own requests by provider, item, subject and time', async () => {
    const sequences = async (filter: Record<string, string>) =>
      (await ask('tax', 'query($f: AccessFilter) { myAccesses(filter: $f, first: 10) { nodes { sequence } } }', { f: { to: afterSetup, ...filter } }))
        .body.data.myAccesses.nodes.map((n: { sequence: number }) => n.sequence);
    expect({
      civilAffairs: await sequences({ provider: 'civil-affairs' }),
      servedMaritalStatus: await sequences({ item: 'Person.maritalStatus', provider: 'civil-affairs' }),
      certificate: await sequences({ subject: resident.certificates[0]! }),
      resident: await sequences({ subject: resident.idNumber }),
      since: await sequences({ from: recorded.taxWithoutPurpose.time }),
    }).toEqual({
      civilAffairs: [recorded.taxMaritalStatus.sequence, recorded.taxWithoutPurpose.sequence, recorded.taxWithPurpose.sequence],
      servedMaritalStatus: [recorded.taxMaritalStatus.sequence, recorded.taxWithoutPurpose.sequence, recorded.taxWithPurpose.sequence],
      certificate: [recorded.taxWithPurpose.sequence],
      resident: [recorded.taxMaritalStatus.sequence, recorded.taxWithoutPurpose.sequence, recorded.taxWithPurpose.sequence],
      since: [recorded.taxMaritalStatus.sequence, recorded.taxWithoutPurpose.sequence],
    });
  });
});

describe('accessesAbout: which departments obtained a resident’s data', () => {
  const query = `query($subject: String!, $first: Int!, $after: String) {
    accessesAbout(subject: $subject, first: $first, after: $after) { nodes { ${SUBJECT_ACCESS} } pageInfo { hasNextPage endCursor } }
  }`;

  it('shows public-security, the population register, every request in which it returned the resident, its own entry only', async () => {
    const response = await ask('public-security', query, { subject: resident.idNumber, first: 10 });
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          accessesAbout: {
            nodes: [
              {
                ...basics(recorded.taxMaritalStatus), agreements: [],
                providers: [{ provider: 'public-security', served: ['Query.person'], masked: [] }],
              },
              {
                ...basics(recorded.civilAffairsHousehold), agreements: ['AGR-2025-0001'],
                providers: [{ provider: 'public-security', served: ['Household.address', 'Person.household', 'Person.name', 'Query.person'], masked: [] }],
              },
              {
                ...basics(recorded.taxWithoutPurpose), agreements: [],
                providers: [{ provider: 'public-security', served: ONE_STOP_SERVED.publicSecurityWithoutPurpose, masked: ['Person.idNumber'] }],
              },
              {
                ...basics(recorded.taxWithPurpose), agreements: ['AGR-2025-0004'],
                providers: [{ provider: 'public-security', served: ONE_STOP_SERVED.publicSecurity, masked: ['Person.idNumber'] }],
              },
            ],
            pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          },
        },
      },
    });
  });

  it('shows the consumer its own requests with every provider that returned the resident', async () => {
    const response = await ask('tax', query, { subject: resident.idNumber, first: 10 });
    expect(response.body).toEqual({
      data: {
        accessesAbout: {
          nodes: [
            {
              ...basics(recorded.taxMaritalStatus), agreements: ['AGR-2025-0002'],
              providers: [
                { provider: 'civil-affairs', served: ['Person.maritalStatus'], masked: [] },
                { provider: 'public-security', served: ['Query.person'], masked: [] },
              ],
            },
            {
              ...basics(recorded.taxWithoutPurpose), agreements: [],
              providers: [
                { provider: 'market-regulation', served: ONE_STOP_SERVED.marketRegulation, masked: [] },
                { provider: 'public-security', served: ONE_STOP_SERVED.publicSecurityWithoutPurpose, masked: ['Person.idNumber'] },
              ],
            },
            {
              ...basics(recorded.taxWithPurpose), agreements: ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005'],
              providers: [
                { provider: 'human-resources', served: ONE_STOP_SERVED.humanResources, masked: [] },
                { provider: 'market-regulation', served: ONE_STOP_SERVED.marketRegulation, masked: [] },
                { provider: 'natural-resources', served: ONE_STOP_SERVED.naturalResources, masked: [] },
                { provider: 'public-security', served: ONE_STOP_SERVED.publicSecurity, masked: ['Person.idNumber'] },
              ],
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        },
      },
    });
  });

  it('never shows a department another department’s requests to a third department’s items', async () => {
    const sequencesAndProviders = async (department: string) =>
      (await ask(department, 'query($s: String!) { accessesAbout(subject: $s, first: 10) { nodes { sequence agreements providers { provider } } } }', { s: resident.idNumber }))
        .body.data.accessesAbout.nodes;
    expect({
      'natural-resources': await sequencesAndProviders('natural-resources'),
      'civil-affairs': await sequencesAndProviders('civil-affairs'),
      health: await sequencesAndProviders('health'),
    }).toEqual({
      'natural-resources': [{ sequence: recorded.taxWithPurpose.sequence, agreements: ['AGR-2025-0003'], providers: [{ provider: 'natural-resources' }] }],
      'civil-affairs': [
        // As the provider of the marital status: its own entry and agreement only.
        { sequence: recorded.taxMaritalStatus.sequence, agreements: ['AGR-2025-0002'], providers: [{ provider: 'civil-affairs' }] },
        // As the consumer: the provider that returned the resident.
        { sequence: recorded.civilAffairsHousehold.sequence, agreements: ['AGR-2025-0001'], providers: [{ provider: 'public-security' }] },
      ],
      health: [],
    });
  });

  it('pages over requests made and requests answered alike', async () => {
    const pages = async (department: string) => {
      const seen: { sequences: number[]; hasNextPage: boolean }[] = [];
      let after: string | undefined;
      do {
        const { body } = await ask(department, 'query($s: String!, $after: String) { accessesAbout(subject: $s, first: 1, after: $after) { nodes { sequence } pageInfo { hasNextPage endCursor } } }', {
          s: resident.idNumber, ...(after ? { after } : {}),
        });
        const { nodes, pageInfo } = body.data.accessesAbout;
        seen.push({ sequences: nodes.map((n: { sequence: number }) => n.sequence), hasNextPage: pageInfo.hasNextPage });
        after = pageInfo.hasNextPage ? pageInfo.endCursor : undefined;
      } while (after && seen.length < 10);
      return seen;
    };
    expect(await pages('civil-affairs')).toEqual([
      { sequences: [recorded.taxMaritalStatus.sequence], hasNextPage: true },
      { sequences: [recorded.civilAffairsHousehold.sequence], hasNextPage: false },
    ]);
    expect(await pages('tax')).toEqual([
      { sequences: [recorded.taxMaritalStatus.sequence], hasNextPage: true },
      { sequences: [recorded.taxWithoutPurpose.sequence], hasNextPage: true },
      { sequences: [recorded.taxWithPurpose.sequence], hasNextPage: false },
    ]);
  });
});

describe('what no caller gets', () => {
  const mine = '{ myAccesses(first: 10) { nodes { sequence } } accessesToMyData(first: 10) { nodes { sequence } } }';

  it('answers an unauthenticated request with 401 and no rows', async () => {
    const response = await postGraphQL(federation.gateway.url, { query: mine });
    expect(response).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message: 'No bearer token: send Authorization: Bearer <token> (npm run token mints one in development).',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
  });

  it('answers a direct call to the platform subgraph, without a grant or with another department’s, with 401', async () => {
    const url = federation.departments.byId('platform').url;
    const withoutGrant = await postGraphQL(url, { query: mine });
    const taxGrant = await federation.departments.grantTokenFor('tax', { application: 'tax-app', department: 'tax' });
    const withTaxGrant = await federation.departments.post('platform', { query: mine }, taxGrant);
    expect([withoutGrant.status, withoutGrant.body.data, withTaxGrant.status, withTaxGrant.body.data]).toEqual([401, undefined, 401, undefined]);
    expect([withoutGrant.body.errors[0].extensions.code, withTaxGrant.body.errors[0].extensions.code]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('shows a department that neither made nor answered a request none of it', async () => {
    const response = await ask(
      'health',
      `query($s: String!, $f: AccessFilter) {
        myAccesses(filter: $f, first: 10) { nodes { sequence } }
        accessesToMyData(filter: $f, first: 10) { nodes { sequence } }
        accessesAbout(subject: $s, first: 10) { nodes { sequence } }
      }`,
      { s: resident.idNumber, f: { to: afterSetup } },
    );
    expect(response.body).toEqual({ data: { myAccesses: { nodes: [] }, accessesToMyData: { nodes: [] }, accessesAbout: { nodes: [] } } });
  });

  it.each([
    {
      query: '{ myAccesses(filter: { consumer: "tax" }, first: 10) { nodes { sequence } } }',
      field: 'myAccesses',
      message: 'myAccesses lists the requests your department made: filter.consumer may only be "health" or be left out; for accesses to your department\'s items, ask accessesToMyData.',
      argumentName: 'filter.consumer',
    },
    {
      query: '{ accessesToMyData(filter: { provider: "natural-resources" }, first: 10) { nodes { sequence } } }',
      field: 'accessesToMyData',
      message: 'accessesToMyData lists accesses to your department\'s items: filter.provider may only be "health" or be left out; for the requests your department made, ask myAccesses.',
      argumentName: 'filter.provider',
    },
    {
      query: '{ myAccesses(first: 501) { nodes { sequence } } }',
      field: 'myAccesses',
      message: 'Argument "first" must be between 1 and 500, got 501.',
      argumentName: 'first',
    },
    {
      query: '{ accessesAbout(subject: "x", first: 1, after: "bm90LWEtY3Vyc29y") { nodes { sequence } } }',
      field: 'accessesAbout',
      message: 'Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.',
      argumentName: 'after',
    },
    {
      query: '{ myAccesses(first: 1, after: "bm90LWEtY3Vyc29y") { nodes { sequence } } }',
      field: 'myAccesses',
      message: 'Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.',
      argumentName: 'after',
    },
    {
      query: '{ myAccesses(filter: { from: "yesterday" }, first: 1) { nodes { sequence } } }',
      field: 'myAccesses',
      message: 'Argument "filter.from" must be an ISO 8601 instant such as 2025-09-01T00:00:00Z, got "yesterday".',
      argumentName: 'filter.from',
    },
  ])('refuses $argumentName with a BAD_USER_INPUT that names it: $message', async ({ query, field, message, argumentName }) => {
    const response = await ask('health', query);
    expect(response).toEqual({
      // Input the caller must fix, and nothing served: 400, as the gateway's own input errors (README, Transport).
      status: 400,
      body: {
        data: null,
        errors: [{ message, path: [field], extensions: { code: 'BAD_USER_INPUT', argumentName, serviceName: 'platform' } }],
      },
    });
  });
});

// Last: it adds records (an objection) the views above would otherwise list.
describe('accessesAbout says what kind of record each one is', () => {
  it('tells a request from a workflow action about the subject, with the items the action concerns', async () => {
    const reported = await postGraphQL(federation.gateway.url, {
      query: 'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id } }',
      variables: { input: { item: 'Person.maritalStatus', subjectKey: resident.idNumber, description: 'The divorce of 2024 is missing' } },
    }, await federation.as({ department: 'tax', application: 'iit-deductions', roles: ['app'] }));
    expect(reported.body.errors).toBeUndefined();
    const kinds = async (department: string) =>
      (await ask(department, 'query($s: String!) { accessesAbout(subject: $s, first: 2) { nodes { kind concerns providers { provider served masked } } } }', { s: resident.idNumber }))
        .body.data.accessesAbout.nodes;
    expect(await kinds('civil-affairs')).toEqual([
      { kind: 'objection.report', concerns: ['Person.maritalStatus'], providers: [{ provider: 'civil-affairs', served: [], masked: [] }] },
      { kind: 'request', concerns: [], providers: [{ provider: 'civil-affairs', served: ['Person.maritalStatus'], masked: [] }] },
    ]);
    expect((await kinds('tax'))[0]).toEqual({ kind: 'objection.report', concerns: ['Person.maritalStatus'], providers: [{ provider: 'civil-affairs', served: [], masked: [] }] });
    // A department neither party to it nor to the requests sees neither.
    expect(await kinds('health')).toEqual([]);
  });
});
