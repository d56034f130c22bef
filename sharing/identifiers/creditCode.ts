/**
 * The unified social credit code of GB 32100-2015: registration authority (1 character), entity type (1),
 * region code (6 digits, GB/T 2260), organization code (9 characters, GB 11714: 8 body characters and their
 * own check character) and a check character over the first 17. The alphabet has 31 characters: digits and
 * uppercase letters without I, O, Z, S, V. Validation names the first rule a value breaks; lowercase letters
 * are accepted and normalized to uppercase.
 */
import { describeNonString, type IdentifierCheck } from './result.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const LENGTH = 18;

export interface CreditCodeParts {
  /** Registration authority, one character: `9` for market regulation (工商), `1` for institutional staffing, `5` for civil affairs. */
  authority: string;
  /** Entity type within the authority, one character: under `9`, `1` enterprise, `2` individual business, `3` farmers' cooperative. */
  entityType: string;
  /** 6-digit GB/T 2260 code of the registration authority's region. */
  regionCode: string;
  /** The 8 body characters of the GB 11714 organization code; its check character is computed. */
  organizationBody8: string;
}

/** The check character of the first 17 characters. Throws if `first17` has another length or a character outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`creditCodeCheckCharacter: expected 17 characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) {
      throw new RangeError(`creditCodeCheckCharacter: character ${i + 1} of ${JSON.stringify(first17)} is not in ${ALPHABET}`);
    }
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * The GB 11714 check character of an 8-character organization code body (digits and uppercase letters, a
 * letter worth 10 + its place in the alphabet): 11 - (weighted sum mod 11), with 10 written `X` and 11 `0`.
 */
export function organizationCodeCheckCharacter(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new RangeError(`organizationCodeCheckCharacter: expected 8 digits or uppercase letters, got ${JSON.stringify(body8)}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const code = body8.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55;
    sum += value * ORGANIZATION_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The credit code made of `parts`, with the organization code's and the code's own check characters. Throws on a malformed part. */
export function makeCreditCode(parts: CreditCodeParts): string {
  const { authority, entityType, regionCode, organizationBody8 } = parts;
  if (authority.length !== 1 || !ALPHABET.includes(authority)) {
    throw new RangeError(`makeCreditCode: authority must be one character of ${ALPHABET}, got ${JSON.stringify(authority)}`);
  }
  if (entityType.length !== 1 || !ALPHABET.includes(entityType)) {
    throw new RangeError(`makeCreditCode: entityType must be one character of ${ALPHABET}, got ${JSON.stringify(entityType)}`);
  }
  if (!/^\d{6}$/.test(regionCode)) {
    throw new RangeError(`makeCreditCode: regionCode must be 6 digits, got ${JSON.stringify(regionCode)}`);
  }
  if (!/^[0-9A-HJ-NP-RTUWXY]{8}$/.test(organizationBody8)) {
    throw new RangeError(
      `makeCreditCode: organizationBody8 must be 8 characters of ${ALPHABET}, got ${JSON.stringify(organizationBody8)}`,
    );
  }
  const first17 = authority + entityType + regionCode + organizationBody8 + organizationCodeCheckCharacter(organizationBody8);
  return first17 + creditCodeCheckCharacter(first17);
}

/** Checks a credit code and returns it normalized to uppercase, or the first rule it breaks. */
export function validateCreditCode(value: unknown): IdentifierCheck {
  if (typeof value !== 'string') return { ok: false, reason: `must be a string, got ${describeNonString(value)}` };
  if (value.length !== LENGTH) return { ok: false, reason: `must be ${LENGTH} characters, got ${value.length}` };
  let normalized = '';
  for (let i = 0; i < LENGTH; i++) {
    const character = value[i]!.toUpperCase();
    if (character.length !== 1 || !ALPHABET.includes(character)) {
      return {
        ok: false,
        reason: `character ${i + 1} (${JSON.stringify(value[i])}) is not allowed: use digits and the letters ${ALPHABET.slice(10)} (no I, O, Z, S, V)`,
      };
    }
    normalized += character;
  }
  const expected = creditCodeCheckCharacter(normalized.slice(0, 17));
  if (normalized[17] !== expected) return { ok: false, reason: `check character should be ${expected}, got ${value[17]}` };
  return { ok: true, value: normalized };
}
