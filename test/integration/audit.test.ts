/**
 * The audit trail as the gateway writes it: one record per request, before the response, with exactly what was
 * served, masked and denied per provider and about whom; refused requests recorded too; no record, no data.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { verifyTrail, type AuditRecord } from '../../platform/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, execute, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

async function newestRecord(): Promise<AuditRecord> {
  const page = await federation.platform.audit.query({}, { first: 1 });
  return page.records[0]!;
}

/** A married legal representative with real estate, so OneStop reaches every department it can. */
async function applicant() {
  for (const enterprise of population.enterprises()) {
    const person = population.person(enterprise.legalRepresentativeIndex);
    const { body } = await federation.departments.postAsProvider('natural-resources', {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstates { certificateNo } } } }',
      variables: { r: [{ __typename: 'Person', idNumber: person.idNumber }] },
    });
    const estates = body.data._entities[0].realEstates as { certificateNo: string }[];
    if (estates.length > 0) {
      const enterprises = [...population.enterprises()].filter((e) => e.legalRepresentativeIndex === person.index).map((e) => e.creditCode);
      return { person, certificates: estates.map((e) => e.certificateNo), enterprises };
    }
  }
  throw new Error('no applicant in the test population');
}

/** One signed report of `department`, as the gateway keeps it. */
function reportOf(department: string) {
  return [{ grant: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), digest: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String), kid: federation.departments.keys[department]!.signing.kid }];
}

