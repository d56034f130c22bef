/**
 * The outcome of checking an identifier: the normalized value, or a reason a person can act on
 * ("must be 18 characters, got 17"). A value, not an exception, so callers decide how to report it.
 */
export type IdentifierCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Describes a non-string input for a reason: `a number`, `null`, `an object`. */
export function describeNonString(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
