/**
 * When people are born. The population as a whole follows the shape of China's population pyramid for birth
 * years 1930-2024 (the 1962-1975 and 1985-1990 booms, falling births since 2017). A couple is drawn first: a
 * man and a woman born so that both reach the legal marriage age (men 22, women 20, Marriage Law art. 6) before
 * the census day. Everyone outside a couple is drawn from what the couples leave of the pyramid, so couples do
 * not make the population older than the pyramid says.
 */
import { CENSUS_DATE, FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR } from './calendar.ts';
import type { Random } from './types.ts';
import { WeightedTable } from './weighted.ts';

export const MARRIAGE_AGE = { MALE: 22, FEMALE: 20 } as const;
export const ADULT_AGE = 18;
/** Share of possible pairs (pairing.ts) that are couples; with the pyramid, about 55% of adults are married. */
export const COUPLE_SHARE = 0.5;

/** Relative number of living people per birth year, by spans of years [first, last, weight]. */
const PYRAMID: readonly (readonly [number, number, number])[] = [
  [1930, 1934, 1.5], [1935, 1939, 3], [1940, 1944, 5], [1945, 1949, 7.5], [1950, 1954, 10], [1955, 1961, 11],
  [1962, 1975, 21], [1976, 1979, 17], [1980, 1984, 19], [1985, 1990, 22], [1991, 1995, 18], [1996, 1999, 15],
  [2000, 2004, 15], [2005, 2009, 15.5], [2010, 2014, 16], [2015, 2017, 17], [2018, 2019, 15], [2020, 2020, 12],
  [2021, 2021, 10.6], [2022, 2022, 9.5], [2023, 2023, 9], [2024, 2024, 9.5],
];

const CENSUS_YEAR = Number(CENSUS_DATE.slice(0, 4));
/** A husband born in this year or before is 22 by the end of the year before the census; a wife, 20. */
const LAST_HUSBAND_YEAR = CENSUS_YEAR - 1 - MARRIAGE_AGE.MALE;
const LAST_WIFE_YEAR = CENSUS_YEAR - 1 - MARRIAGE_AGE.FEMALE;
/** How many years younger the wife is than her husband (negative: older), by weight. */
const WIFE_YOUNGER_BY: readonly (readonly [number, number])[] = [
  [-3, 2], [-2, 3], [-1, 8], [0, 15], [1, 18], [2, 18], [3, 14], [4, 9], [5, 6], [6, 4], [8, 3], [10, 2],
];

/** Share of each birth year 1930-2024 in the pyramid, up to `lastYear`, normalized to 1. */
function pyramidShares(lastYear: number): Map<number, number> {
  const shares = new Map<number, number>();
  for (const [first, last, weight] of PYRAMID) {
    for (let year = first; year <= Math.min(last, lastYear); year++) shares.set(year, weight);
  }
  const total = [...shares.values()].reduce((sum, weight) => sum + weight, 0);
  for (const [year, weight] of shares) shares.set(year, weight / total);
  return shares;
}

function wifeYear(husbandYear: number, youngerBy: number): number {
  return Math.max(FIRST_BIRTH_YEAR, Math.min(LAST_WIFE_YEAR, husbandYear + youngerBy));
}

/** Birth years outside couples: the pyramid minus the couples' share of each year, scaled to the rest. */
function singleShares(): Map<number, number> {
  const husbands = pyramidShares(LAST_HUSBAND_YEAR);
  const offsetTotal = WIFE_YOUNGER_BY.reduce((sum, [, weight]) => sum + weight, 0);
  const inCouples = new Map<number, number>();
  const add = (year: number, share: number) => inCouples.set(year, (inCouples.get(year) ?? 0) + share / 2);
  for (const [year, share] of husbands) {
    add(year, share);
    for (const [youngerBy, weight] of WIFE_YOUNGER_BY) add(wifeYear(year, youngerBy), (share * weight) / offsetTotal);
  }
  const singles = new Map<number, number>();
  for (const [year, share] of pyramidShares(LAST_BIRTH_YEAR)) {
    singles.set(year, Math.max(0, share - COUPLE_SHARE * (inCouples.get(year) ?? 0)));
  }
  return singles;
}

const SINGLES = new WeightedTable([...singleShares()]);
const HUSBANDS = new WeightedTable([...pyramidShares(LAST_HUSBAND_YEAR)]);
const WIFE_OFFSETS = new WeightedTable(WIFE_YOUNGER_BY);

/** The birth year of someone outside a couple. */
export function pickSingleBirthYear(random: Random): number {
  return SINGLES.pick(random);
}

export interface CoupleBirthYears {
  husband: number;
  wife: number;
}

export function pickCoupleBirthYears(random: Random): CoupleBirthYears {
  const husband = HUSBANDS.pick(random);
  return { husband, wife: wifeYear(husband, WIFE_OFFSETS.pick(random)) };
}
