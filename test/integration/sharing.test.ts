/**
 * The sharing rules through the whole federation, as a consuming department's application meets them: which
 * items of the canonical OneStop operation it receives with and without a purpose, that an agreement stops
 * granting on the very next request once revoked or expired, that a NONE item never leaves its department,
 * that agreements not in force grant nothing, and when a resident ID is shown masked.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import type { PersonRecord } from '../../subgraphs/synthetic/types.ts';
import { TEST_POPULATION, execute, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import {
  deniedError,
  departmentView,
  findWellKnownResident,
  locationOf,
  masked,
  neverShared,
  formerAgreement,
  noAgreement,
  purposeMissing,
  purposeNotCovered,
  agreementNotCovering,
  unknownPurposeDenial,
  unknownPurposeExtension,
  taxCreditRatings,
} from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
const ONE_STOP = print(OneStopDocument);
let federation: TestFederation;
let resident: PersonRecord;
/** What each department itself says about the resident: what the gateway must pass on when it may. */
let own: {
  household: unknown;
  maritalStatus: unknown;
  socialInsurance: unknown;
  enterprises: unknown;
  realEstates: unknown;
  diagnoses: unknown;
};

beforeAll(async () => {
  federation = await startFederation();
  resident = await findWellKnownResident(federation, population);
  const id = resident.idNumber;
  const [publicSecurity, civilAffairs, humanResources, marketRegulation, naturalResources, health] = await Promise.all([
    departmentView(federation, 'public-security', id, 'household { address regionCode }'),
    departmentView(federation, 'civil-affairs', id, 'maritalStatus'),
    departmentView(federation, 'human-resources', id, 'socialInsurance { pensionMonths status }'),
    departmentView(federation, 'market-regulation', id, 'enterprises { creditCode name status }'),
    departmentView(federation, 'natural-resources', id, 'realEstates { certificateNo address area }'),
    departmentView(federation, 'health', id, 'diagnoses { code name diagnosedOn hospital }'),
  ]);
  const enterprises = marketRegulation.enterprises as { creditCode: string }[];
  const ratings = await taxCreditRatings(federation, enterprises.map((e) => e.creditCode));
  own = {
    household: publicSecurity.household,
    maritalStatus: civilAffairs.maritalStatus,
    socialInsurance: humanResources.socialInsurance,
    enterprises: enterprises.map((e) => ({ ...e, taxCreditRating: ratings.get(e.creditCode) })),
    realEstates: naturalResources.realEstates,
    diagnoses: health.diagnoses,
  };
  // Every value below is something a department really holds, so a null in a response can only be a denial.
  for (const value of Object.values(own)) expect(value).not.toBeNull();
  expect(own.maritalStatus).toBe('MARRIED');
  expect((own.realEstates as unknown[]).length).toBeGreaterThan(0);
  expect((own.diagnoses as unknown[]).length).toBeGreaterThan(0);
  expect((own.enterprises as unknown[]).length).toBeGreaterThan(0);
});