describe('the audit trail of gateway requests', () => {
  it('records what each provider served, masked and denied, about which subjects, under which agreements', async () => {
    const { person, certificates, enterprises } = await applicant();
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: person.idNumber },
      await federation.as({ department: 'tax', application: 'tax-assessor', purpose: 'property-tax-assessment' }),
    );
    expect(response.status).toBe(200);
    const record = await newestRecord();
    expect(record).toEqual({
      kind: 'request',
      sequence: expect.any(Number),
      previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      time: expect.any(String),
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      application: 'tax-assessor',
      department: 'tax',
      purpose: 'property-tax-assessment',
      agreements: ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005'],
      operationName: 'OneStop',
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      outcome: 'partial',
      status: 200,
      reason: null,
      durationMs: expect.any(Number),
      providers: {
        'public-security': {
          served: ['Household.address', 'Household.regionCode', 'Person.birthDate', 'Person.gender', 'Person.household', 'Person.idNumber', 'Person.name', 'Query.person'],
          masked: ['Person.idNumber'],
          denied: [],
          subjects: [person.idNumber],
          reports: reportOf('public-security'),
        },
        'civil-affairs': { served: [], masked: [], denied: ['Person.maritalStatus'], subjects: [] },
        'human-resources': {
          served: ['Person.socialInsurance', 'SocialInsurance.pensionMonths', 'SocialInsurance.status'],
          masked: [], denied: [], subjects: [person.idNumber], reports: reportOf('human-resources'),
        },
        'market-regulation': {
          served: ['Enterprise.creditCode', 'Enterprise.name', 'Enterprise.status', 'Person.enterprises'],
          masked: [], denied: [], subjects: [...enterprises, person.idNumber].sort(), reports: reportOf('market-regulation'),
        },
        tax: { served: ['Enterprise.taxCreditRating'], masked: [], denied: [], subjects: [...enterprises].sort(), reports: reportOf('tax') },
        'natural-resources': {
          served: ['Person.realEstates', 'RealEstate.address', 'RealEstate.area', 'RealEstate.certificateNo'],
          masked: [], denied: [], subjects: [...certificates, person.idNumber].sort(), reports: reportOf('natural-resources'),
        },
      },
    });
  });

  it('is matched by each provider’s own access log: the same request, binding and report digest', async () => {
    const { person } = await applicant();
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: person.idNumber },
      await federation.as({ department: 'tax', application: 'tax-assessor', purpose: 'property-tax-assessment' }),
    );
    expect(response.status).toBe(200);
    const record = await newestRecord();
    const reported = Object.entries(record.providers).filter(([, access]) => access.reports);
    expect(reported.map(([provider]) => provider).sort()).toEqual(['human-resources', 'market-regulation', 'natural-resources', 'public-security', 'tax']);
    for (const [provider, access] of reported) {
      const logged = new Database(join(federation.departments.dataDir, 'departments', `${provider}.access.sqlite`), { readonly: true });
      try {
        const entries = logged.prepare("SELECT entry FROM audit_records WHERE json_extract(entry, '$.requestId') = ?").pluck().all(record.requestId) as string[];
        expect(entries.map((entry) => JSON.parse(entry))).toEqual([
          expect.objectContaining({
            kind: 'department.access', requestId: record.requestId, application: 'tax-assessor', department: 'tax', purpose: 'property-tax-assessment',
            providers: { [provider]: { served: expect.any(Array), masked: expect.any(Array), denied: [], subjects: access.subjects, reports: access.reports } },
          }),
        ]);
      } finally {
        logged.close();
      }
    }
  });

  it('records a strictly rejected operation as denied, with no subjects since nothing was fetched', async () => {
    const { person } = await applicant();
    const headers = { ...(await federation.as({ department: 'tax' })), 'x-sharing-mode': 'strict' };
    const response = await execute(federation.gateway.url, OneStopDocument, { id: person.idNumber }, headers);
    expect(response.status).toBe(403);
    const record = await newestRecord();
    expect(record).toMatchObject({ department: 'tax', outcome: 'denied', status: 403, reason: response.body.errors![0]!.message });
    expect(Object.values(record.providers).flatMap((p) => p.subjects)).toEqual([]);
    expect(record.providers['civil-affairs']).toEqual({ served: [], masked: [], denied: ['Person.maritalStatus'], subjects: [] });
  });

  it('records an unauthenticated request without caller or subjects', async () => {
    const response = await postGraphQL(federation.gateway.url, { query: '{ enterprises(first: 1) { nodes { name } } }' });
    expect(response.status).toBe(401);
    expect(await newestRecord()).toMatchObject({
      kind: 'request', application: null, department: null, purpose: null, agreements: [], operationName: null,
      providers: {}, outcome: 'denied', status: 401,
      reason: 'No bearer token: send Authorization: Bearer <token> (npm run token mints one in development).',
    });
  });

  it('returns the request id it recorded', async () => {
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await federation.as({ department: 'tax' })) },
      body: JSON.stringify({ query: '{ enterprises(first: 1) { nodes { name } } }' }),
    });
    expect(response.status).toBe(200);
    expect((await newestRecord()).requestId).toBe(response.headers.get('x-request-id'));
  });

  it('keeps one consistent, verifiable chain under concurrent requests', async () => {
    const before = (await federation.platform.audit.head()).sequence;
    const headers = await federation.as({ department: 'civil-affairs' });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postGraphQL(federation.gateway.url, { query: `{ enterprises(first: ${i + 1}) { nodes { creditCode } } }` }, headers)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect((await federation.platform.audit.head()).sequence).toBe(before + 40);
    const db = new Database(join(federation.departments.dataDir, 'platform.sqlite'), { readonly: true });
    try {
      expect(await verifyTrail(db, { jwks: federation.departments.grantKey.jwks })).toMatchObject({ ok: true, records: before + 40 });
    } finally {
      db.close();
    }
  });

  it('serves nothing when the record cannot be written: 503 and no data', async () => {
    await federation.platform.audit.close();
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: population.person(1).idNumber }, await federation.as({ department: 'public-security' }),
    );
    expect(response).toEqual({
      status: 503,
      body: {
        errors: [
          {
            message: 'The audit trail cannot record this request, so it is not served; try again shortly.',
            extensions: { code: 'AUDIT_UNAVAILABLE' },
          },
        ],
      },
    });
    const unauthenticated = await postGraphQL(federation.gateway.url, { query: '{ enterprises(first: 1) { nodes { name } } }' });
    expect(unauthenticated.status).toBe(503);
  });
});
