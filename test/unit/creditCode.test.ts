import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckCharacter,
  makeCreditCode,
  organizationCodeCheckCharacter,
  validateCreditCode,
} from '../../sharing/identifiers/index.ts';

// Two published codes, checked by hand as well (character values 0-9, A=10 ... Y=30, skipping I O Z S V;
// weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28):
// 91350100M000100Y4: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640, 1640 mod 31 = 28, 31-28 = 3.
// 91440300192203821: 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831, 831 mod 31 = 25, 31-25 = 6.
// Their organization codes (weights 3 7 9 10 5 8 4 2, letters A=10 ... Z=35):
// M000100Y: 66+5+68 = 139, 139 mod 11 = 7, 11-7 = 4.  19220382: 3+63+18+20+0+24+32+4 = 164, 164 mod 11 = 10, 11-10 = 1.
const FUJIAN_EXAMPLE = '91350100M000100Y43';
const SHENZHEN_EXAMPLE = '914403001922038216';

describe('creditCodeCheckCharacter', () => {
  it('computes the check characters of published codes', () => {
    expect([creditCodeCheckCharacter('91350100M000100Y4'), creditCodeCheckCharacter('91440300192203821')]).toEqual(['3', '6']);
  });

  it('writes a check value of 0 as 0 and of 30 as Y (codes made from the example above, worked out by hand)', () => {
    // Region 350102 instead of 350100 adds 2*17: 1674 = 31*54, so the check value is (31 - 0) mod 31 = 0.
    // Region 310112: 1640 - 4*27 + 1*16 + 2*17 = 1582, 1582 mod 31 = 1, so the check value is 30 -> 'Y'.
    expect([creditCodeCheckCharacter('91350102M000100Y4'), creditCodeCheckCharacter('91310112M000100Y4')]).toEqual(['0', 'Y']);
  });

  it('refuses a wrong length or a character outside the alphabet', () => {
    expect(() => creditCodeCheckCharacter('9135010')).toThrow('expected 17 characters, got "9135010"');
    expect(() => creditCodeCheckCharacter('91350100I000100Y4')).toThrow('character 9 of "91350100I000100Y4" is not in');
  });
});

describe('organizationCodeCheckCharacter', () => {
  it('computes GB 11714 check characters, writing 10 as X and 11 as 0', () => {
    // 00000030: 3*4 = 12, 12 mod 11 = 1, 11-1 = 10 -> X.  00000000: 0, 11-0 = 11 -> 0.
    expect(['M000100Y', '19220382', '00000030', '00000000'].map(organizationCodeCheckCharacter)).toEqual(['4', '1', 'X', '0']);
  });
});

describe('makeCreditCode', () => {
  it('assembles authority, entity type, region, organization code and check character', () => {
    expect(makeCreditCode({ authority: '9', entityType: '1', regionCode: '350100', organizationBody8: 'M000100Y' })).toBe(FUJIAN_EXAMPLE);
    expect(makeCreditCode({ authority: '9', entityType: '1', regionCode: '440300', organizationBody8: '19220382' })).toBe(SHENZHEN_EXAMPLE);
  });

  it('refuses malformed parts', () => {
    const parts = { authority: '9', entityType: '1', regionCode: '350100', organizationBody8: 'M000100Y' };
    expect(() => makeCreditCode({ ...parts, authority: 'S' })).toThrow('authority must be one character of');
    expect(() => makeCreditCode({ ...parts, regionCode: '35010' })).toThrow('regionCode must be 6 digits, got "35010"');
    expect(() => makeCreditCode({ ...parts, organizationBody8: 'M00010OY' })).toThrow('organizationBody8 must be 8 characters of');
  });
});

describe('validateCreditCode', () => {
  it('accepts a valid code as it is', () => {
    expect(validateCreditCode(SHENZHEN_EXAMPLE)).toEqual({ ok: true, value: SHENZHEN_EXAMPLE });
  });

  it('accepts lowercase letters and normalizes them to uppercase', () => {
    expect(validateCreditCode('91350100m000100y43')).toEqual({ ok: true, value: FUJIAN_EXAMPLE });
  });

  it('names the rule a malformed code breaks', () => {
    const reasons = [42, '91350100M000100Y4', '91350100M000100Y433', '91350100M0001O0Y43', '9135010SM000100Y43', '91350100M000100Y44'].map(
      validateCreditCode,
    );
    const alphabet = 'use digits and the letters ABCDEFGHJKLMNPQRTUWXY (no I, O, Z, S, V)';
    expect(reasons).toEqual([
      { ok: false, reason: 'must be a string, got a number' },
      { ok: false, reason: 'must be 18 characters, got 17' },
      { ok: false, reason: 'must be 18 characters, got 19' },
      { ok: false, reason: `character 14 ("O") is not allowed: ${alphabet}` },
      { ok: false, reason: `character 8 ("S") is not allowed: ${alphabet}` },
      { ok: false, reason: 'check character should be 3, got 4' },
    ]);
  });

  it('detects every single mistyped character of a valid code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const undetected: string[] = [];
    for (let position = 0; position < 17; position++) {
      for (const character of alphabet) {
        if (character === FUJIAN_EXAMPLE[position]) continue;
        const typo = FUJIAN_EXAMPLE.slice(0, position) + character + FUJIAN_EXAMPLE.slice(position + 1);
        if (validateCreditCode(typo).ok) undetected.push(typo);
      }
    }
    expect(undetected).toEqual([]);
  });
});
