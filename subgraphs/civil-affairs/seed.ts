/**
 * Fills civil affairs' registers from the shared population: every resident's marital status, both parties'
 * view of each marriage and divorce registration, and the minimum living allowances. Each value is derived
 * from the resident's index alone (their couple, their region and random streams private to civil affairs),
 * so the functions exported here give exactly what the registers hold.
 *
 * Marital status follows the couple: married, or divorced when the couple divorced; a resident outside a
 * couple is unmarried, except some elderly ones, widowed (their late spouse lies outside the population, so
 * they have no marriage record here). Both registrations of a couple are made at the marriage registry of the
 * husband's region.
 */
import type Database from 'better-sqlite3';
import { CENSUS_DATE, dayNumberOf, hasReachedAge, isoDate, regionByCode } from '../synthetic/index.ts';
import type { PersonRecord, Population } from '../synthetic/types.ts';
import type { MaritalStatus, MarriageRecordRow, SubsistenceAllowanceRow, SubsistenceAllowanceStatus } from './store.ts';

/** Share of residents who receive (or received) a minimum living allowance. */
const ALLOWANCE_SHARE = 0.03;
/** The Regulations on the Minimum Living Allowance for Urban Residents took effect on 1 October 1999. */
const ALLOWANCE_FIRST_DATE = '1999-10-01';
/** Share of unmarried residents aged 60 or more who are widowed. */
const WIDOWED_SHARE_OF_ELDERLY = 0.35;

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE marital_status (
      id_number TEXT PRIMARY KEY,
      marital_status TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE marriage_record (
      id_number TEXT NOT NULL,
      kind TEXT NOT NULL,
      registered_on TEXT NOT NULL,
      registration_office TEXT NOT NULL,
      spouse_id_number TEXT NOT NULL
    );
    CREATE INDEX marriage_record_id_number ON marriage_record (id_number, registered_on);
    CREATE TABLE subsistence_allowance (
      id_number TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      monthly_amount REAL NOT NULL,
      since TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
  const insertStatus = db.prepare(`INSERT INTO marital_status VALUES (?, ?)`);
  const insertRecord = db.prepare(`INSERT INTO marriage_record VALUES (?, ?, ?, ?, ?)`);
  const insertAllowance = db.prepare(`INSERT INTO subsistence_allowance VALUES (?, ?, ?, ?)`);
  for (const person of population.people()) {
    insertStatus.run(person.idNumber, maritalStatusOf(population, person));
    for (const r of marriageRecordsOf(population, person)) {
      insertRecord.run(r.idNumber, r.kind, r.registeredOn, r.registrationOffice, r.spouse);
    }
    const allowance = subsistenceAllowanceOf(population, person);
    if (allowance) insertAllowance.run(allowance.idNumber, allowance.status, allowance.monthlyAmount, allowance.since);
  }
}

export function maritalStatusOf(population: Population, person: PersonRecord): MaritalStatus {
  const couple = population.coupleOf(person.index);
  if (couple) return couple.divorcedOn === null ? 'MARRIED' : 'DIVORCED';
  const widowed =
    hasReachedAge(person.birthDate, 60) &&
    population.random('civil-affairs.widowed', person.index).chance(WIDOWED_SHARE_OF_ELDERLY);
  return widowed ? 'WIDOWED' : 'UNMARRIED';
}

/** The registrations of `person`'s marriage (and divorce), oldest first, as seen from `person`. */
export function marriageRecordsOf(population: Population, person: PersonRecord): MarriageRecordRow[] {
  const couple = population.coupleOf(person.index);
  if (!couple) return [];
  const husband = couple.husbandIndex === person.index ? person : population.person(couple.husbandIndex);
  const spouseIndex = couple.husbandIndex === person.index ? couple.wifeIndex : couple.husbandIndex;
  const spouse = population.person(spouseIndex).idNumber;
  const registrationOffice = marriageRegistryOf(husband.regionCode);
  const records: MarriageRecordRow[] = [
    { idNumber: person.idNumber, kind: 'MARRIAGE', registeredOn: couple.marriedOn, registrationOffice, spouse },
  ];
  if (couple.divorcedOn !== null) {
    records.push({ idNumber: person.idNumber, kind: 'DIVORCE', registeredOn: couple.divorcedOn, registrationOffice, spouse });
  }
  return records;
}

/**
 * The marriage registry of a county-level region, named the way its civil affairs bureau is: a district
 * under its city (`深圳市南山区`, `北京市东城区`), a county-level city alone (`昆山市`).
 */
export function marriageRegistryOf(regionCode: string): string {
  const region = regionByCode(regionCode);
  if (!region) throw new Error(`civil-affairs: region ${regionCode} is not in the population's region table.`);
  const bureau = region.county.endsWith('市') ? region.county : (region.prefecture || region.province) + region.county;
  return `${bureau}民政局婚姻登记处`;
}

/** The minimum living allowance granted to `person`, or null (about 3% of residents have one). */
export function subsistenceAllowanceOf(population: Population, person: PersonRecord): SubsistenceAllowanceRow | null {
  const random = population.random('civil-affairs.allowance', person.index);
  if (!random.chance(ALLOWANCE_SHARE)) return null;
  const draw = random.next();
  const status: SubsistenceAllowanceStatus = draw < 0.75 ? 'ACTIVE' : draw < 0.85 ? 'SUSPENDED' : 'TERMINATED';
  // The allowance tops income up to the local standard (roughly 600 to 1,400 yuan a month): paid to the jiao.
  const monthlyAmount = random.int(3_000, 14_000) / 10;
  const first = dayNumberOf(person.birthDate > ALLOWANCE_FIRST_DATE ? person.birthDate : ALLOWANCE_FIRST_DATE);
  const since = isoDate(random.int(first, dayNumberOf(CENSUS_DATE) - 1));
  return { idNumber: person.idNumber, status, monthlyAmount, since };
}
