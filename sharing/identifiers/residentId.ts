/**
 * The resident identity number of GB 11643-1999: 6-digit region code (GB/T 2260), 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. Validation names
 * the first rule a value breaks, in words a person can act on; a lowercase `x` check character is accepted
 * and normalized to `X`.
 */
import { describeNonString, type IdentifierCheck } from './result.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const LENGTH = 18;

/**
 * Province-level prefixes of GB/T 2260, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83 (residence permits
 * of Taiwan residents), which also appear in resident IDs.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** The check character of the first 17 digits. Throws if `first17` is not 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (first17.length !== 17 || !isDigits(first17, 0, 17)) {
    throw new RangeError(`residentIdCheckDigit: expected 17 digits, got ${JSON.stringify(first17)}`);
  }
  return CHECK_CHARACTERS[weightedSum(first17) % 11]!;
}

/**
 * The resident ID of a person registered in `regionCode` (6 digits), born on `birthDate` (`YYYY-MM-DD`), with
 * the day's `sequence` number (0..999; odd for a man, even for a woman). Throws on a malformed argument.
 */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const wellFormed =
    birthDate.length === 10 && birthDate[4] === '-' && birthDate[7] === '-' &&
    isDigits(birthDate, 0, 4) && isDigits(birthDate, 5, 7) && isDigits(birthDate, 8, 10);
  if (!wellFormed) {
    throw new RangeError(`resident ID: birthDate must be a real YYYY-MM-DD date, got ${JSON.stringify(birthDate)}`);
  }
  const birth = { year: digitsValue(birthDate, 0, 4), month: digitsValue(birthDate, 5, 7), day: digitsValue(birthDate, 8, 10) };
  return residentIdOf(regionCode, birth, sequence);
}

export interface BirthDay {
  year: number;
  month: number;
  day: number;
}

/**
 * `makeResidentId` with the birth date as numbers: what a generator of millions of IDs calls, since it saves
 * writing and re-reading a date string. Throws on a malformed argument.
 */
export function residentIdOf(regionCode: string, birth: BirthDay, sequence: number): string {
  if (regionCode.length !== 6 || !isDigits(regionCode, 0, 6)) {
    throw new RangeError(`resident ID: regionCode must be 6 digits, got ${JSON.stringify(regionCode)}`);
  }
  const { year, month, day } = birth;
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isInteger(month) || !Number.isInteger(day) || !isRealDate(year, month, day)) {
    throw new RangeError(`resident ID: birth date must be a real date with a 4-digit year, got ${year}-${month}-${day}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`resident ID: sequence must be an integer in 0..999, got ${sequence}`);
  }
  // The digits are computed once, as small integers, and the ID is made as one flat string from character
  // codes: measured 2-3 times faster than concatenating parts, which counts when a population makes millions.
  const r0 = regionCode.charCodeAt(0) - 48, r1 = regionCode.charCodeAt(1) - 48, r2 = regionCode.charCodeAt(2) - 48;
  const r3 = regionCode.charCodeAt(3) - 48, r4 = regionCode.charCodeAt(4) - 48, r5 = regionCode.charCodeAt(5) - 48;
  const y0 = (year / 1000) | 0, y1 = ((year / 100) | 0) % 10, y2 = ((year / 10) | 0) % 10, y3 = year % 10;
  const m0 = (month / 10) | 0, m1 = month % 10, d0 = (day / 10) | 0, d1 = day % 10;
  const s0 = (sequence / 100) | 0, s1 = ((sequence / 10) | 0) % 10, s2 = sequence % 10;
  const sum =
    r0 * 7 + r1 * 9 + r2 * 10 + r3 * 5 + r4 * 8 + r5 * 4 + y0 * 2 + y1 * 1 + y2 * 6 + y3 * 3 +
    m0 * 7 + m1 * 9 + d0 * 10 + d1 * 5 + s0 * 8 + s1 * 4 + s2 * 2; // WEIGHTS, written out
  return String.fromCharCode(
    48 + r0, 48 + r1, 48 + r2, 48 + r3, 48 + r4, 48 + r5, 48 + y0, 48 + y1, 48 + y2, 48 + y3,
    48 + m0, 48 + m1, 48 + d0, 48 + d1, 48 + s0, 48 + s1, 48 + s2, CHECK_CHARACTERS.charCodeAt(sum % 11),
  );
}

/** Checks a resident ID and returns it normalized (uppercase `X`), or the first rule it breaks. */
export function validateResidentId(value: unknown): IdentifierCheck {
  if (typeof value !== 'string') return { ok: false, reason: `must be a string, got ${describeNonString(value)}` };
  if (value.length !== LENGTH) return { ok: false, reason: `must be ${LENGTH} characters, got ${value.length}` };
  for (let i = 0; i < 17; i++) {
    if (!isDigits(value, i, i + 1)) {
      return { ok: false, reason: `characters 1-17 must be digits, but character ${i + 1} is ${JSON.stringify(value[i])}` };
    }
  }
  const given = value[17]!.toUpperCase();
  if (!/^[0-9X]$/.test(given)) {
    return { ok: false, reason: `character 18 must be a digit or X, got ${JSON.stringify(value[17])}` };
  }
  const province = value.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return { ok: false, reason: `region code ${value.slice(0, 6)} does not start with a province code (${province} is none)` };
  }
  if (!isRealDate(digitsValue(value, 6, 10), digitsValue(value, 10, 12), digitsValue(value, 12, 14))) {
    return { ok: false, reason: `birth date ${value.slice(6, 14)} is not a real date` };
  }
  const first17 = value.slice(0, 17);
  const expected = residentIdCheckDigit(first17);
  if (given !== expected) return { ok: false, reason: `check digit should be ${expected}, got ${value[17]}` };
  return { ok: true, value: first17 + given };
}

/** Whether characters [from, to) of `text` are ASCII digits. */
function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The number written by the digits [from, to) of `text`. */
function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The GB 11643 weighted sum of 17 digits. */
function weightedSum(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return sum;
}

/** Whether the day exists in the proleptic Gregorian calendar. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
