/**
 * Fills the registers of human resources and social security from the shared population: a pension insurance
 * account for every resident, and registered employment for about 60% of working-age adults. Each value is
 * derived from the resident's index alone (their record, the enterprises and random streams private to this
 * department), so the functions exported here give exactly what the registers hold.
 *
 * Pension accounts: no one under 16 is enrolled; employees always are, other adults mostly (flexible
 * employment). Past the statutory retirement age (60 for men, 55 for women, before the 2025 reform) an
 * enrolled resident is RETIRED with at least the 15 years of contributions a pension requires (deemed years
 * included). An employee contributes where the employer is registered; anyone else where they live.
 */
import type Database from 'better-sqlite3';
import { anniversary, CENSUS_DATE, dayNumberOf, hasReachedAge, isoDate } from '../synthetic/index.ts';
import type { EnterpriseRecord, Gender, PersonRecord, Population, Random } from '../synthetic/types.ts';
import type { EmploymentRow, InsuranceStatus, SocialInsuranceRow } from './store.ts';

const RETIREMENT_AGE: Record<Gender, number> = { MALE: 60, FEMALE: 55 };
const ENROLMENT_AGE = 16;
const WORKING_AGE = 18;
/** Share of working-age adults with registered employment. */
const EMPLOYED_SHARE = 0.6;
/** Share of adults without an employer who contribute on their own (flexible employment) at some point. */
const SELF_ENROLLED_SHARE = 0.75;
const MINIMUM_PENSION_MONTHS = 180;
/** How many enterprises are tried for an employer before the resident counts as not employed (only active ones employ). */
const EMPLOYER_DRAWS = 4;

const POSITIONS = ['职员', '工程师', '技术员', '会计', '出纳', '销售代表', '客户经理', '行政专员', '人事专员', '项目经理',
  '部门经理', '操作工', '质检员', '仓库管理员', '司机', '厨师', '设计师', '软件开发工程师', '法务专员', '采购员'] as const;

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE social_insurance (
      id_number TEXT PRIMARY KEY,
      pension_months INTEGER NOT NULL,
      status TEXT NOT NULL,
      insured_since TEXT,
      city TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE employment (
      id_number TEXT PRIMARY KEY,
      employer_credit_code TEXT NOT NULL,
      position TEXT NOT NULL,
      since TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX employment_employer ON employment (employer_credit_code);
  `);
  const insertInsurance = db.prepare(`INSERT INTO social_insurance VALUES (?, ?, ?, ?, ?)`);
  const insertEmployment = db.prepare(`INSERT INTO employment VALUES (?, ?, ?, ?)`);
  for (const person of population.people()) {
    const { employment, socialInsurance: s } = recordsOf(population, person);
    if (employment) insertEmployment.run(employment.idNumber, employment.employer, employment.position, employment.since);
    insertInsurance.run(s.idNumber, s.pensionMonths, s.status, s.insuredSince, s.city);
  }
}

export interface HumanResourcesRecords {
  /** Registered employment, or null. */
  employment: EmploymentRow | null;
  /** The pension insurance account (every resident has one, NOT_ENROLLED when never enrolled). */
  socialInsurance: SocialInsuranceRow;
}

/** What the department's registers hold about `person`. */
export function recordsOf(population: Population, person: PersonRecord): HumanResourcesRecords {
  const employer = employerOf(population, person);
  const employment = employer && {
    idNumber: person.idNumber,
    employer: employer.enterprise.creditCode,
    position: employer.position,
    since: employer.since,
  };
  const city = cityOf(employer ? employer.enterprise.regionCode : person.regionCode);
  return { employment, socialInsurance: pensionAccountOf(population, person, employer, city) };
}

interface Employer {
  enterprise: EnterpriseRecord;
  position: string;
  since: string;
}

function employerOf(population: Population, person: PersonRecord): Employer | null {
  if (!isOfWorkingAge(person) || population.options.enterprises === 0) return null;
  const random = population.random('human-resources.employment', person.index);
  if (!random.chance(EMPLOYED_SHARE)) return null;
  for (let draw = 0; draw < EMPLOYER_DRAWS; draw++) {
    const enterprise = population.enterprise(random.int(0, population.options.enterprises - 1));
    if (enterprise.status !== 'ACTIVE') continue;
    const earliest = laterOf(anniversary(person.birthDate, WORKING_AGE), enterprise.establishedDate);
    return { enterprise, position: random.pick(POSITIONS), since: dateBetween(random, earliest, CENSUS_DATE) };
  }
  return null;
}

function pensionAccountOf(population: Population, person: PersonRecord, employer: Employer | null, city: string): SocialInsuranceRow {
  const employed = employer !== null;
  const random = population.random('human-resources.insurance', person.index);
  const enrolled = hasReachedAge(person.birthDate, ENROLMENT_AGE) && (employed || random.chance(SELF_ENROLLED_SHARE));
  if (!enrolled) return { idNumber: person.idNumber, pensionMonths: 0, status: 'NOT_ENROLLED', insuredSince: null, city };

  const retirement = anniversary(person.birthDate, RETIREMENT_AGE[person.gender]);
  const retired = retirement <= CENSUS_DATE;
  const contributingUntil = retired ? retirement : CENSUS_DATE;
  // Working years before the 1990s pension reforms count as deemed contributions (视同缴费), so insured working
  // life may start before the scheme did: between the 16th birthday and the 35th (or retirement), and no later
  // than the current employment, for which the employer contributes.
  const earliest = anniversary(person.birthDate, ENROLMENT_AGE);
  const latest = earlierOf(earlierOf(anniversary(person.birthDate, 35), contributingUntil), employer?.since ?? CENSUS_DATE);
  const insuredSince = dateBetween(random, earliest, latest);
  // Contributions cover most, not all, of the months since enrolment (gaps between jobs).
  const coverage = 0.7 + 0.3 * random.next();
  const months = Math.floor(monthsBetween(insuredSince, contributingUntil) * coverage);
  const status: InsuranceStatus = retired ? 'RETIRED' : employed || random.chance(0.5) ? 'CONTRIBUTING' : 'SUSPENDED';
  const pensionMonths = retired ? Math.max(MINIMUM_PENSION_MONTHS, months) : months;
  return { idNumber: person.idNumber, pensionMonths, status, insuredSince, city };
}

function isOfWorkingAge(person: PersonRecord): boolean {
  return hasReachedAge(person.birthDate, WORKING_AGE) && !hasReachedAge(person.birthDate, RETIREMENT_AGE[person.gender]);
}

/** The prefecture-level pooling region of a county-level region: its GB/T 2260 code with the last two digits 00. */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [toYear, toMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return Math.max(0, (toYear - fromYear) * 12 + (toMonth - fromMonth));
}

/** A day in [from, before), or `from` itself when the range is empty. */
function dateBetween(random: Random, from: string, before: string): string {
  const first = dayNumberOf(from);
  const last = dayNumberOf(before) - 1;
  return isoDate(last <= first ? first : random.int(first, last));
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}
