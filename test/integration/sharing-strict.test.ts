/**
 * Strict mode (`X-Sharing-Mode: strict`): an operation that would have any field denied is rejected whole, with
 * HTTP 403, no data and one error per denied path; an operation with nothing denied is answered as usual. Only
 * fields that would really be executed count: a skipped denied field does not reject the operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegalRepresentativesDocument, OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import type { PersonRecord } from '../../subgraphs/synthetic/types.ts';
import { TEST_POPULATION, execute, postGraphQL } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';
import {
  deniedError,
  departmentView,
  departmentViews,
  findWellKnownResident,
  locationOf,
  masked,
  purposeMissing,
  strictError,
  taxCreditRatings,
} from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let resident: PersonRecord;

const STRICT = { 'x-sharing-mode': 'strict' };
// Each remedy names every purpose that would do: the demo agreement's, and this file's strict-one-stop ones (below).
const strictOneStop = (agreement: string) => ({ purpose: 'strict-one-stop', agreement });
const MARITAL_STATUS = purposeMissing('Person.maritalStatus', 'civil-affairs', { purpose: 'individual-income-tax-deduction', agreement: 'AGR-2025-0002' }, strictOneStop('AGR-2026-0301'));
const HOUSEHOLD = purposeMissing('Person.household', 'public-security', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0004' }, strictOneStop('AGR-2026-0300'));
const SOCIAL_INSURANCE = purposeMissing('Person.socialInsurance', 'human-resources', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0005' }, strictOneStop('AGR-2026-0302'));
const REAL_ESTATES = purposeMissing('Person.realEstates', 'natural-resources', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0003' }, strictOneStop('AGR-2026-0303'));

/** Tax's agreements for every conditional item OneStop reads, all for one purpose. */
const ONE_STOP_GRANTS: Record<string, string[]> = {
  'public-security': ['Person.household'],
  'civil-affairs': ['Person.maritalStatus'],
  'human-resources': ['Person.socialInsurance'],
  'natural-resources': ['Person.realEstates', 'RealEstate.address', 'RealEstate.area'],
};

beforeAll(async () => {
  federation = await startFederation();
  resident = await findWellKnownResident(federation, population);
  let serial = 300;
  for (const [provider, items] of Object.entries(ONE_STOP_GRANTS)) {
    await federation.platform.agreements.create({
      id: `AGR-2026-0${serial++}`, consumer: 'tax', provider, items, purpose: 'strict-one-stop', legalBasis: 'test',
      validFrom: '2025-01-01', validUntil: '2099-01-01', status: 'APPROVED',
    });
  }
});

afterAll(async () => {
  await federation?.stop();
});

