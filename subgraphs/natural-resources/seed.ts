/**
 * Fills the real-estate register from the shared population. About 45% of adults hold real estate: a married
 * couple co-owns its home (one certificate naming husband and wife, generated once, from the husband's side,
 * registered after the wedding), some adults outside a marriage own a home alone, and a few owners hold a second
 * unit (a flat, a shop, an office or a workshop) in their own name. Nobody holds more than two. A home is at the
 * (husband's) household address. Dates fall between the start of unified registration and the census day.
 */
import type Database from 'better-sqlite3';
import {
  anniversary,
  CENSUS_DATE,
  dayNumberOf,
  hasReachedAge,
  isoDate,
  regionByCode,
  type PersonRecord,
  type Population,
  type Random,
  type Region,
} from '../synthetic/index.ts';
import type { RealEstateUsage } from './store.ts';

/** Unified real-estate registration (不动产统一登记) issues certificates of this form since 1 March 2015. */
const UNIFIED_REGISTRATION_SINCE = '2015-03-01';
/** Share of married couples that co-own their home, and of other adults (22 and older) that own one alone. */
const COUPLE_HOME_SHARE = 0.6;
const SINGLE_HOME_SHARE = 0.3;
/** Share of home owners that also hold a second unit in their own name. */
const SECOND_UNIT_SHARE = 0.12;
const HOME_BUYING_AGE = 22;

const SECOND_UNIT_USAGES: readonly (readonly [RealEstateUsage, number])[] = [
  ['RESIDENTIAL', 0.65], ['COMMERCIAL', 0.15], ['OFFICE', 0.12], ['INDUSTRIAL', 0.08],
];
/** Floor area in m² by usage: [lowest, highest], drawn log-uniformly (many small units, few large). */
const AREA: Record<RealEstateUsage, readonly [number, number]> = {
  RESIDENTIAL: [45, 180], COMMERCIAL: [15, 400], OFFICE: [40, 600], INDUSTRIAL: [500, 20_000],
};
/** The one-character abbreviation of each province-level division on a certificate, by GB/T 2260 prefix. */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  11: '京', 12: '津', 13: '冀', 14: '晋', 15: '蒙', 21: '辽', 22: '吉', 23: '黑', 31: '沪', 32: '苏', 33: '浙', 34: '皖',
  35: '闽', 36: '赣', 37: '鲁', 41: '豫', 42: '鄂', 43: '湘', 44: '粤', 45: '桂', 46: '琼', 50: '渝', 51: '川', 52: '贵',
  53: '云', 54: '藏', 61: '陕', 62: '甘', 63: '青', 64: '宁', 65: '新',
};
const ROADS = '人民路 解放路 中山路 建设路 和平路 新华路 长江路 黄河路 光明路 工业路 科技路 创业路 滨江路 金桥路 迎宾路'.split(' ');
const TOWERS = ['国际大厦', '商务中心', '金融中心', '大厦'];

