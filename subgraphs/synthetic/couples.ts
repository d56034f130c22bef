/**
 * Marriages, in constant time per person: a pair that is a couple (people.ts) and lies inside the population
 * is married on a day when both are of legal age (husband 22, wife 20), before the census day; some of them
 * have divorced since, at least a year after the wedding. Both partners get the same value from their own index.
 */
import { MARRIAGE_AGE } from './ages.ts';
import { anniversary, CENSUS_DATE, dayNumberOf, isoDate } from './calendar.ts';
import type { PeopleModel } from './people.ts';
import { hashText, SeededRandom, streamKey } from './random.ts';
import type { Couple } from './types.ts';

const MARRIAGE_STREAM = hashText('synthetic:marriage');
/** Share of couples divorced by the census day (when the marriage is at least a year old). */
const DIVORCED_SHARE = 0.14;
/** Mean years between the later partner's legal age and the wedding. */
const MEAN_YEARS_TO_WEDDING = 4;
const DAYS_PER_YEAR = 365.25;

export function coupleOf(people: PeopleModel, seed32: number, peopleCount: number, index: number): Couple | null {
  const vitals = people.vitals(index);
  const partnerIndex = vitals.pair.partnerIndex;
  if (!vitals.coupled || partnerIndex >= peopleCount) return null;
  const partner = people.vitals(partnerIndex);
  const [husband, wife] = vitals.gender === 'MALE' ? [vitals, partner] : [partner, vitals];
  const [husbandIndex, wifeIndex] = vitals.gender === 'MALE' ? [index, partnerIndex] : [partnerIndex, index];

  const random = new SeededRandom(streamKey(seed32, MARRIAGE_STREAM, vitals.pair.key));
  const earliest = Math.max(
    dayNumberOf(anniversary(husband.birthDate, MARRIAGE_AGE.MALE)),
    dayNumberOf(anniversary(wife.birthDate, MARRIAGE_AGE.FEMALE)),
  );
  const lastDay = dayNumberOf(CENSUS_DATE) - 1;
  const span = lastDay - earliest;
  const wait = Math.floor(-Math.log(1 - random.next()) * MEAN_YEARS_TO_WEDDING * DAYS_PER_YEAR);
  const married = earliest + (wait <= span ? wait : Math.floor(random.next() * (span + 1)));
  const divorceWindow = lastDay - married - 365;
  const divorced = divorceWindow >= 0 && random.chance(DIVORCED_SHARE) ? married + 365 + random.int(0, divorceWindow) : null;
  return {
    husbandIndex,
    wifeIndex,
    marriedOn: isoDate(married),
    divorcedOn: divorced === null ? null : isoDate(divorced),
  };
}
