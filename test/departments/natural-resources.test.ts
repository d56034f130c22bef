/**
 * The natural-resources subgraph answers the gateway's entity fetches for people and real estate: a married
 * couple's home is one certificate naming both spouses, a person's holdings are exactly the register's, and a
 * person or certificate the register does not know resolves to nothing, never an error.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { naturalResources } from '../../subgraphs/natural-resources/index.ts';
import { CENSUS_DATE, createPopulation, hasReachedAge, regionByCode } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const REAL_ESTATE_FIELDS = 'certificateNo address area usage registeredOn owners { idNumber }';
const PEOPLE = `query People($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber realEstates { ${REAL_ESTATE_FIELDS} } } }
}`;
const REAL_ESTATES = `query RealEstates($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on RealEstate { ${REAL_ESTATE_FIELDS} } }
}`;

interface RealEstate {
  certificateNo: string;
  address: string;
  area: number;
  usage: string;
  registeredOn: string;
  owners: { idNumber: string }[];
}

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const indexById = new Map(people.map((p) => [p.idNumber, p.index]));
const NOT_A_RESIDENT = makeResidentId('110101', '1990-01-01', 997);
const NOT_A_CERTIFICATE = '京(2021)东城区不动产权第9999999号';

let departments: TestDepartments;
let db: Database.Database;

beforeAll(async () => {
  departments = await startDepartments([naturalResources]);
  // An independent connection to the seeded file, to compare the subgraph's answers with the register itself.
  db = new Database(departments.byId('natural-resources').store.db.name, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await departments?.stop();
});

async function fetchEntities(query: string, representations: object[]): Promise<{ status: number; body: any }> {
  return departments.postAsProvider('natural-resources', { query, variables: { representations } });
}

const asPeople = (ids: readonly string[]) => ids.map((idNumber) => ({ __typename: 'Person', idNumber }));

/** A certificate as the register holds it, owners in registration order. */
function certificate(certificateNo: string): RealEstate {
  const row = db
    .prepare(
      `SELECT id, certificate_no AS certificateNo, address, area, usage, registered_on AS registeredOn
       FROM real_estate WHERE certificate_no = ?`,
    )
    .get(certificateNo) as RealEstate & { id: number };
  const owners = db.prepare(`SELECT owner AS idNumber FROM real_estate_owner WHERE real_estate = ? ORDER BY seq`).all(row.id);
  const { id: _id, ...realEstate } = row;
  return { ...realEstate, owners: owners as { idNumber: string }[] };
}

/** A person's certificates as the register holds them, in order of registration. */
function holdingsOf(idNumber: string): RealEstate[] {
  const rows = db
    .prepare(
      `SELECT r.certificate_no AS certificateNo FROM real_estate_owner o JOIN real_estate r ON r.id = o.real_estate
       WHERE o.owner = ? ORDER BY r.registered_on, r.id`,
    )
    .all(idNumber) as { certificateNo: string }[];
  return rows.map((row) => certificate(row.certificateNo));
}

/** The first currently married couple whose home the register lists under both spouses. */
function coOwningCouple() {
  for (const person of people) {
    const couple = population.coupleOf(person.index);
    if (!couple || couple.divorcedOn !== null || couple.husbandIndex !== person.index) continue;
    const wife = population.person(couple.wifeIndex);
    const shared = holdingsOf(person.idNumber).find((r) => r.owners.some((o) => o.idNumber === wife.idNumber));
    if (shared) return { husband: person, wife, couple, shared };
  }
  throw new Error('The test population has no couple that co-owns a home.');
}

