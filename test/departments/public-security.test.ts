/**
 * public-security's subgraph on its own: residents by ID (`Query.person`) and as entities (`_entities`), with
 * the household registration the shared population implies, in one statement per batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { publicSecurity } from '../../subgraphs/public-security/index.ts';
import { householdRegistrationOf } from '../../subgraphs/public-security/seed.ts';
import { createPopulation, hasReachedAge, type PersonRecord } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const couple = people.map((p) => population.coupleOf(p.index)).find((c) => c !== null && c.divorcedOn === null)!;
const husband = population.person(couple.husbandIndex);
const wife = population.person(couple.wifeIndex);
const minor = people.find((p) => !hasReachedAge(p.birthDate, 18) && population.coupleOf(p.index) === null)!;
/** Valid (real check digit) but born before anyone in the population. */
const unknownId = makeResidentId('110101', '1900-01-01', 123);

const PERSON_FIELDS = `idNumber name gender birthDate ethnicity
  household { address regionCode householdNumber relationToHead registeredOn }`;

function expectedPerson(person: PersonRecord) {
  const { index: _index, regionCode: _regionCode, address: _address, ...identity } = person;
  return { __typename: 'Person', ...identity, household: householdRegistrationOf(population, person) };
}

describe('public-security subgraph', () => {
  let departments: TestDepartments;

  beforeAll(async () => {
    departments = await startDepartments([publicSecurity]);
  });
  afterAll(() => departments.stop());

  async function entities(ids: readonly string[], fields = PERSON_FIELDS) {
    return departments.postAsProvider('public-security', {
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Person { ${fields} } } }`,
      variables: { representations: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
    });
  }

  it('answers Query.person with the resident and their household registration', async () => {
    const { status, body } = await departments.postAsProvider('public-security', {
      query: `query($id: ResidentId!) { person(idNumber: $id) { __typename ${PERSON_FIELDS} } }`,
      variables: { id: husband.idNumber },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: expectedPerson(husband) } });
  });

  it('answers Query.person with null for a valid ID it has never registered', async () => {
    const { body } = await departments.postAsProvider('public-security', {
      query: `query($id: ResidentId!) { person(idNumber: $id) { idNumber } }`,
      variables: { id: unknownId },
    });
    expect(body).toEqual({ data: { person: null } });
  });

  it('rejects a malformed resident ID before any lookup, saying what is wrong', async () => {
    const bad = husband.idNumber.slice(0, 17) + (husband.idNumber.endsWith('0') ? '1' : '0');
    const { status, body } = await departments.postAsProvider('public-security', {
      query: `query($id: ResidentId!) { person(idNumber: $id) { idNumber } }`,
      variables: { id: bad },
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringMatching(new RegExp(`^Variable "\\$id" got invalid value "${bad}"; Invalid resident ID "${bad}": .*check`)),
          locations: [{ line: 1, column: 7 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('resolves a married couple, a minor and an unknown resident as entities', async () => {
    const { body } = await entities([husband.idNumber, wife.idNumber, minor.idNumber, unknownId]);
    expect(body).toEqual({
      data: { _entities: [expectedPerson(husband), expectedPerson(wife), expectedPerson(minor), null] },
    });
  });

  it('registers a wife as SPOUSE in her husband household, from the day of the wedding', () => {
    const head = householdRegistrationOf(population, husband);
    const spouse = householdRegistrationOf(population, wife);
    expect({ head: head.relationToHead, spouse: spouse.relationToHead, sameHousehold: head.householdNumber === spouse.householdNumber })
      .toEqual({ head: 'HEAD', spouse: 'SPOUSE', sameHousehold: true });
    expect(spouse.registeredOn).toBe(couple.marriedOn);
    expect(head.registeredOn < couple.marriedOn).toBe(true);
  });

  it('registers a minor outside a couple as CHILD from birth, at their own registration address', () => {
    expect(householdRegistrationOf(population, minor)).toMatchObject({
      relationToHead: 'CHILD',
      registeredOn: minor.birthDate,
      address: minor.address,
      regionCode: minor.regionCode,
    });
  });

  it('loads 50 residents with the same number of statements as 5 (one)', async () => {
    const store = departments.byId('public-security').store;
    const cost = async (count: number) => {
      const ids = people.slice(100, 100 + count).map((p) => p.idNumber);
      const before = store.statementsExecuted;
      const { body } = await entities(ids);
      expect(body.data._entities).toHaveLength(count);
      return store.statementsExecuted - before;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect({ five, fifty }).toEqual({ five: 1, fifty: 1 });
  });
});