describe('strict mode', () => {
  it('rejects OneStop as tax without a purpose with 403, no data, and every denied path, before any department is asked', async () => {
    let response: Awaited<ReturnType<typeof postGraphQL>> | undefined;
    const statements = await countStatements(federation, async () => {
      response = await execute(federation.gateway.url, OneStopDocument, { id: resident.idNumber }, { ...(await federation.as({ department: 'tax' })), ...STRICT });
    });

    expect(response).toEqual({
      status: 403,
      body: {
        errors: [
          strictError(HOUSEHOLD, ['person', 'household']),
          strictError(MARITAL_STATUS, ['person', 'maritalStatus']),
          strictError(SOCIAL_INSURANCE, ['person', 'socialInsurance']),
          strictError(REAL_ESTATES, ['person', 'realEstates']),
        ],
      },
    });
    expect(Object.values(statements)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('answers the same OneStop with 200 and all its data when nothing is denied', async () => {
    const id = resident.idNumber;
    const [publicSecurity, civilAffairs, humanResources, marketRegulation, naturalResources] = await Promise.all([
      departmentView(federation, 'public-security', id, 'household { address regionCode }'),
      departmentView(federation, 'civil-affairs', id, 'maritalStatus'),
      departmentView(federation, 'human-resources', id, 'socialInsurance { pensionMonths status }'),
      departmentView(federation, 'market-regulation', id, 'enterprises { creditCode name status }'),
      departmentView(federation, 'natural-resources', id, 'realEstates { certificateNo address area }'),
    ]);
    const enterprises = marketRegulation.enterprises as { creditCode: string }[];
    const ratings = await taxCreditRatings(federation, enterprises.map((e) => e.creditCode));

    const response = await execute(
      federation.gateway.url, OneStopDocument, { id },
      { ...(await federation.as({ department: 'tax', purpose: 'strict-one-stop' })), ...STRICT },
    );

    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          person: {
            idNumber: masked(id, 'tax'),
            name: resident.name,
            gender: resident.gender,
            birthDate: resident.birthDate,
            household: publicSecurity.household,
            maritalStatus: civilAffairs.maritalStatus,
            socialInsurance: humanResources.socialInsurance,
            enterprises: enterprises.map((e) => ({ ...e, taxCreditRating: ratings.get(e.creditCode) })),
            realEstates: naturalResources.realEstates,
          },
        },
      },
    });
  });

  it('lists a path denied inside a list once, without indices, and each alias of a denied field', async () => {
    const query = `query Representatives {
  enterprises(first: 4) { nodes { legalRepresentative { name status: maritalStatus again: maritalStatus household { address } } } }
}`;
    const response = await postGraphQL(federation.gateway.url, { query }, { ...(await federation.as({ department: 'tax' })), ...STRICT });

    const representative = ['enterprises', 'nodes', 'legalRepresentative'];
    expect(response).toEqual({
      status: 403,
      body: {
        errors: [
          strictError(MARITAL_STATUS, [...representative, 'status']),
          strictError(MARITAL_STATUS, [...representative, 'again']),
          strictError(HOUSEHOLD, [...representative, 'household']),
        ],
      },
    });
  });

  it('answers LegalRepresentatives with 200 for civil-affairs, for whom nothing in it is denied', async () => {
    const enterprises = [0, 1, 2].map((rank) => population.enterprise(rank));
    const representatives = enterprises.map((e) => population.person(e.legalRepresentativeIndex));
    const [ratings, marital] = await Promise.all([
      taxCreditRatings(federation, enterprises.map((e) => e.creditCode)),
      departmentViews(federation, 'civil-affairs', representatives.map((p) => p.idNumber), 'maritalStatus'),
    ]);

    const response = await execute(
      federation.gateway.url, LegalRepresentativesDocument, { first: 3 }, { ...(await federation.as({ department: 'civil-affairs' })), ...STRICT },
    );

    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          enterprises: {
            nodes: enterprises.map((enterprise, i) => ({
              creditCode: enterprise.creditCode,
              name: enterprise.name,
              taxCreditRating: ratings.get(enterprise.creditCode),
              legalRepresentative: { idNumber: masked(representatives[i]!.idNumber, 'civil-affairs'), name: representatives[i]!.name, maritalStatus: marital[i]!.maritalStatus },
            })),
          },
        },
      },
    });
  });

  it('does not reject an operation whose denied field is skipped, and rejects it once the field is included', async () => {
    const query = 'query Skipping($id: ResidentId!, $skip: Boolean = true) { person(idNumber: $id) { name maritalStatus @skip(if: $skip) } }';
    const headers = { ...(await federation.as({ department: 'tax' })), ...STRICT };

    expect(await postGraphQL(federation.gateway.url, { query, variables: { id: resident.idNumber } }, headers)).toEqual({
      status: 200,
      body: { data: { person: { name: resident.name } } },
    });
    expect(await postGraphQL(federation.gateway.url, { query, variables: { id: resident.idNumber, skip: false } }, headers)).toEqual({
      status: 403,
      body: { errors: [strictError(MARITAL_STATUS, ['person', 'maritalStatus'])] },
    });
  });

  it('is off with X-Sharing-Mode: partial, as without the header', async () => {
    const query = 'query Partial($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }';
    const response = await postGraphQL(
      federation.gateway.url, { query, variables: { id: resident.idNumber } },
      { ...(await federation.as({ department: 'tax' })), 'x-sharing-mode': 'partial' },
    );

    expect(response).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });

  it.each(['STRICT', 'lenient', 'strict, partial'])('rejects X-Sharing-Mode: %s with 400', async (mode) => {
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: resident.idNumber }, { ...(await federation.as({ department: 'tax' })), 'x-sharing-mode': mode },
    );

    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'X-Sharing-Mode must be "strict" (reject the operation if any field is denied) or "partial" (the default).',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    });
  });
});
