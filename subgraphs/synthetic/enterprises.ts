/**
 * The enterprises: enterprise `index` is computed from (seed, index) and the population size alone, in
 * constant time. Its legal representative is an adult of the population, 18 or older on the day the enterprise
 * was established; it is mostly registered where that person lives. The credit code is unique by construction:
 * its organization code encodes the index through a bijection (8 digits for enterprises established before the
 * unified codes of October 2015, `MA` and 6 letters or digits after), so no two enterprises share one.
 */
import { makeCreditCode } from '../../sharing/identifiers/index.ts';
import { ADULT_AGE } from './ages.ts';
import { AffinePermutation } from './affinePermutation.ts';
import { businessAddress } from './addresses.ts';
import { anniversary, CENSUS_DATE, dayNumber, dayNumberOf, hasReachedAge, isoDate } from './calendar.ts';
import { businessScope, COMPANY_TRADES, INVESTMENT_TRADE, SHOP_TRADES, type Trade } from './industries.ts';
import type { PeopleModel } from './people.ts';
import { hashText, mix32, SeededRandom, streamKey } from './random.ts';
import { REGIONS, type Region } from './regions.ts';
import type { EnterpriseRecord, EnterpriseStatus, EnterpriseType, Random } from './types.ts';
import { WeightedTable } from './weighted.ts';

const ENTERPRISE_STREAM = hashText('synthetic:enterprise');
const LEGAL_REPRESENTATIVE_STREAM = hashText('synthetic:legal-representative');
const ORGANIZATION_CODE_STREAM = hashText('synthetic:organization-code');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const LETTERED_BODIES = 31 ** 6;
const NUMERIC_BODIES = 100_000_000;
/** The most enterprises with distinct organization codes. */
export const ENTERPRISE_CAPACITY = NUMERIC_BODIES;
const UNIFIED_CODES_SINCE = '2015-10-01';
const FIRST_ESTABLISHED = dayNumber(1990, 1, 1);
/** Enterprises are established before the census day, by someone already 18 on that day of establishment. */
const LAST_ESTABLISHED = dayNumberOf(CENSUS_DATE) - 1;
const LAST_ESTABLISHED_DATE = isoDate(LAST_ESTABLISHED);
/** Share of enterprises registered in the county where their legal representative lives. */
const REGISTERED_AT_HOME = 0.85;
/** Candidates drawn for a legal representative before falling back to a scan (about 4 in 5 people are adults). */
const REPRESENTATIVE_ATTEMPTS = 64;

const TYPES = new WeightedTable<EnterpriseType>([
  ['LIMITED_LIABILITY_COMPANY', 68], ['INDIVIDUAL_BUSINESS', 20], ['PARTNERSHIP', 5], ['SOLE_PROPRIETORSHIP', 4],
  ['JOINT_STOCK_COMPANY', 3],
]);
const STATUSES = new WeightedTable<EnterpriseStatus>([['ACTIVE', 86], ['CANCELLED', 8], ['REVOKED', 4], ['SUSPENDED', 2]]);

/** Registered capital in yuan by type: the round amounts people actually register. */
const CAPITAL: Readonly<Record<EnterpriseType, WeightedTable<number>>> = {
  LIMITED_LIABILITY_COMPANY: new WeightedTable([
    [100_000, 8], [300_000, 8], [500_000, 12], [1_000_000, 20], [2_000_000, 10], [3_000_000, 10], [5_000_000, 12],
    [10_000_000, 12], [20_000_000, 4], [50_000_000, 3], [100_000_000, 1],
  ]),
  JOINT_STOCK_COMPANY: new WeightedTable([
    [5_000_000, 10], [10_000_000, 15], [30_000_000, 10], [50_000_000, 15], [100_000_000, 10], [500_000_000, 3],
  ]),
  SOLE_PROPRIETORSHIP: new WeightedTable([[10_000, 10], [50_000, 15], [100_000, 20], [300_000, 10], [500_000, 10], [1_000_000, 5]]),
  PARTNERSHIP: new WeightedTable([[1_000_000, 10], [3_000_000, 10], [10_000_000, 20], [50_000_000, 10], [100_000_000, 5]]),
  INDIVIDUAL_BUSINESS: new WeightedTable([[10_000, 20], [20_000, 15], [30_000, 15], [50_000, 20], [100_000, 15], [200_000, 5]]),
};

/** Characters of trade names (字号), chosen for good omens as real ones are. */
const BRANDS = '华信鑫泰盛达恒源通宏嘉瑞祥安凯德兴鼎博创新金天宇辰辉远东海中正荣丰润诚益佳和美联顺汇星云智睿思明';

export class EnterpriseModel {
  private readonly seed32: number;
  private readonly people: PeopleModel;
  private readonly peopleCount: number;
  private readonly numericBodies: AffinePermutation;
  private readonly letteredBodies: AffinePermutation;

  constructor(seed32: number, people: PeopleModel, peopleCount: number) {
    this.seed32 = seed32;
    this.people = people;
    this.peopleCount = peopleCount;
    const key = mix32(seed32 ^ ORGANIZATION_CODE_STREAM);
    this.numericBodies = new AffinePermutation(NUMERIC_BODIES, key);
    this.letteredBodies = new AffinePermutation(LETTERED_BODIES, mix32(key + 1));
  }

