/**
 * A denied item comes back null with exactly one error per response path, however the request selects it:
 * directly, under aliases, through named or inline fragments, conditionally, in one of several operations,
 * inside lists, nested under allowed fields, or next to introspection. The document the gateway plans stays
 * valid even when every field of a selection is denied.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegalRepresentativesDocument } from '../../schema/__generated__/operations.ts';
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
  noAgreement,
  purposeMissing,
  taxCreditRatings,
} from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let resident: PersonRecord;
let taxHeaders: Record<string, string>;

/** For tax without a purpose: it has agreements for both, for purposes it did not name. */
const MARITAL_STATUS = purposeMissing('Person.maritalStatus', 'civil-affairs', { purpose: 'individual-income-tax-deduction', agreement: 'AGR-2025-0002' });
const HOUSEHOLD = purposeMissing('Person.household', 'public-security', { purpose: 'property-tax-assessment', agreement: 'AGR-2025-0004' });

beforeAll(async () => {
  federation = await startFederation();
  resident = await findWellKnownResident(federation, population);
  taxHeaders = await federation.as({ department: 'tax' });
  // Civil affairs may list a resident's real estate, but none of its details.
  await federation.platform.agreements.create({
    id: 'AGR-2026-0201', consumer: 'civil-affairs', provider: 'natural-resources', items: ['Person.realEstates'],
    purpose: 'estate-listing', legalBasis: 'test', validFrom: '2025-01-01', validUntil: '2099-01-01', status: 'APPROVED',
  });
});

afterAll(async () => {
  await federation?.stop();
});

const asTax = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  postGraphQL(federation.gateway.url, { query, variables: { id: resident.idNumber, ...variables }, ...(operationName ? { operationName } : {}) }, taxHeaders);

describe('a denied field selected', () => {
  it('directly is null with one error at its path', async () => {
    const query = 'query Direct($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });

  it('under two aliases is null under each, with one error per alias path', async () => {
    const query = `query Aliases($id: ResidentId!) {
  person(idNumber: $id) {
    name
    now: maritalStatus
    again: maritalStatus
  }
}`;
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, now: null, again: null } },
        errors: [
          deniedError(MARITAL_STATUS, ['person', 'now'], { line: 4, column: 5 }),
          deniedError(MARITAL_STATUS, ['person', 'again'], { line: 5, column: 5 }),
        ],
      },
    });
  });

  it('under an alias that is the name of an allowed field, and vice versa, denies by the field, not the alias', async () => {
    const query = 'query Swapped($id: ResidentId!) { person(idNumber: $id) { maritalStatus: name name: maritalStatus } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { maritalStatus: resident.name, name: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'name'], locationOf(query, 'name: maritalStatus'))],
      },
    });
  });

  it('through a named fragment is null with one error', async () => {
    const query = 'query Named($id: ResidentId!) { person(idNumber: $id) { ...Civil } } fragment Civil on Person { name maritalStatus }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });

  it('through an inline fragment is null with one error', async () => {
    const query = 'query Inline($id: ResidentId!) { person(idNumber: $id) { ... on Person { name maritalStatus } } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });

  it('through a fragment spread twice at the same place has one error, and spread at two places one error at each', async () => {
    const twice = 'query Twice($id: ResidentId!) { person(idNumber: $id) { ...Civil ...Civil } } fragment Civil on Person { name maritalStatus }';
    expect(await asTax(twice)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(twice, 'maritalStatus'))],
      },
    });

    const couple = population.coupleOf(resident.index)!;
    const spouse = population.person(couple.husbandIndex === resident.index ? couple.wifeIndex : couple.husbandIndex);
    const apart = `query Apart($id: ResidentId!, $spouse: ResidentId!) {
  applicant: person(idNumber: $id) { ...Civil }
  spouse: person(idNumber: $spouse) { ...Civil }
}
fragment Civil on Person { name maritalStatus }`;
    expect(await asTax(apart, { spouse: spouse.idNumber })).toEqual({
      status: 200,
      body: {
        data: { applicant: { name: resident.name, maritalStatus: null }, spouse: { name: spouse.name, maritalStatus: null } },
        errors: [
          deniedError(MARITAL_STATUS, ['applicant', 'maritalStatus'], { line: 5, column: 33 }),
          deniedError(MARITAL_STATUS, ['spouse', 'maritalStatus'], { line: 5, column: 33 }),
        ],
      },
    });
  });

  it('whose own selection is a fragment (left unused once the field is removed) is null with one error', async () => {
    const query = 'query Unused($id: ResidentId!) { person(idNumber: $id) { name household { ...Registration } } } fragment Registration on Household { address regionCode }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, household: null } },
        errors: [deniedError(HOUSEHOLD, ['person', 'household'], locationOf(query, 'household'))],
      },
    });
  });

  it('at the root, with the only use of a variable in its arguments, is null with one error and the other root fields served', async () => {
    const query = 'query Estate($certificate: String!) { realEstate(certificateNo: $certificate) { certificateNo } enterprises(first: 1) { nodes { name } } }';
    const response = await postGraphQL(federation.gateway.url, { query, variables: { certificate: 'any' } }, taxHeaders);

    expect(response).toEqual({
      status: 200,
      body: {
        data: { realEstate: null, enterprises: { nodes: [{ name: population.enterprise(0).name }] } },
        errors: [deniedError(noAgreement('Query.realEstate', 'tax', 'natural-resources'), ['realEstate'], locationOf(query, 'realEstate('))],
      },
    });
  });

  it('next to __typename is null with one error, and __typename is answered', async () => {
    const query = 'query Typename($id: ResidentId!) { person(idNumber: $id) { __typename maritalStatus } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { __typename: 'Person', maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });

  it('next to introspection is null with one error, and the introspection is answered', async () => {
    const query = 'query Introspection($id: ResidentId!) { __typename __schema { queryType { name } } person(idNumber: $id) { maritalStatus } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { __typename: 'Query', __schema: { queryType: { name: 'Query' } }, person: { maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
      },
    });
  });
});

