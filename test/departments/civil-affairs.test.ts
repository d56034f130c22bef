/**
 * civil-affairs' subgraph on its own: a resident's marital status, marriage registrations and minimum living
 * allowance as `_entities`, as the shared population implies, in one statement per relation and batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilAffairs } from '../../subgraphs/civil-affairs/index.ts';
import { marriageRegistryOf, subsistenceAllowanceOf } from '../../subgraphs/civil-affairs/seed.ts';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { createPopulation, hasReachedAge, type Couple, type PersonRecord } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const couples = people.map((p) => population.coupleOf(p.index)).filter((c): c is Couple => c !== null);
const married = couples.find((c) => c.divorcedOn === null)!;
const divorced = couples.find((c) => c.divorcedOn !== null)!;
const single = people.find((p) => population.coupleOf(p.index) === null && !hasReachedAge(p.birthDate, 60))!;
const withAllowance = people.find((p) => subsistenceAllowanceOf(population, p) !== null)!;
/** Valid (real check digit) but born before anyone in the population. */
const unknownId = makeResidentId('110101', '1900-01-01', 123);

const PERSON_FIELDS = `idNumber maritalStatus
  marriageRecords { kind registeredOn registrationOffice spouse { __typename idNumber } }
  subsistenceAllowance { status monthlyAmount since }`;

/** The registrations of a couple as seen by one partner, built from the couple alone. */
function expectedRecords(couple: Couple, person: PersonRecord) {
  const husband = population.person(couple.husbandIndex);
  const spouse = population.person(couple.husbandIndex === person.index ? couple.wifeIndex : couple.husbandIndex);
  const record = (kind: string, registeredOn: string) => ({
    kind,
    registeredOn,
    registrationOffice: marriageRegistryOf(husband.regionCode),
    spouse: { __typename: 'Person', idNumber: spouse.idNumber },
  });
  return couple.divorcedOn === null
    ? [record('MARRIAGE', couple.marriedOn)]
    : [record('MARRIAGE', couple.marriedOn), record('DIVORCE', couple.divorcedOn)];
}

function expectedAllowance(person: PersonRecord) {
  const allowance = subsistenceAllowanceOf(population, person);
  return allowance && { status: allowance.status, monthlyAmount: allowance.monthlyAmount, since: allowance.since };
}

describe('civil-affairs subgraph', () => {
  let departments: TestDepartments;

  beforeAll(async () => {
    departments = await startDepartments([civilAffairs]);
  });
  afterAll(() => departments.stop());

  async function entities(ids: readonly string[], fields = PERSON_FIELDS) {
    return departments.postAsProvider('civil-affairs', {
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Person { ${fields} } } }`,
      variables: { representations: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
    });
  }

  it('shows a married couple as MARRIED, each with the marriage registration naming the other', async () => {
    const husband = population.person(married.husbandIndex);
    const wife = population.person(married.wifeIndex);
    const { status, body } = await entities([husband.idNumber, wife.idNumber]);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        _entities: [husband, wife].map((person) => ({
          __typename: 'Person',
          idNumber: person.idNumber,
          maritalStatus: 'MARRIED',
          marriageRecords: expectedRecords(married, person),
          subsistenceAllowance: expectedAllowance(person),
        })),
      },
    });
  });

  it('shows a divorced resident as DIVORCED, with the marriage and then the divorce', async () => {
    const wife = population.person(divorced.wifeIndex);
    const { body } = await entities([wife.idNumber]);
    expect(body).toEqual({
      data: {
        _entities: [
          {
            __typename: 'Person',
            idNumber: wife.idNumber,
            maritalStatus: 'DIVORCED',
            marriageRecords: expectedRecords(divorced, wife),
            subsistenceAllowance: expectedAllowance(wife),
          },
        ],
      },
    });
  });

  it('shows a resident under 60 outside any couple as UNMARRIED, without records', async () => {
    const { body } = await entities([single.idNumber]);
    expect(body).toEqual({
      data: {
        _entities: [
          {
            __typename: 'Person',
            idNumber: single.idNumber,
            maritalStatus: 'UNMARRIED',
            marriageRecords: [],
            subsistenceAllowance: expectedAllowance(single),
          },
        ],
      },
    });
  });

  it('shows the minimum living allowance of a resident who has one', async () => {
    const { body } = await entities([withAllowance.idNumber], 'subsistenceAllowance { status monthlyAmount since }');
    const allowance = expectedAllowance(withAllowance);
    expect(allowance).not.toBeNull();
    expect(body).toEqual({ data: { _entities: [{ __typename: 'Person', subsistenceAllowance: allowance }] } });
  });

  it('answers null and empty lists, not an error, for a resident it does not know', async () => {
    const { body } = await entities([unknownId]);
    expect(body).toEqual({
      data: {
        _entities: [
          { __typename: 'Person', idNumber: unknownId, maritalStatus: null, marriageRecords: [], subsistenceAllowance: null },
        ],
      },
    });
  });

  it('grants a minimum living allowance to about 3% of residents', () => {
    const share = people.filter((p) => subsistenceAllowanceOf(population, p) !== null).length / people.length;
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.045);
  });

  it('names the marriage registry the way its civil affairs bureau is named', () => {
    expect(['110101', '440305', '320583'].map(marriageRegistryOf)).toEqual([
      '北京市东城区民政局婚姻登记处',
      '深圳市南山区民政局婚姻登记处',
      '昆山市民政局婚姻登记处',
    ]);
  });

  it('loads 50 residents with the same number of statements as 5 (one per relation)', async () => {
    const store = departments.byId('civil-affairs').store;
    const cost = async (count: number) => {
      const ids = people.slice(100, 100 + count).map((p) => p.idNumber);
      const before = store.statementsExecuted;
      const { body } = await entities(ids);
      expect(body.data._entities).toHaveLength(count);
      return store.statementsExecuted - before;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect({ five, fifty }).toEqual({ five: 3, fifty: 3 });
  });
});
