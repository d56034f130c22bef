import { describe, expect, it } from 'vitest';
import {
  makeResidentId,
  residentIdCheckDigit,
  residentIdOf,
  validateResidentId,
} from '../../sharing/identifiers/index.ts';

// The two examples printed in GB 11643-1999; their check characters were also worked out by hand:
// 11010519491231002: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167, 167 mod 11 = 2 -> 'X'.
// 44052418800101001: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195, 195 mod 11 = 8 -> '4'.
const STANDARD_EXAMPLE = '11010519491231002X';
const SECOND_EXAMPLE = '440524188001010014';

describe('residentIdCheckDigit', () => {
  it('computes the check characters of the examples in GB 11643', () => {
    expect([residentIdCheckDigit('11010519491231002'), residentIdCheckDigit('44052418800101001')]).toEqual(['X', '4']);
  });

  it('weighs every position (an example without zeros, worked out by hand)', () => {
    // 7+18+30+20+40+24+14+8+54+3+14+27+40+25+48+28+16 = 416, 416 mod 11 = 9 -> '10X98765432'[9] = '3'.
    expect(residentIdCheckDigit('12345678912345678')).toBe('3');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow('expected 17 digits, got "1101051949123100"');
    expect(() => residentIdCheckDigit('1101051949123100A')).toThrow('expected 17 digits');
  });
});

describe('makeResidentId', () => {
  it('assembles region, birth date, sequence and check character', () => {
    expect([makeResidentId('110105', '1949-12-31', 2), makeResidentId('440524', '1880-01-01', 1)]).toEqual([
      STANDARD_EXAMPLE,
      SECOND_EXAMPLE,
    ]);
  });

  it('gives the same ID as residentIdOf, which takes the birth date as numbers', () => {
    expect(residentIdOf('110105', { year: 1949, month: 12, day: 31 }, 2)).toBe(STANDARD_EXAMPLE);
    expect(residentIdOf('440305', { year: 2000, month: 2, day: 29 }, 999)).toBe(makeResidentId('440305', '2000-02-29', 999));
  });

  it('makes check digits that residentIdCheckDigit confirms, for every sequence number and day of a year', () => {
    const wrong: string[] = [];
    for (let sequence = 0; sequence < 1000; sequence++) {
      for (let day = 1; day <= 366; day++) {
        const date = new Date(Date.UTC(1987, 0, day)).toISOString().slice(0, 10);
        const id = makeResidentId('659001', date, sequence);
        if (residentIdCheckDigit(id.slice(0, 17)) !== id[17]) wrong.push(id);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a malformed region, date or sequence', () => {
    expect(() => makeResidentId('11010', '1949-12-31', 2)).toThrow('regionCode must be 6 digits, got "11010"');
    expect(() => makeResidentId('110105', '1949-02-30', 2)).toThrow('birth date must be a real date with a 4-digit year, got 1949-2-30');
    expect(() => makeResidentId('110105', '19491231', 2)).toThrow('birthDate must be a real YYYY-MM-DD date, got "19491231"');
    expect(() => makeResidentId('110105', '1949-12-31', 1000)).toThrow('sequence must be an integer in 0..999, got 1000');
  });
});

describe('validateResidentId', () => {
  it('accepts a valid ID as it is', () => {
    expect(validateResidentId(SECOND_EXAMPLE)).toEqual({ ok: true, value: SECOND_EXAMPLE });
  });

  it('accepts a lowercase x and normalizes it to X', () => {
    expect(validateResidentId('11010519491231002x')).toEqual({ ok: true, value: STANDARD_EXAMPLE });
  });

  it('names the rule a malformed ID breaks', () => {
    const reasons = [
      110105194912310020,
      null,
      '11010119900307123',
      '1101051949123100200',
      '110105A9491231002X',
      '11010519491231002Y',
      '990105194912310027',
      '110101202313991234',
      '110101202302291234',
      '110105194912310021',
    ].map(validateResidentId);
    expect(reasons).toEqual([
      { ok: false, reason: 'must be a string, got a number' },
      { ok: false, reason: 'must be a string, got null' },
      { ok: false, reason: 'must be 18 characters, got 17' },
      { ok: false, reason: 'must be 18 characters, got 19' },
      { ok: false, reason: 'characters 1-17 must be digits, but character 7 is "A"' },
      { ok: false, reason: 'character 18 must be a digit or X, got "Y"' },
      { ok: false, reason: 'region code 990105 does not start with a province code (99 is none)' },
      { ok: false, reason: 'birth date 20231399 is not a real date' },
      { ok: false, reason: 'birth date 20230229 is not a real date' },
      { ok: false, reason: 'check digit should be X, got 1' },
    ]);
  });

  it('accepts 29 February of a leap year', () => {
    const id = makeResidentId('310104', '2000-02-29', 123);
    expect(validateResidentId(id)).toEqual({ ok: true, value: id });
  });

  it('detects every single mistyped digit of a valid ID', () => {
    const undetected: string[] = [];
    for (let position = 0; position < 17; position++) {
      for (const digit of '0123456789') {
        if (digit === SECOND_EXAMPLE[position]) continue;
        const typo = SECOND_EXAMPLE.slice(0, position) + digit + SECOND_EXAMPLE.slice(position + 1);
        if (validateResidentId(typo).ok) undetected.push(typo);
      }
    }
    expect(undetected).toEqual([]);
  });
});