  enterprise(index: number): EnterpriseRecord {
    const random = new SeededRandom(streamKey(this.seed32, ENTERPRISE_STREAM, index));
    const representativeIndex = this.legalRepresentativeOf(index);
    const representative = this.people.vitals(representativeIndex);
    const type = TYPES.pick(random);
    const region = random.chance(REGISTERED_AT_HOME) ? representative.region : random.pick(REGIONS);
    const establishedDate = establishedAfter(random, anniversary(representative.birthDate, ADULT_AGE));
    const trade = tradeOf(random, type);
    const name =
      type === 'INDIVIDUAL_BUSINESS'
        ? shopName(random, region, trade, this.people.surnameOf(representativeIndex))
        : companyName(random, region, trade, type);
    return {
      index,
      creditCode: makeCreditCode({
        authority: '9',
        entityType: type === 'INDIVIDUAL_BUSINESS' ? '2' : '1',
        regionCode: region.code,
        organizationBody8: this.organizationBody(index, establishedDate),
      }),
      name,
      type,
      status: STATUSES.pick(random),
      registeredCapital: CAPITAL[type].pick(random),
      establishedDate,
      businessScope: businessScope(random, trade),
      regionCode: region.code,
      address: businessAddress(random, region),
      legalRepresentativeIndex: representativeIndex,
    };
  }

  /**
   * Someone drawn from the population who was 18 by the last day an enterprise can be established; in a
   * population of almost only children, the first such person after the draws.
   */
  private legalRepresentativeOf(index: number): number {
    const random = new SeededRandom(streamKey(this.seed32, LEGAL_REPRESENTATIVE_STREAM, index));
    let candidate = 0;
    for (let attempt = 0; attempt < REPRESENTATIVE_ATTEMPTS; attempt++) {
      candidate = random.int(0, this.peopleCount - 1);
      if (this.canRepresent(candidate)) return candidate;
    }
    for (let step = 1; step < this.peopleCount; step++) {
      const next = (candidate + step) % this.peopleCount;
      if (this.canRepresent(next)) return next;
    }
    throw new Error(`synthetic population: nobody 18 or older among ${this.peopleCount} people to be the legal representative of enterprise ${index}`);
  }

  private canRepresent(personIndex: number): boolean {
    return hasReachedAge(this.people.vitals(personIndex).birthDate, ADULT_AGE, LAST_ESTABLISHED_DATE);
  }

  /** 8 body characters of the organization code; distinct for distinct indexes. */
  private organizationBody(index: number, establishedDate: string): string {
    if (establishedDate < UNIFIED_CODES_SINCE) return String(this.numericBodies.apply(index)).padStart(8, '0');
    let value = this.letteredBodies.apply(index);
    let body = '';
    for (let i = 0; i < 6; i++) {
      body = ALPHABET[value % 31]! + body;
      value = Math.floor(value / 31);
    }
    return 'MA' + body;
  }
}

/** A day between the later of 1990 and `earliest` and the census day, more often recent (registrations keep growing). */
function establishedAfter(random: Random, earliest: string): string {
  const first = Math.max(FIRST_ESTABLISHED, dayNumberOf(earliest));
  return isoDate(first + Math.floor((LAST_ESTABLISHED - first + 1) * Math.sqrt(random.next())));
}

function tradeOf(random: Random, type: EnterpriseType): Trade {
  if (type === 'INDIVIDUAL_BUSINESS') return SHOP_TRADES.pick(random);
  if (type === 'PARTNERSHIP' && random.chance(0.5)) return INVESTMENT_TRADE;
  return COMPANY_TRADES.pick(random);
}

/** The place in a name: the city (深圳市), sometimes with its district (深圳市南山区) or without 市 (深圳). */
function placeInName(random: Random, region: Region): string {
  const countyLevelCity = region.prefecture !== '' && region.county.endsWith('市');
  const city = countyLevelCity ? region.county : region.prefecture || region.province;
  const roll = random.next();
  if (roll < 0.15 && !countyLevelCity) return city + region.county;
  if (roll < 0.35) return city.slice(0, -1);
  return city;
}

function brand(random: Random): string {
  const length = random.chance(0.1) ? 3 : 2;
  let text = '';
  while (text.length < length) {
    const character = BRANDS[Math.floor(random.next() * BRANDS.length)]!;
    if (!text.includes(character)) text += character;
  }
  return text;
}

function companyName(random: Random, region: Region, trade: Trade, type: EnterpriseType): string {
  const stem = placeInName(random, region) + brand(random);
  switch (type) {
    case 'JOINT_STOCK_COMPANY':
      return `${stem}${trade.word}股份有限公司`;
    case 'SOLE_PROPRIETORSHIP':
      return `${stem}${trade.word}${random.pick(['商行', '经营部', '工作室'])}`;
    case 'PARTNERSHIP':
      return `${stem}${trade.word}合伙企业（${trade === INVESTMENT_TRADE ? '有限合伙' : '普通合伙'}）`;
    default:
      return `${stem}${trade.word}${random.chance(0.1) ? '有限责任公司' : '有限公司'}`;
  }
}

/** An individual business: 南山区华信便利店, or after its keeper's surname, 深圳市南山区张记餐馆. */
function shopName(random: Random, region: Region, trade: Trade, keeperSurname: string): string {
  const city = region.prefecture === '' ? region.province : region.county.endsWith('市') ? '' : region.prefecture;
  const place = (random.chance(0.5) ? city : '') + region.county;
  const keeper = random.chance(0.4) ? `${keeperSurname}记` : brand(random);
  return place + keeper + trade.word;
}
