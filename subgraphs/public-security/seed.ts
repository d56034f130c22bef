/**
 * Fills public security's household register from the shared population: every resident, with the household
 * they are registered in. A household registration is derived from the resident's index alone (their record,
 * their couple and a random stream private to public security), so `householdRegistrationOf` gives the same
 * registration the register holds.
 *
 * Who is in which household: a married (not divorced) husband heads his household and his wife is registered
 * there as SPOUSE; everyone else is CHILD while young (always under 18, half of those under 30), and otherwise
 * HEAD, with a few elderly PARENTs and some OTHER relations, in a household whose head lies outside the
 * population. The address and region are the resident's own registration address in the population.
 */
import type Database from 'better-sqlite3';
import { anniversary, CENSUS_DATE, dayNumberOf, hasReachedAge, isoDate } from '../synthetic/index.ts';
import type { PersonRecord, Population, Random } from '../synthetic/types.ts';
import type { HouseholdRelation, HouseholdRow } from './store.ts';

/** The Regulations on Household Registration (户口登记条例) took effect on 9 January 1958: no registration predates it. */
const FIRST_REGISTRATION_DATE = '1958-01-09';
/** Household numbers are 9 digits; `index * STRIDE + offset` modulo 10^9 is a bijection since STRIDE is coprime to 10. */
const HOUSEHOLD_NUMBER_SPACE = 1_000_000_000;
const HOUSEHOLD_NUMBER_STRIDE = 7_919;

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE resident (
      id_number TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      gender TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      ethnicity TEXT NOT NULL,
      household_number TEXT,
      address TEXT,
      region_code TEXT,
      relation_to_head TEXT,
      registered_on TEXT
    ) WITHOUT ROWID;
    CREATE INDEX resident_household_number ON resident (household_number);
  `);
  const insert = db.prepare(`INSERT INTO resident VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const person of population.people()) {
    const household = householdRegistrationOf(population, person);
    insert.run(
      person.idNumber, person.name, person.gender, person.birthDate, person.ethnicity, household.householdNumber,
      household.address, household.regionCode, household.relationToHead, household.registeredOn,
    );
  }
}

/** The household registration of `person` in the register seeded from `population`. */
export function householdRegistrationOf(population: Population, person: PersonRecord): HouseholdRow {
  const random = population.random('public-security.household', person.index);
  const couple = population.coupleOf(person.index);
  const married = couple !== null && couple.divorcedOn === null;
  const headIndex = married && couple.wifeIndex === person.index ? couple.husbandIndex : person.index;
  const { relationToHead, registeredOn } = married
    ? couple.husbandIndex === person.index
      ? { relationToHead: 'HEAD' as const, registeredOn: headRegistrationDate(random, person, couple.marriedOn) }
      : { relationToHead: 'SPOUSE' as const, registeredOn: couple.marriedOn }
    : unmarriedRegistration(random, person, couple?.divorcedOn ?? null);
  return {
    householdNumber: householdNumberOf(population, headIndex),
    address: person.address,
    regionCode: person.regionCode,
    relationToHead,
    registeredOn,
  };
}

function unmarriedRegistration(
  random: Random,
  person: PersonRecord,
  divorcedOn: string | null,
): { relationToHead: HouseholdRelation; registeredOn: string } {
  const draw = random.next();
  // After a divorce each former spouse heads a household of their own, registered on the day of the divorce.
  if (divorcedOn !== null) return { relationToHead: 'HEAD', registeredOn: divorcedOn };
  if (!hasReachedAge(person.birthDate, 18) || (!hasReachedAge(person.birthDate, 30) && draw < 0.5)) {
    return { relationToHead: 'CHILD', registeredOn: laterOf(person.birthDate, FIRST_REGISTRATION_DATE) };
  }
  if (hasReachedAge(person.birthDate, 70) && draw < 0.3) {
    return { relationToHead: 'PARENT', registeredOn: dateBetween(random, anniversary(person.birthDate, 60), CENSUS_DATE) };
  }
  if (draw > 0.95) {
    return { relationToHead: 'OTHER', registeredOn: dateBetween(random, anniversary(person.birthDate, 18), CENSUS_DATE) };
  }
  return { relationToHead: 'HEAD', registeredOn: headRegistrationDate(random, person, CENSUS_DATE) };
}

/** A head registers their household as an adult, before `before` (the wedding, for a husband). */
function headRegistrationDate(random: Random, person: PersonRecord, before: string): string {
  return dateBetween(random, anniversary(person.birthDate, 18), before);
}

/** The 9-digit household number (户号) of the household headed by person `headIndex`; distinct heads get distinct numbers. */
export function householdNumberOf(population: Population, headIndex: number): string {
  const offset = population.random('public-security.household-number', 0).int(0, HOUSEHOLD_NUMBER_SPACE - 1);
  const number = (headIndex * HOUSEHOLD_NUMBER_STRIDE + offset) % HOUSEHOLD_NUMBER_SPACE;
  return String(number).padStart(9, '0');
}

/** A day in [from, before), or `from` itself when the range is empty; never before household registration began. */
function dateBetween(random: Random, from: string, before: string): string {
  const first = dayNumberOf(laterOf(from, FIRST_REGISTRATION_DATE));
  const last = dayNumberOf(before) - 1;
  return isoDate(last <= first ? first : random.int(first, last));
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
