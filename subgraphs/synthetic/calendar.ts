/**
 * The calendar of the synthetic population: it is described as of one census day, so ages, marriages and
 * enterprise histories never depend on when the code runs. Dates are ISO `YYYY-MM-DD` strings, which sort
 * as they compare, and day numbers (days since 1970-01-01) for arithmetic.
 */

/** The day the population is described as of: everyone is born, married and registered before it. */
export const CENSUS_DATE = '2025-01-01';

export const FIRST_BIRTH_YEAR = 1930;
export const LAST_BIRTH_YEAR = 2024;

export interface MonthDay {
  month: number;
  day: number;
  /** `MM-DD`. */
  text: string;
}

/** The 366 days of a leap year in order; index 59 is 29 February. */
export const MONTH_DAYS: readonly MonthDay[] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].flatMap((length, m) =>
  Array.from({ length }, (_, d) => ({
    month: m + 1,
    day: d + 1,
    text: `${String(m + 1).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`,
  })),
);

export const LEAP_DAY_INDEX = 59;
/** `00` to `31`, the two-digit months and days of an ISO date. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days since 1970-01-01 of a calendar day (proleptic Gregorian; H. Hinnant's days_from_civil, exact and
 * allocation-free, which matters when a million records need dates). 29 February of a common year counts as 1 March.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days since 1970-01-01 of an ISO date. */
export function dayNumberOf(isoDate: string): number {
  return dayNumber(digitsValue(isoDate, 0, 4), digitsValue(isoDate, 5, 7), digitsValue(isoDate, 8, 10));
}

/** The ISO date of a day number (H. Hinnant's civil_from_days), for years 1000-9999. */
export function isoDate(dayNumber: number): string {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** The ISO date `years` after `birthDate` (the birthday of that age; 29 February falls on 1 March in common years). */
export function anniversary(birthDate: string, years: number): string {
  const year = digitsValue(birthDate, 0, 4) + years;
  const monthDay = birthDate.slice(5);
  return monthDay === '02-29' && !isLeapYear(year) ? `${year}-03-01` : `${year}-${monthDay}`;
}

/** Whether someone born on `birthDate` is at least `age` years old on `onDate`. */
export function hasReachedAge(birthDate: string, age: number, onDate: string = CENSUS_DATE): boolean {
  return anniversary(birthDate, age) <= onDate;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}
