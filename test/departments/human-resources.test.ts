/**
 * human-resources' subgraph on its own: a resident's pension insurance account and registered employment as
 * `_entities`, as the shared population implies, in one statement per relation and batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanResources } from '../../subgraphs/human-resources/index.ts';
import { cityOf, recordsOf } from '../../subgraphs/human-resources/seed.ts';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { anniversary, CENSUS_DATE, createPopulation, hasReachedAge, type PersonRecord } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const creditCodes = new Map([...population.enterprises()].map((e) => [e.creditCode, e]));
const minor = people.find((p) => !hasReachedAge(p.birthDate, 16))!;
const employee = people.find((p) => recordsOf(population, p).employment !== null)!;
const retiredMan = people.find((p) => p.gender === 'MALE' && recordsOf(population, p).socialInsurance.status === 'RETIRED')!;
const retirementAge = { MALE: 60, FEMALE: 55 } as const;
/** Valid (real check digit) but born before anyone in the population. */
const unknownId = makeResidentId('110101', '1900-01-01', 123);

const PERSON_FIELDS = `idNumber
  socialInsurance { pensionMonths status insuredSince city }
  employment { employer { __typename creditCode } position since }`;

function expectedPerson(person: PersonRecord) {
  const { employment, socialInsurance } = recordsOf(population, person);
  const { idNumber: _id, ...account } = socialInsurance;
  return {
    __typename: 'Person',
    idNumber: person.idNumber,
    socialInsurance: account,
    employment: employment && {
      employer: { __typename: 'Enterprise', creditCode: employment.employer },
      position: employment.position,
      since: employment.since,
    },
  };
}

describe('human-resources subgraph', () => {
  let departments: TestDepartments;

  beforeAll(async () => {
    departments = await startDepartments([humanResources]);
  });
  afterAll(() => departments.stop());

  async function entities(ids: readonly string[], fields = PERSON_FIELDS) {
    return departments.postAsProvider('human-resources', {
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Person { ${fields} } } }`,
      variables: { representations: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
    });
  }

  it('resolves an employee, a retired man, a minor and an unknown resident as entities', async () => {
    const { status, body } = await entities([employee.idNumber, retiredMan.idNumber, minor.idNumber, unknownId]);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        _entities: [
          expectedPerson(employee),
          expectedPerson(retiredMan),
          expectedPerson(minor),
          { __typename: 'Person', idNumber: unknownId, socialInsurance: null, employment: null },
        ],
      },
    });
  });

  it('never enrols a resident under 16, insured where they live', async () => {
    const { body } = await entities([minor.idNumber], 'socialInsurance { pensionMonths status insuredSince city } employment { since }');
    expect(body).toEqual({
      data: {
        _entities: [
          {
            __typename: 'Person',
            socialInsurance: { pensionMonths: 0, status: 'NOT_ENROLLED', insuredSince: null, city: cityOf(minor.regionCode) },
            employment: null,
          },
        ],
      },
    });
  });

  it('insures an employee where the employer, an active enterprise of the population, is registered', () => {
    const { employment, socialInsurance } = recordsOf(population, employee);
    const employer = creditCodes.get(employment!.employer);
    expect(employer?.status).toBe('ACTIVE');
    expect(socialInsurance).toMatchObject({ status: 'CONTRIBUTING', city: cityOf(employer!.regionCode) });
    expect(socialInsurance.insuredSince! <= employment!.since).toBe(true);
    expect(employment!.since >= employer!.establishedDate && employment!.since <= CENSUS_DATE).toBe(true);
  });

  it('retires a man past 60 with at least the 15 years of contributions a pension needs', () => {
    const { socialInsurance } = recordsOf(population, retiredMan);
    expect(hasReachedAge(retiredMan.birthDate, 60)).toBe(true);
    expect(socialInsurance.pensionMonths).toBeGreaterThanOrEqual(180);
    expect(socialInsurance.insuredSince! < anniversary(retiredMan.birthDate, 60)).toBe(true);
  });

  it('registers employment for about 60% of working-age adults, and only for them', () => {
    const workingAge = (p: PersonRecord) => hasReachedAge(p.birthDate, 18) && !hasReachedAge(p.birthDate, retirementAge[p.gender]);
    const employed = people.filter((p) => recordsOf(population, p).employment !== null);
    expect(employed.every(workingAge)).toBe(true);
    const share = employed.length / people.filter(workingAge).length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.65);
  });

  it('loads 50 residents with the same number of statements as 5 (one per relation)', async () => {
    const store = departments.byId('human-resources').store;
    const cost = async (count: number) => {
      const ids = people.slice(100, 100 + count).map((p) => p.idNumber);
      const before = store.statementsExecuted;
      const { body } = await entities(ids);
      expect(body.data._entities).toHaveLength(count);
      return store.statementsExecuted - before;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect({ five, fifty }).toEqual({ five: 2, fifty: 2 });
  });
});