afterAll(async () => {
  await federation?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** OneStop's data for the resident as a tax application sees it: unconditional items, the rest as given. */
function oneStopData(served: Partial<Record<'household' | 'maritalStatus' | 'socialInsurance' | 'realEstates', unknown>>) {
  return {
    person: {
      idNumber: masked(resident.idNumber, 'tax'),
      name: resident.name,
      gender: resident.gender,
      birthDate: resident.birthDate,
      household: null,
      maritalStatus: null,
      socialInsurance: null,
      enterprises: own.enterprises,
      realEstates: null,
      ...served,
    },
  };
}

const inOneStop = (field: string) => [['person', field], locationOf(ONE_STOP, field)] as const;

describe('OneStop as a tax application', () => {
  it('without a purpose serves the unconditional items with the ID masked, and nulls each conditional item with one error naming its provider and the purpose to send', async () => {
    const response = await execute(federation.gateway.url, OneStopDocument, { id: resident.idNumber }, await federation.as({ department: 'tax' }));

    expect(response).toEqual({
      status: 200,
      body: {
        data: oneStopData({}),
        errors: [
          deniedError(purposeMissing('Person.household', 'public-security', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0004' }), ...inOneStop('household')),
          deniedError(purposeMissing('Person.maritalStatus', 'civil-affairs', { purpose: 'individual-income-tax-deduction', agreement: 'AGR-2025-0002' }), ...inOneStop('maritalStatus')),
          deniedError(purposeMissing('Person.socialInsurance', 'human-resources', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0005' }), ...inOneStop('socialInsurance')),
          deniedError(purposeMissing('Person.realEstates', 'natural-resources', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0003' }), ...inOneStop('realEstates')),
        ],
      },
    });
  });

  it('for property-tax-assessment serves household, social insurance and real estate (joined by the masked ID), and still denies marital status, naming the purpose its agreement covers', async () => {
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: resident.idNumber },
      await federation.as({ department: 'tax', purpose: 'property-tax-assessment' }),
    );

    expect(response).toEqual({
      status: 200,
      body: {
        data: oneStopData({ household: own.household, socialInsurance: own.socialInsurance, realEstates: own.realEstates }),
        errors: [
          deniedError(
            purposeNotCovered('Person.maritalStatus', 'tax', 'civil-affairs', { purpose: 'individual-income-tax-deduction', agreement: 'AGR-2025-0002' }, 'property-tax-assessment'),
            ...inOneStop('maritalStatus'),
          ),
        ],
      },
    });
  });

  it('with the agreement id AGR-2025-0002 as its purpose serves marital status, and denies the items agreed for property-tax-assessment', async () => {
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: resident.idNumber },
      await federation.as({ department: 'tax', purpose: 'AGR-2025-0002' }),
    );

    const coveredForPropertyTax = (item: string, provider: string, agreement: string) =>
      agreementNotCovering(item, provider, { id: 'AGR-2025-0002', grants: 'Person.maritalStatus of civil-affairs' }, { purpose: 'property-tax-assessment', agreement });
    expect(response).toEqual({
      status: 200,
      body: {
        data: oneStopData({ maritalStatus: own.maritalStatus }),
        errors: [
          deniedError(coveredForPropertyTax('Person.household', 'public-security', 'AGR-2025-0004'), ...inOneStop('household')),
          deniedError(coveredForPropertyTax('Person.socialInsurance', 'human-resources', 'AGR-2025-0005'), ...inOneStop('socialInsurance')),
          deniedError(coveredForPropertyTax('Person.realEstates', 'natural-resources', 'AGR-2025-0003'), ...inOneStop('realEstates')),
        ],
      },
    });
  });

  it('for a purpose none of its agreements covers denies every conditional item, naming the purposes that are covered', async () => {
    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: resident.idNumber },
      await federation.as({ department: 'tax', purpose: 'business-registration' }),
    );

    const covered = (item: string, provider: string, purpose: string, agreement: string) =>
      unknownPurposeDenial(item, 'tax', provider, 'business-registration', { purpose, agreement });
    expect(response).toEqual({
      status: 200,
      body: {
        data: oneStopData({}),
        errors: [
          deniedError(covered('Person.household', 'public-security', 'property-tax-assessment', 'AGR-2025-0004'), ...inOneStop('household')),
          deniedError(covered('Person.maritalStatus', 'civil-affairs', 'individual-income-tax-deduction', 'AGR-2025-0002'), ...inOneStop('maritalStatus')),
          deniedError(covered('Person.socialInsurance', 'human-resources', 'property-tax-assessment', 'AGR-2025-0005'), ...inOneStop('socialInsurance')),
          deniedError(covered('Person.realEstates', 'natural-resources', 'property-tax-assessment', 'AGR-2025-0003'), ...inOneStop('realEstates')),
        ],
        extensions: unknownPurposeExtension('tax', 'business-registration', [
          ['individual-income-tax-deduction', ['AGR-2025-0002']], ['property-tax-assessment', ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005']],
        ]),
      },
    });
  });
});

describe('an agreement stops granting on the very next request, and the denial says what became of it', () => {
  const INSURANCE = 'query Insurance($id: ResidentId!) { person(idNumber: $id) { socialInsurance { pensionMonths status } } }';
  const MARITAL = 'query Marital($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }';

  it('once it is revoked', async () => {
    await federation.platform.agreements.create({
      id: 'AGR-2026-0101', consumer: 'market-regulation', provider: 'human-resources', items: ['Person.socialInsurance'],
      purpose: 'pension-verification', legalBasis: 'test', validFrom: '2025-01-01', validUntil: '2099-01-01', status: 'APPROVED',
    });
    const headers = await federation.as({ department: 'market-regulation', purpose: 'pension-verification' });
    const ask = () => postGraphQL(federation.gateway.url, { query: INSURANCE, variables: { id: resident.idNumber } }, headers);

    expect(await ask()).toEqual({ status: 200, body: { data: { person: { socialInsurance: own.socialInsurance } } } });

    const revoked = await federation.platform.agreements.setStatus('AGR-2026-0101', 'REVOKED', {
      reason: 'Verification finished', actor: 'human-resources-admin',
    });
    expect(revoked.status).toBe('REVOKED');
    const on = (await federation.platform.agreements.history('AGR-2026-0101')).at(-1)!.at;

    const denied = formerAgreement('Person.socialInsurance', 'market-regulation', 'human-resources', { id: 'AGR-2026-0101', purpose: 'pension-verification' }, {
      status: 'REVOKED', on, reason: 'Verification finished',
    });
    expect(await ask()).toEqual({
      status: 200,
      body: {
        data: { person: { socialInsurance: null } },
        errors: [deniedError(denied, ['person', 'socialInsurance'], locationOf(INSURANCE, 'socialInsurance'))],
        extensions: unknownPurposeExtension('market-regulation', 'pension-verification'),
      },
    });
  });

  it('once its validity period ends', async () => {
    const validUntil = new Date(Date.now() + 1_000).toISOString();
    await federation.platform.agreements.create({
      id: 'AGR-2026-0102', consumer: 'health', provider: 'civil-affairs', items: ['Person.maritalStatus'],
      purpose: 'birth-registration', legalBasis: 'test', validFrom: '2025-01-01', validUntil, status: 'APPROVED',
    });
    const headers = await federation.as({ department: 'health', purpose: 'birth-registration' });
    const ask = () => postGraphQL(federation.gateway.url, { query: MARITAL, variables: { id: resident.idNumber } }, headers);

    expect(await ask()).toEqual({ status: 200, body: { data: { person: { maritalStatus: own.maritalStatus } } } });

    await sleep(Date.parse(validUntil) - Date.now() + 20);

    expect(await ask()).toEqual({
      status: 200,
      body: {
        data: { person: { maritalStatus: null } },
        errors: [
          deniedError(
            formerAgreement('Person.maritalStatus', 'health', 'civil-affairs', { id: 'AGR-2026-0102', purpose: 'birth-registration' }, { status: 'EXPIRED', on: validUntil }),
            ['person', 'maritalStatus'],
            locationOf(MARITAL, 'maritalStatus'),
          ),
        ],
        extensions: unknownPurposeExtension('health', 'birth-registration'),
      },
    });
  });
});

describe('Person.diagnoses never leaves health', () => {
  const DIAGNOSES = 'query Diagnoses($id: ResidentId!) { person(idNumber: $id) { name diagnoses { code name diagnosedOn hospital } } }';
  const ask = async (department: string, purpose?: string) =>
    postGraphQL(federation.gateway.url, { query: DIAGNOSES, variables: { id: resident.idNumber } }, await federation.as({ department, purpose }));
  const denied = () => ({
    status: 200,
    body: {
      data: { person: { name: resident.name, diagnoses: null } },
      errors: [deniedError(neverShared('Person.diagnoses', 'health'), ['person', 'diagnoses'], locationOf(DIAGNOSES, 'diagnoses {'))],
    },
  });

  it.each([
    { department: 'tax', purpose: undefined },
    { department: 'tax', purpose: 'individual-income-tax-deduction' },
    { department: 'tax', purpose: 'property-tax-assessment' },
    { department: 'tax', purpose: 'AGR-2025-0003' },
    { department: 'civil-affairs', purpose: undefined },
    { department: 'civil-affairs', purpose: 'marriage-registration' },
    { department: 'civil-affairs', purpose: 'subsistence-allowance-review' },
    { department: 'public-security', purpose: undefined },
  ])('is denied to $department with purpose $purpose', async ({ department, purpose }) => {
    expect(await ask(department, purpose)).toEqual(denied());
  });

  it('is denied to tax even under an approved agreement for it forged in the store, by purpose or by agreement id', async () => {
    const forged = await federation.platform.agreements.create({
      id: 'AGR-2026-0666', consumer: 'tax', provider: 'health', items: ['Person.diagnoses'],
      purpose: 'forged-diagnoses', legalBasis: 'none', validFrom: '2025-01-01', validUntil: '2099-01-01', status: 'APPROVED',
    });
    expect(forged.status).toBe('APPROVED');

    expect(await ask('tax', 'forged-diagnoses')).toEqual(denied());
    expect(await ask('tax', 'AGR-2026-0666')).toEqual(denied());
  });

  it('is served to health itself', async () => {
    expect(await ask('health')).toEqual({ status: 200, body: { data: { person: { name: resident.name, diagnoses: own.diagnoses } } } });
  });
});

describe('agreements not in force grant nothing', () => {
  /** The demo agreements in force, by consumer, for those of the cases below. */
  const IN_FORCE: Record<string, [string, string[]][]> = { 'civil-affairs': [['marriage-registration', ['AGR-2025-0001']]] };

  it.each([
    { agreement: 'AGR-2024-0007', status: 'EXPIRED', consumer: 'civil-affairs', provider: 'human-resources', field: 'socialInsurance', selection: 'socialInsurance { pensionMonths status }', purpose: 'subsistence-allowance-review' },
    { agreement: 'AGR-2025-0008', status: 'REVOKED', consumer: 'market-regulation', provider: 'public-security', field: 'household', selection: 'household { address regionCode }', purpose: 'business-registration' },
    { agreement: 'AGR-2025-0009', status: 'PENDING', consumer: 'natural-resources', provider: 'civil-affairs', field: 'maritalStatus', selection: 'maritalStatus', purpose: 'real-estate-registration' },
  ])('$agreement ($status) gives $consumer no Person.$field, by purpose or by agreement id', async ({ agreement, status, consumer, provider, field, selection, purpose }) => {
    const stored = await federation.platform.agreements.get(agreement);
    expect(stored).toMatchObject({ status, consumer, provider, purpose, items: expect.arrayContaining([`Person.${field}`]) });
    // The denial says what became of it: when, and why, as the provider recorded it.
    const change = (await federation.platform.agreements.history(agreement)).filter((c) => c.to === status).at(-1);
    const became =
      status === 'PENDING' ? ({ status } as const)
      : status === 'EXPIRED' ? ({ status, on: stored!.validUntil } as const)
      : ({ status: status as 'REVOKED', on: change!.at, reason: change!.reason! } as const);
    const query = `query Item($id: ResidentId!) { person(idNumber: $id) { ${selection} } }`;

    for (const named of [purpose, agreement]) {
      const response = await postGraphQL(federation.gateway.url, { query, variables: { id: resident.idNumber } }, await federation.as({ department: consumer, purpose: named }));
      expect(response).toEqual({
        status: 200,
        body: {
          data: { person: { [field]: null } },
          errors: [deniedError(formerAgreement(`Person.${field}`, consumer, provider, { id: agreement, purpose }, became), ['person', field], locationOf(query, field))],
          // Not in force, its purpose and id grant nothing: said once, with what the consumer does have in force.
          extensions: unknownPurposeExtension(consumer, named, IN_FORCE[consumer] ?? []),
        },
      });
    }
  });
});

describe('Person.idNumber is sensitive', () => {
  const IDENTITY = 'query Identity($id: ResidentId!) { person(idNumber: $id) { idNumber name enterprises { creditCode name status } } }';

  it.each([
    { department: 'tax', purpose: undefined, shown: 'masked' },
    { department: 'health', purpose: undefined, shown: 'masked' },
    { department: 'human-resources', purpose: undefined, shown: 'masked' },
    { department: 'human-resources', purpose: 'marriage-registration', shown: 'masked' },
    { department: 'human-resources', purpose: 'social-insurance-enrolment', shown: 'raw' },
    { department: 'human-resources', purpose: 'AGR-2025-0006', shown: 'raw' },
    { department: 'public-security', purpose: undefined, shown: 'raw' },
  ])('is $shown for $department with purpose $purpose, and the key still joins the other departments', async ({ department, purpose, shown }) => {
    const response = await postGraphQL(
      federation.gateway.url, { query: IDENTITY, variables: { id: resident.idNumber } }, await federation.as({ department, purpose }),
    );

    const enterprises = (own.enterprises as Record<string, unknown>[]).map(({ creditCode, name, status }) => ({ creditCode, name, status }));
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          person: {
            idNumber: shown === 'raw' ? resident.idNumber : masked(resident.idNumber, department),
            name: resident.name,
            enterprises,
          },
        },
      },
    });
  });
});
