/**
 * Fills the health authority's records from the shared population: 0-3 diagnoses per person (chronic diseases
 * only at the ages they occur), a medical certificate of birth for everyone born since 1996, the childhood
 * immunization schedule for everyone born since 2008, and COVID-19 vaccination for most of those old enough in
 * 2021. Records are dated before the population's census day, so a seed does not depend on when it runs.
 * Kept lean for a million residents: rows hold small integer references into reference tables (hospitals,
 * diseases, vaccine doses); a person's vaccinations are one row (a JSON array of [dose id, date], as in the
 * vaccination booklet) rather than up to 17; indexes are built after the rows are in.
 */
import type Database from 'better-sqlite3';
import {
  CENSUS_DATE,
  dayNumberOf,
  REGIONS,
  type PersonRecord,
  type Population,
  type Random,
  type Region,
} from '../synthetic/index.ts';

/** The day the records describe: nothing is dated on or after it. */
const RECORDS_AS_OF = CENSUS_DATE;
/** The medical certificate of birth exists since 1996. */
const BIRTH_CERTIFICATES_SINCE = '1996-01-01';
/** The immunization information system covers the expanded national programme, since 2008. */
const IMMUNIZATION_RECORDS_SINCE = '2008-01-01';
/** Hospital records before this date were not digitized. */
const DIAGNOSES_SINCE = '2010-01-01';

/** ICD-10 code, Chinese name, youngest age (years) at which it is diagnosed. */
const DISEASES: readonly (readonly [string, string, number])[] = [
  ['A09.9', '感染性胃肠炎', 0], ['J06.9', '急性上呼吸道感染', 0], ['J18.9', '肺炎', 0], ['L20.9', '特应性皮炎', 0],
  ['J45.9', '哮喘', 3], ['J30.4', '变应性鼻炎', 3], ['H52.1', '近视', 6], ['K35.8', '急性阑尾炎', 6],
  ['S82.2', '胫骨骨干骨折', 6], ['B18.1', '慢性乙型病毒性肝炎', 10], ['K29.7', '胃炎', 12], ['F32.9', '抑郁发作', 14],
  ['K21.9', '胃食管反流病', 18], ['M54.5', '下背痛', 20], ['N20.0', '肾结石', 20], ['E03.9', '甲状腺功能减退症', 20],
  ['K76.0', '脂肪肝', 25], ['K80.2', '胆囊结石不伴有胆囊炎', 25], ['E78.5', '高脂血症', 30], ['I10', '原发性高血压', 35],
  ['E11.9', '2型糖尿病不伴有并发症', 35], ['I25.1', '动脉粥样硬化性心脏病', 45], ['M17.9', '膝关节病', 45],
  ['I63.9', '脑梗死', 50], ['C34.9', '支气管或肺恶性肿瘤', 50],
];

/** Hospitals of every county-level region; residents are also treated at their province's people's hospital. */
const HOSPITAL_KINDS = ['人民医院', '中医院', '妇幼保健院'] as const;
const [GENERAL, CHINESE_MEDICINE, MATERNITY] = [0, 1, 2] as const;

