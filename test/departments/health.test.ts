/**
 * The health subgraph answers the gateway's entity fetches for people: diagnoses, the medical certificate of
 * birth (born 1996 or later) and vaccinations, exactly as recorded, and nothing (empty lists, null) for a
 * person it has no records of.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health } from '../../subgraphs/health/index.ts';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { CENSUS_DATE, createPopulation, type PersonRecord } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const ENTITIES = `query People($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person {
      idNumber
      diagnoses { code name diagnosedOn hospital }
      birthRecord { certificateNo hospital weightGrams bornOn }
      vaccinations { vaccine dose administeredOn site }
    }
  }
}`;

interface HealthRecord {
  idNumber: string;
  diagnoses: { code: string; name: string; diagnosedOn: string; hospital: string }[];
  birthRecord: { certificateNo: string; hospital: string; weightGrams: number; bornOn: string } | null;
  vaccinations: { vaccine: string; dose: number; administeredOn: string; site: string }[];
}

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const bornBetween = (from: string, to: string) => people.find((p) => p.birthDate >= from && p.birthDate < to)!;
const child = bornBetween('2010-01-01', '2018-01-01');
const youngAdult = bornBetween('1996-01-01', '2008-01-01');
const elder = bornBetween('1930-01-01', '1960-01-01');
const NOT_A_RESIDENT = makeResidentId('110101', '1990-01-01', 997);
const CHILDHOOD_VACCINES = ['乙肝疫苗', '卡介苗', '脊灰疫苗', '百白破疫苗', '麻腮风疫苗'];

let departments: TestDepartments;
let db: Database.Database;

beforeAll(async () => {
  departments = await startDepartments([health]);
  // An independent connection to the seeded file, to compare the subgraph's answers with the records themselves.
  db = new Database(departments.byId('health').store.db.name, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await departments?.stop();
});

async function fetchPeople(ids: readonly string[]): Promise<{ status: number; body: any }> {
  return departments.postAsProvider('health', {
    query: ENTITIES,
    variables: { representations: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
  });
}

/** The person's records, read straight from the database. */
function recordsOf(idNumber: string): HealthRecord {
  return {
    idNumber,
    diagnoses: db
      .prepare(
        `SELECT d.code, s.name, d.diagnosed_on AS diagnosedOn, h.name AS hospital
         FROM diagnosis d JOIN disease s ON s.code = d.code JOIN hospital h ON h.id = d.hospital
         WHERE d.person = ? ORDER BY d.diagnosed_on, d.rowid`,
      )
      .all(idNumber) as HealthRecord['diagnoses'],
    birthRecord:
      (db
        .prepare(
          `SELECT b.certificate_no AS certificateNo, h.name AS hospital, b.weight_grams AS weightGrams, b.born_on AS bornOn
           FROM birth_record b JOIN hospital h ON h.id = b.hospital WHERE b.person = ?`,
        )
        .get(idNumber) as HealthRecord['birthRecord'] | undefined) ?? null,
    vaccinations: db
      .prepare(
        `SELECT d.vaccine, d.dose, g.value ->> 1 AS administeredOn, d.site
         FROM vaccination_record v, json_each(v.doses) g JOIN vaccine_dose d ON d.id = g.value ->> 0
         WHERE v.person = ? ORDER BY administeredOn, d.id`,
      )
      .all(idNumber) as HealthRecord['vaccinations'],
  };
}

describe('health subgraph', () => {
  it('resolves a child, a young adult, an elder and an unknown resident to exactly their records', async () => {
    expect(people.some((p) => p.idNumber === NOT_A_RESIDENT)).toBe(false);
    // The chosen people do have records, so the comparison below compares something.
    expect(recordsOf(child.idNumber).vaccinations.length).toBeGreaterThan(10);
    expect(recordsOf(child.idNumber).birthRecord).not.toBeNull();
    expect(recordsOf(youngAdult.idNumber).birthRecord).not.toBeNull();
    const { status, body } = await fetchPeople([child.idNumber, youngAdult.idNumber, elder.idNumber, NOT_A_RESIDENT]);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        _entities: [
          recordsOf(child.idNumber),
          recordsOf(youngAdult.idNumber),
          recordsOf(elder.idNumber),
          { idNumber: NOT_A_RESIDENT, diagnoses: [], birthRecord: null, vaccinations: [] },
        ],
      },
    });
  });

  it('issues a birth certificate, dated on the birth date, exactly to those born in 1996 or later', async () => {
    const { body } = await fetchPeople(people.map((p) => p.idNumber));
    const records: HealthRecord[] = body.data._entities;
    const certificateNumbers = new Set<string>();
    records.forEach((record, i) => {
      const person = people[i]!;
      if (person.birthDate < '1996-01-01') {
        expect(record.birthRecord).toBeNull();
      } else {
        expect(record.birthRecord).toMatchObject({ bornOn: person.birthDate, certificateNo: expect.stringMatching(/^[A-Z]\d{9}$/) });
        expect(record.birthRecord!.weightGrams).toBeGreaterThanOrEqual(1200);
        expect(record.birthRecord!.weightGrams).toBeLessThanOrEqual(5200);
        certificateNumbers.add(record.birthRecord!.certificateNo);
      }
    });
    expect(certificateNumbers.size).toBe(people.filter((p) => p.birthDate >= '1996-01-01').length);
  });

  it('records 0-3 diagnoses and only vaccinations given between birth and the census day', async () => {
    const { body } = await fetchPeople(people.map((p) => p.idNumber));
    const records: HealthRecord[] = body.data._entities;
    records.forEach((record, i) => {
      const person: PersonRecord = people[i]!;
      expect(record.diagnoses.length).toBeLessThanOrEqual(3);
      for (const diagnosis of record.diagnoses) {
        expect(diagnosis.code).toMatch(/^[A-Z]\d\d(\.\d)?$/);
        expect(diagnosis.diagnosedOn >= person.birthDate && diagnosis.diagnosedOn < CENSUS_DATE).toBe(true);
      }
      const doses = new Map<string, number>();
      for (const vaccination of record.vaccinations) {
        expect(vaccination.administeredOn >= person.birthDate && vaccination.administeredOn < CENSUS_DATE).toBe(true);
        // Doses of one vaccine are given in order.
        expect(vaccination.dose).toBeGreaterThan(doses.get(vaccination.vaccine) ?? 0);
        doses.set(vaccination.vaccine, vaccination.dose);
        if (CHILDHOOD_VACCINES.includes(vaccination.vaccine)) expect(person.birthDate >= '2008-01-01').toBe(true);
      }
    });
    const childRecord = records[people.indexOf(child)]!;
    expect(new Set(childRecord.vaccinations.map((v) => v.vaccine))).toEqual(new Set([...CHILDHOOD_VACCINES, '新冠疫苗']));
    const withDiagnoses = records.filter((r) => r.diagnoses.length > 0).length / records.length;
    expect(withDiagnoses).toBeGreaterThan(0.4);
    expect(withDiagnoses).toBeLessThan(0.7);
  });

  it('loads 50 people with all their records in as many statements as 5', async () => {
    const { store } = departments.byId('health');
    const statementsFor = async (ids: string[]) => {
      const before = store.statementsExecuted;
      const { body } = await fetchPeople(ids);
      expect(body.data._entities).toHaveLength(ids.length);
      return store.statementsExecuted - before;
    };
    const forFive = await statementsFor(people.slice(0, 5).map((p) => p.idNumber));
    const forFifty = await statementsFor(people.slice(100, 150).map((p) => p.idNumber));
    expect(forFifty).toBe(forFive);
    expect(forFive).toBe(3);
  });
});