describe('a conditionally selected denied field', () => {
  const DIRECTIVE = 'query Conditional($id: ResidentId!, $flag: Boolean!) { person(idNumber: $id) { name maritalStatus @DIRECTIVE(if: $flag) } }';
  const DEFAULT = 'query Conditional($id: ResidentId!, $flag: Boolean = DEFAULT) { person(idNumber: $id) { name maritalStatus @DIRECTIVE(if: $flag) } }';
  const SPREAD = 'query Conditional($id: ResidentId!, $flag: Boolean = false) { person(idNumber: $id) { name ...Civil @include(if: $flag) } } fragment Civil on Person { maritalStatus }';

  it.each([
    { shape: '@skip(if: $flag) with flag true', query: DIRECTIVE.replace('DIRECTIVE', 'skip'), variables: { flag: true }, executed: false },
    { shape: '@skip(if: $flag) with flag false', query: DIRECTIVE.replace('DIRECTIVE', 'skip'), variables: { flag: false }, executed: true },
    { shape: '@include(if: $flag) with flag false', query: DIRECTIVE.replace('DIRECTIVE', 'include'), variables: { flag: false }, executed: false },
    { shape: '@include(if: $flag) with flag true', query: DIRECTIVE.replace('DIRECTIVE', 'include'), variables: { flag: true }, executed: true },
    { shape: '@skip(if: $flag) with flag defaulting to true', query: DEFAULT.replace('DEFAULT', 'true').replace('DIRECTIVE', 'skip'), variables: {}, executed: false },
    { shape: '@skip(if: $flag) with flag defaulting to true but sent false', query: DEFAULT.replace('DEFAULT', 'true').replace('DIRECTIVE', 'skip'), variables: { flag: false }, executed: true },
    { shape: '@include(if: $flag) with flag defaulting to false', query: DEFAULT.replace('DEFAULT', 'false').replace('DIRECTIVE', 'include'), variables: {}, executed: false },
    { shape: '@include(if: $flag) with flag defaulting to true', query: DEFAULT.replace('DEFAULT', 'true').replace('DIRECTIVE', 'include'), variables: {}, executed: true },
    { shape: '@skip(if: true)', query: 'query Conditional($id: ResidentId!) { person(idNumber: $id) { name maritalStatus @skip(if: true) } }', variables: {}, executed: false },
    { shape: '@include(if: true)', query: 'query Conditional($id: ResidentId!) { person(idNumber: $id) { name maritalStatus @include(if: true) } }', variables: {}, executed: true },
    { shape: 'a fragment spread with @include(if: $flag) defaulting to false', query: SPREAD, variables: {}, executed: false },
    { shape: 'a fragment spread with @include(if: $flag) sent true', query: SPREAD, variables: { flag: true }, executed: true },
  ])('by $shape: an error only when executed ($executed)', async ({ query, variables, executed }) => {
    const response = await asTax(query, variables);
    expect(response).toEqual(
      executed
        ? {
            status: 200,
            body: {
              data: { person: { name: resident.name, maritalStatus: null } },
              errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus'))],
            },
          }
        : { status: 200, body: { data: { person: { name: resident.name } } } },
    );
  });
});