/** The childhood schedule (vaccine, dose, age in days, site), then the COVID-19 doses. */
const CHILDHOOD_DOSES: readonly (readonly [string, number, number, string])[] = [
  ['乙肝疫苗', 1, 0, '右上臂三角肌'], ['卡介苗', 1, 0, '左上臂三角肌外下缘'], ['乙肝疫苗', 2, 30, '左上臂三角肌'],
  ['脊灰疫苗', 1, 60, '右上臂三角肌'], ['脊灰疫苗', 2, 90, '左上臂三角肌'], ['百白破疫苗', 1, 90, '右上臂三角肌'],
  ['脊灰疫苗', 3, 120, '口服'], ['百白破疫苗', 2, 120, '左上臂三角肌'], ['百白破疫苗', 3, 150, '右上臂三角肌'],
  ['乙肝疫苗', 3, 180, '右上臂三角肌'], ['麻腮风疫苗', 1, 240, '右上臂外侧三角肌下缘'],
  ['百白破疫苗', 4, 540, '左上臂三角肌'], ['麻腮风疫苗', 2, 540, '左上臂外侧三角肌下缘'], ['脊灰疫苗', 4, 1460, '口服'],
];
const COVID_DOSES: readonly (readonly [string, number, number, string])[] = [
  ['新冠疫苗', 1, 0, '左上臂三角肌'], ['新冠疫苗', 2, 0, '右上臂三角肌'], ['新冠疫苗', 3, 0, '左上臂三角肌'],
];
/** First id of the COVID-19 doses in `vaccine_dose` (ids start at 1, childhood doses first). */
const COVID_DOSE_ID = CHILDHOOD_DOSES.length + 1;

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE hospital (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE disease (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE vaccine_dose (id INTEGER PRIMARY KEY, vaccine TEXT NOT NULL, dose INTEGER NOT NULL, site TEXT NOT NULL);
    CREATE TABLE diagnosis (
      person TEXT NOT NULL,
      code TEXT NOT NULL,
      diagnosed_on TEXT NOT NULL,
      hospital INTEGER NOT NULL
    );
    CREATE TABLE birth_record (
      person TEXT NOT NULL,
      certificate_no TEXT NOT NULL,
      hospital INTEGER NOT NULL,
      weight_grams INTEGER NOT NULL,
      born_on TEXT NOT NULL
    );
    CREATE TABLE vaccination_record (
      person TEXT PRIMARY KEY,
      doses TEXT NOT NULL CHECK (json_valid(doses))
    ) WITHOUT ROWID;
  `);
  const hospitals = new Hospitals();
  const insertHospital = db.prepare(`INSERT INTO hospital VALUES (?, ?)`);
  for (const [id, name] of hospitals.all()) insertHospital.run(id, name);
  const insertDisease = db.prepare(`INSERT INTO disease VALUES (?, ?)`);
  for (const [code, name] of DISEASES) insertDisease.run(code, name);
  const insertDose = db.prepare(`INSERT INTO vaccine_dose VALUES (?, ?, ?, ?)`);
  [...CHILDHOOD_DOSES, ...COVID_DOSES].forEach(([vaccine, dose, , site], i) => insertDose.run(i + 1, vaccine, dose, site));

  const insertDiagnosis = db.prepare(`INSERT INTO diagnosis VALUES (?, ?, ?, ?)`);
  const insertBirthRecord = db.prepare(`INSERT INTO birth_record VALUES (?, ?, ?, ?, ?)`);
  const insertVaccinationRecord = db.prepare(`INSERT INTO vaccination_record VALUES (?, ?)`);
  const asOf = dayNumberOf(RECORDS_AS_OF) - 1;
  const certificateCounters = new Map<string, number>();
  for (const person of population.people()) {
    const born = dayNumberOf(person.birthDate);

    const diagnosisRandom = population.random('health.diagnoses', person.index);
    for (const [code, day] of diagnoses(person, born, asOf, diagnosisRandom)) {
      const draw = diagnosisRandom.next();
      const hospital =
        draw < 0.3 ? hospitals.provincial(person.regionCode)
        : hospitals.local(person.regionCode, draw < 0.8 ? GENERAL : CHINESE_MEDICINE);
      insertDiagnosis.run(person.idNumber, code, isoDate(day), hospital);
    }

    if (person.birthDate >= BIRTH_CERTIFICATES_SINCE) {
      const random = population.random('health.birth', person.index);
      const edition = 'ABCDEFGHJ'[Math.floor((Number(person.birthDate.slice(0, 4)) - 1996) / 4)] ?? 'K';
      const series = edition + person.regionCode.slice(0, 2);
      const number = (certificateCounters.get(series) ?? 10_000) + 1;
      certificateCounters.set(series, number);
      insertBirthRecord.run(
        person.idNumber, series + String(number).padStart(7, '0'),
        hospitals.local(person.regionCode, random.chance(0.6) ? MATERNITY : GENERAL), birthWeight(person, random), person.birthDate,
      );
    }

    const given = vaccinations(person, born, asOf, population.random('health.vaccinations', person.index));
    if (given.length > 0) insertVaccinationRecord.run(person.idNumber, JSON.stringify(given.map(([dose, day]) => [dose, isoDate(day)])));
  }
  // Indexes are built once the rows are in (one sort each), rather than maintained row by row in ID order.
  db.exec(`
    CREATE INDEX diagnosis_person ON diagnosis (person);
    CREATE UNIQUE INDEX birth_record_person ON birth_record (person);
  `);
}

/** Distinct diseases the person was old enough for, each dated between that age (or 2010) and the as-of day. */
function diagnoses(person: PersonRecord, born: number, asOf: number, random: Random): (readonly [string, number])[] {
  const draw = random.next();
  const count = draw < 0.45 ? 0 : draw < 0.75 ? 1 : draw < 0.9 ? 2 : 3;
  const ageInYears = (asOf - born) / 365.25;
  const possible = DISEASES.filter(([, , minAge]) => minAge <= ageInYears);
  const chosen = new Map<string, number>();
  for (let attempt = 0; attempt < 2 * count && chosen.size < count; attempt++) {
    const [code, , minAge] = random.pick(possible);
    const earliest = Math.max(born + Math.round(minAge * 365.25), dayNumberOf(DIAGNOSES_SINCE));
    if (earliest <= asOf && !chosen.has(code)) chosen.set(code, random.int(earliest, asOf));
  }
  return [...chosen].sort((a, b) => a[1] - b[1]);
}

/** Normal around 3,300 g (boys 100 g more), standard deviation 450 g, within 1,200-5,200 g, to 10 g. */
function birthWeight(person: PersonRecord, random: Random): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const grams = (person.gender === 'MALE' ? 3400 : 3300) + 450 * normal;
  return Math.round(Math.min(5200, Math.max(1200, grams)) / 10) * 10;
}

/** (vaccine dose id, day) pairs: the childhood schedule (98% of doses given) and COVID-19 doses in 2021-2022. */
function vaccinations(person: PersonRecord, born: number, asOf: number, random: Random): (readonly [number, number])[] {
  const given: (readonly [number, number])[] = [];
  if (person.birthDate >= IMMUNIZATION_RECORDS_SINCE) {
    CHILDHOOD_DOSES.forEach(([, , ageInDays], i) => {
      const day = born + ageInDays + (ageInDays === 0 ? random.int(0, 1) : random.int(0, 14));
      if (random.chance(0.98) && day <= asOf) given.push([i + 1, day]);
    });
  }
  // Residents aged 3 and over were vaccinated from 2021; 88% took at least one dose, most a booster in 2022.
  const eligibleFrom = Math.max(dayNumberOf('2021-03-01'), born + 3 * 365 + 1);
  if (eligibleFrom <= dayNumberOf('2021-12-31') && random.chance(0.88)) {
    const first = random.int(eligibleFrom, dayNumberOf('2021-12-31'));
    given.push([COVID_DOSE_ID, first]);
    const draw = random.next();
    if (draw < 0.95) {
      const second = first + random.int(21, 56);
      given.push([COVID_DOSE_ID + 1, second]);
      if (draw < 0.6) given.push([COVID_DOSE_ID + 2, second + random.int(180, 300)]);
    }
  }
  return given.filter(([, day]) => day <= asOf);
}

/**
 * The hospital reference table: for each county-level region its people's hospital, hospital of Chinese
 * medicine and maternal and child health hospital (深圳市南山区人民医院), then each province's people's hospital.
 */
class Hospitals {
  readonly #regionIndex = new Map(REGIONS.map((region, index) => [region.code, index]));
  readonly #provinces = [...new Set(REGIONS.map((region) => region.province))];

  *all(): Iterable<readonly [number, string]> {
    for (const [index, region] of REGIONS.entries()) {
      for (const [kind, name] of HOSPITAL_KINDS.entries()) yield [index * HOSPITAL_KINDS.length + kind + 1, localName(region) + name];
    }
    for (const [index, province] of this.#provinces.entries()) yield [this.#provincialBase() + index, province + '人民医院'];
  }

  local(regionCode: string, kind: number): number {
    return (this.#regionIndex.get(regionCode) ?? 0) * HOSPITAL_KINDS.length + kind + 1;
  }

  provincial(regionCode: string): number {
    const region = REGIONS[this.#regionIndex.get(regionCode) ?? 0]!;
    return this.#provincialBase() + this.#provinces.indexOf(region.province);
  }

  #provincialBase(): number {
    return REGIONS.length * HOSPITAL_KINDS.length + 1;
  }
}

/** How a local hospital names its region: 深圳市南山区, 昆山市, 北京市东城区. */
function localName(region: Region): string {
  if (region.prefecture === '') return region.province + region.county;
  return region.county.endsWith('市') ? region.county : region.prefecture + region.county;
}

/** The ISO date of a day number (days since 1970-01-01), by civil-from-days arithmetic: millions of calls, no Date. */
function isoDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
