/**
 * Couples. What a couple is (who is the husband, when each was born, whether they have divorced) is drawn once
 * per pair, so both partners' records agree; the marriage itself is computed on demand, in constant time, and
 * is the same value from either partner's index. A couple marries on a day when both are of legal age
 * (husband 22, wife 20, Marriage Law art. 6), before the census day; a divorce comes at least a year after the
 * wedding, so only couples who could have married a year before the census can be divorced.
 */
import { MARRIAGE_AGE, pickCoupleBirthYears } from './ages.ts';
import { anniversary, CENSUS_DATE, dayNumberOf, isoDate } from './calendar.ts';
import type { PeopleModel } from './people.ts';
import { hashText, SeededRandom, streamKey } from './random.ts';
import type { Couple, Random } from './types.ts';

const MARRIAGE_STREAM = hashText('synthetic:marriage');
/** Share of couples (of those old enough) divorced by the census day. */
const DIVORCED_SHARE = 0.14;
/** Mean years between the later partner's legal age and the wedding. */
const MEAN_YEARS_TO_WEDDING = 4;
const DAYS_PER_YEAR = 365.25;
const CENSUS_YEAR = Number(CENSUS_DATE.slice(0, 4));
const LAST_MARRIAGE_DAY = dayNumberOf(CENSUS_DATE) - 1;

export interface CoupleProfile {
  /** Whether the pair's first partner (pairing.ts) is the husband. */
  husbandIsFirst: boolean;
  husbandBirthYear: number;
  wifeBirthYear: number;
  divorced: boolean;
}

/** What a couple is, drawn from the pair's own stream. */
export function drawCoupleProfile(random: Random): CoupleProfile {
  const husbandIsFirst = random.chance(0.5);
  const years = pickCoupleBirthYears(random);
  // Both of legal age by the end of the year two years before the census: they can marry, and divorce a year later.
  const canHaveDivorced =
    years.husband + MARRIAGE_AGE.MALE <= CENSUS_YEAR - 2 && years.wife + MARRIAGE_AGE.FEMALE <= CENSUS_YEAR - 2;
  return {
    husbandIsFirst,
    husbandBirthYear: years.husband,
    wifeBirthYear: years.wife,
    divorced: canHaveDivorced && random.chance(DIVORCED_SHARE),
  };
}

/** The couple person `index` belongs to in a population of `peopleCount`, or null. */
export function coupleOf(people: PeopleModel, seed32: number, peopleCount: number, index: number): Couple | null {
  const vitals = people.vitals(index);
  const partnerIndex = vitals.pair.partnerIndex;
  if (!vitals.coupled || partnerIndex >= peopleCount) return null;
  const partner = people.vitals(partnerIndex);
  const [husband, wife] = vitals.gender === 'MALE' ? [vitals, partner] : [partner, vitals];

  const random = new SeededRandom(streamKey(seed32, MARRIAGE_STREAM, vitals.pair.key));
  const earliest = Math.max(
    dayNumberOf(anniversary(husband.birthDate, MARRIAGE_AGE.MALE)),
    dayNumberOf(anniversary(wife.birthDate, MARRIAGE_AGE.FEMALE)),
  );
  const latest = vitals.divorced ? LAST_MARRIAGE_DAY - 365 : LAST_MARRIAGE_DAY;
  const span = latest - earliest;
  const wait = Math.floor(-Math.log(1 - random.next()) * MEAN_YEARS_TO_WEDDING * DAYS_PER_YEAR);
  const married = earliest + (wait <= span ? wait : Math.floor(random.next() * (span + 1)));
  const divorced = vitals.divorced ? married + 365 + random.int(0, LAST_MARRIAGE_DAY - married - 365) : null;
  return {
    husbandIndex: vitals.gender === 'MALE' ? index : partnerIndex,
    wifeIndex: vitals.gender === 'MALE' ? partnerIndex : index,
    marriedOn: isoDate(married),
    divorcedOn: divorced === null ? null : isoDate(divorced),
  };
}