describe('a document with two operations', () => {
  const DOCUMENT = `query Public($id: ResidentId!) { person(idNumber: $id) { name } }
query Civil($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }`;

  it('answers the operation selected by operationName without the denials of the other', async () => {
    expect(await asTax(DOCUMENT, {}, 'Public')).toEqual({ status: 200, body: { data: { person: { name: resident.name } } } });
  });

  it('denies the fields of the operation selected by operationName', async () => {
    expect(await asTax(DOCUMENT, {}, 'Civil')).toEqual({
      status: 200,
      body: {
        data: { person: { name: resident.name, maritalStatus: null } },
        errors: [deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(DOCUMENT, 'maritalStatus'))],
      },
    });
  });
});

describe('a selection whose every field is denied', () => {
  it('comes back as the object with each field null, not as an invalid document', async () => {
    const query = 'query AllDenied($id: ResidentId!) { person(idNumber: $id) { maritalStatus household { address regionCode } } }';
    expect(await asTax(query)).toEqual({
      status: 200,
      body: {
        data: { person: { maritalStatus: null, household: null } },
        errors: [
          deniedError(MARITAL_STATUS, ['person', 'maritalStatus'], locationOf(query, 'maritalStatus')),
          deniedError(HOUSEHOLD, ['person', 'household'], locationOf(query, 'household')),
        ],
      },
    });
  });

  it('inside a list comes back as one object per element with each field null, and an error per field and element', async () => {
    const { realEstates } = await departmentView(federation, 'natural-resources', resident.idNumber, 'realEstates { certificateNo }');
    const count = (realEstates as unknown[]).length;
    const query = 'query Estates($id: ResidentId!) { person(idNumber: $id) { realEstates { address area } } }';

    const response = await postGraphQL(
      federation.gateway.url, { query, variables: { id: resident.idNumber } },
      await federation.as({ department: 'civil-affairs', purpose: 'estate-listing' }),
    );

    const indices = Array.from({ length: count }, (_, i) => i);
    expect(count).toBeGreaterThan(0);
    expect(response).toEqual({
      status: 200,
      body: {
        data: { person: { realEstates: indices.map(() => ({ address: null, area: null })) } },
        errors: indices.flatMap((i) => [
          deniedError(noAgreement('RealEstate.address', 'civil-affairs', 'natural-resources'), ['person', 'realEstates', i, 'address'], locationOf(query, 'address')),
          deniedError(noAgreement('RealEstate.area', 'civil-affairs', 'natural-resources'), ['person', 'realEstates', i, 'area'], locationOf(query, 'area')),
        ]),
      },
    });
  });
});

describe('a denied field under lists and allowed fields', () => {
  it('in LegalRepresentatives (first: 5) as tax: one error per enterprise, with its index in the path', async () => {
    const enterprises = [0, 1, 2, 3, 4].map((rank) => population.enterprise(rank));
    const ratings = await taxCreditRatings(federation, enterprises.map((e) => e.creditCode));

    const response = await execute(federation.gateway.url, LegalRepresentativesDocument, { first: 5 }, taxHeaders);

    const location = locationOf(print(LegalRepresentativesDocument), 'maritalStatus');
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          enterprises: {
            nodes: enterprises.map((enterprise) => {
              const representative = population.person(enterprise.legalRepresentativeIndex);
              return {
                creditCode: enterprise.creditCode,
                name: enterprise.name,
                taxCreditRating: ratings.get(enterprise.creditCode),
                legalRepresentative: { idNumber: masked(representative.idNumber, 'tax'), name: representative.name, maritalStatus: null },
              };
            }),
          },
        },
        errors: [0, 1, 2, 3, 4].map((i) =>
          deniedError(MARITAL_STATUS, ['enterprises', 'nodes', i, 'legalRepresentative', 'maritalStatus'], location),
        ),
      },
    });
  });

  it('nested under an allowed entity: the allowed fields around it are served', async () => {
    const query = 'query Nested { enterprises(first: 3) { nodes { name legalRepresentative { name household { address } } } } }';

    const response = await postGraphQL(federation.gateway.url, { query }, taxHeaders);

    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          enterprises: {
            nodes: [0, 1, 2].map((rank) => {
              const enterprise = population.enterprise(rank);
              return { name: enterprise.name, legalRepresentative: { name: population.person(enterprise.legalRepresentativeIndex).name, household: null } };
            }),
          },
        },
        errors: [0, 1, 2].map((i) =>
          deniedError(HOUSEHOLD, ['enterprises', 'nodes', i, 'legalRepresentative', 'household'], locationOf(query, 'household')),
        ),
      },
    });
  });
});