describe('natural-resources subgraph', () => {
  it('lists a married couple’s home under both spouses, and the certificate lists both as owners', async () => {
    const { husband, wife, couple, shared } = coOwningCouple();
    expect(people.some((p) => p.idNumber === NOT_A_RESIDENT)).toBe(false);

    const { status, body } = await fetchEntities(PEOPLE, asPeople([husband.idNumber, wife.idNumber, NOT_A_RESIDENT]));

    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        _entities: [
          { idNumber: husband.idNumber, realEstates: holdingsOf(husband.idNumber) },
          { idNumber: wife.idNumber, realEstates: holdingsOf(wife.idNumber) },
          { idNumber: NOT_A_RESIDENT, realEstates: [] },
        ],
      },
    });
    expect(shared).toMatchObject({
      usage: 'RESIDENTIAL',
      address: husband.address,
      owners: [{ idNumber: husband.idNumber }, { idNumber: wife.idNumber }],
    });
    expect(shared.registeredOn >= couple.marriedOn && shared.registeredOn < CENSUS_DATE).toBe(true);
    for (const spouse of [0, 1]) expect(body.data._entities[spouse].realEstates).toContainEqual(shared);
  });

  it('resolves a certificate by reference and by query, and an unknown certificate to null', async () => {
    const { shared } = coOwningCouple();
    const { body } = await fetchEntities(REAL_ESTATES, [
      { __typename: 'RealEstate', certificateNo: shared.certificateNo },
      { __typename: 'RealEstate', certificateNo: NOT_A_CERTIFICATE },
    ]);
    expect(body).toEqual({ data: { _entities: [shared, null] } });

    const byQuery = await departments.postAsProvider('natural-resources', {
      query: `query ($no: String!) { realEstate(certificateNo: $no) { ${REAL_ESTATE_FIELDS} } }`,
      variables: { no: shared.certificateNo },
    });
    expect(byQuery.body).toEqual({ data: { realEstate: shared } });
  });

  it('gives about 45% of adults one or two certificates, children none, and co-owners are always spouses', async () => {
    const { body } = await fetchEntities(PEOPLE, asPeople(people.map((p) => p.idNumber)));
    const holdings: { idNumber: string; realEstates: RealEstate[] }[] = body.data._entities;
    let adults = 0;
    let owners = 0;
    holdings.forEach(({ realEstates }, i) => {
      const person = people[i]!;
      expect(realEstates.length).toBeLessThanOrEqual(2);
      if (!hasReachedAge(person.birthDate, 18)) return expect(realEstates).toEqual([]);
      adults++;
      if (realEstates.length > 0) owners++;
      for (const realEstate of realEstates) {
        const [, province, year, authority] = /^(.)\((\d{4})\)(.+)不动产权第\d{7}号$/.exec(realEstate.certificateNo) ?? [];
        expect(year).toBe(realEstate.registeredOn.slice(0, 4));
        expect(province).toBeTruthy();
        // Registered where the first owner (the husband of a couple) lives, and located there.
        const region = regionByCode(population.person(indexById.get(realEstate.owners[0]!.idNumber)!).regionCode)!;
        expect(region.fullName).toContain(authority);
        expect(realEstate.address.startsWith(region.fullName)).toBe(true);
        expect(realEstate.area).toBeGreaterThan(0);
        if (realEstate.owners.length === 2) {
          const [husband, wife] = realEstate.owners.map((o) => indexById.get(o.idNumber)!);
          expect(population.coupleOf(husband!)).toMatchObject({ husbandIndex: husband, wifeIndex: wife, divorcedOn: null });
        } else {
          expect(realEstate.owners).toEqual([{ idNumber: person.idNumber }]);
        }
      }
    });
    expect(owners / adults).toBeGreaterThan(0.38);
    expect(owners / adults).toBeLessThan(0.52);
  });

  it('loads 50 people with their real estate and its owners in as many statements as 5', async () => {
    const { store } = departments.byId('natural-resources');
    const statementsFor = async (ids: string[]) => {
      const before = store.statementsExecuted;
      const { body } = await fetchEntities(PEOPLE, asPeople(ids));
      expect(body.data._entities).toHaveLength(ids.length);
      return store.statementsExecuted - before;
    };
    const adults = people.filter((p) => hasReachedAge(p.birthDate, 30)).map((p) => p.idNumber);
    const forFive = await statementsFor(adults.slice(0, 5));
    const forFifty = await statementsFor(adults.slice(100, 150));
    expect(forFifty).toBe(forFive);
    expect(forFive).toBe(2);
  });
});