interface Unit {
  usage: RealEstateUsage;
  address: string;
  area: number;
  registeredOn: string;
}

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE real_estate (
      id INTEGER PRIMARY KEY,
      certificate_no TEXT NOT NULL UNIQUE,
      address TEXT NOT NULL,
      area REAL NOT NULL,
      usage TEXT NOT NULL,
      registered_on TEXT NOT NULL
    );
    CREATE TABLE real_estate_owner (
      real_estate INTEGER NOT NULL REFERENCES real_estate (id),
      seq INTEGER NOT NULL,
      owner TEXT NOT NULL,
      PRIMARY KEY (real_estate, seq)
    ) WITHOUT ROWID;
  `);
  const insertRealEstate = db.prepare(`INSERT INTO real_estate VALUES (?, ?, ?, ?, ?, ?)`);
  const insertOwner = db.prepare(`INSERT INTO real_estate_owner VALUES (?, ?, ?)`);
  const certificates = new CertificateNumbers();
  let id = 0;
  const register = (unit: Unit, region: Region, owners: readonly string[], random: Random) => {
    id++;
    insertRealEstate.run(id, certificates.next(region, unit.registeredOn, random), unit.address, unit.area, unit.usage, unit.registeredOn);
    owners.forEach((owner, seq) => insertOwner.run(id, seq, owner));
  };

  for (const person of population.people()) {
    if (!hasReachedAge(person.birthDate, HOME_BUYING_AGE)) continue;
    const region = regionByCode(person.regionCode);
    if (!region) throw new Error(`natural-resources seed: person ${person.index} lives in unknown region ${person.regionCode}`);
    const random = population.random('natural-resources.holdings', person.index);
    const couple = population.coupleOf(person.index);
    let ownsHome: boolean;
    if (couple && couple.divorcedOn === null) {
      // Both spouses draw the couple's decision from the husband's index; only the husband registers the home.
      ownsHome = population.random('natural-resources.couple-home', couple.husbandIndex).chance(COUPLE_HOME_SHARE);
      if (ownsHome && couple.husbandIndex === person.index) {
        const since = couple.marriedOn > UNIFIED_REGISTRATION_SINCE ? couple.marriedOn : UNIFIED_REGISTRATION_SINCE;
        const wife = population.person(couple.wifeIndex);
        register(home(person, since, random), region, [person.idNumber, wife.idNumber], random);
      }
    } else {
      ownsHome = random.chance(SINGLE_HOME_SHARE);
      if (ownsHome) register(home(person, buyingFrom(person), random), region, [person.idNumber], random);
    }
    if (ownsHome && random.chance(SECOND_UNIT_SHARE)) {
      register(secondUnit(region, buyingFrom(person), random), region, [person.idNumber], random);
    }
  }
  db.exec(`CREATE INDEX real_estate_owner_owner ON real_estate_owner (owner)`);
}

/** The day from which a person may have bought: their 22nd birthday, or the start of unified registration. */
function buyingFrom(person: PersonRecord): string {
  const adult = anniversary(person.birthDate, HOME_BUYING_AGE);
  return adult > UNIFIED_REGISTRATION_SINCE ? adult : UNIFIED_REGISTRATION_SINCE;
}

function home(person: PersonRecord, from: string, random: Random): Unit {
  return { usage: 'RESIDENTIAL', address: person.address, area: area('RESIDENTIAL', random), registeredOn: dateBetween(from, random) };
}

function secondUnit(region: Region, from: string, random: Random): Unit {
  const draw = random.next();
  let cumulative = 0;
  const usage = SECOND_UNIT_USAGES.find(([, share]) => (cumulative += share) > draw)?.[0] ?? 'RESIDENTIAL';
  const street = `${region.fullName}${random.pick(ROADS)}${random.int(1, 999)}号`;
  const floor = random.int(2, 30);
  const address =
    usage === 'RESIDENTIAL' ? `${street}${random.int(1, 30)}栋${random.int(1, 4)}单元${floor}${String(random.int(1, 6)).padStart(2, '0')}室`
    : usage === 'COMMERCIAL' ? `${street}${random.int(101, 130)}铺`
    : usage === 'OFFICE' ? `${street}${random.pick(TOWERS)}${floor}层${floor}${String(random.int(1, 20)).padStart(2, '0')}室`
    : `${street}${random.int(1, 12)}号厂房`;
  return { usage, address, area: area(usage, random), registeredOn: dateBetween(from, random) };
}

function area(usage: RealEstateUsage, random: Random): number {
  const [lowest, highest] = AREA[usage];
  return Math.round(lowest * Math.exp(random.next() * Math.log(highest / lowest)) * 100) / 100;
}

/** A day from `from` to the day before the census (that day itself for someone who turns 22 on the census day). */
function dateBetween(from: string, random: Random): string {
  const last = dayNumberOf(CENSUS_DATE) - 1;
  return isoDate(random.int(Math.min(dayNumberOf(from), last), last));
}

/**
 * Certificate numbers `京(2021)东城区不动产权第0012345号`: province, year of registration, the registering
 * authority (a municipality's district, a prefecture's city, or a county-level city) and a 7-digit number that
 * counts up per authority and year, from a random start.
 */
class CertificateNumbers {
  readonly #counters = new Map<string, number>();

  next(region: Region, registeredOn: string, random: Random): string {
    const authority = region.prefecture === '' || region.county.endsWith('市') ? region.county : region.prefecture;
    const prefix = `${PROVINCE_ABBREVIATIONS[region.code.slice(0, 2)] ?? ''}(${registeredOn.slice(0, 4)})${authority}`;
    const number = (this.#counters.get(prefix) ?? random.int(100, 20_000)) + 1;
    this.#counters.set(prefix, number);
    return `${prefix}不动产权第${String(number).padStart(7, '0')}号`;
  }
}
