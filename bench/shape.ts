/**
 * The expected shape of a response, written as a pattern, and the differences of a value from it. A benchmark of
 * errors or of empty answers is worthless, so every scenario's answer is compared with one before it is measured.
 * A pattern is a literal (compared with ===), a RegExp (for a string), `present` (anything but null), `anything`
 * (any value, null included, as long as the key is there), `listOf` (an array, each element matching), or an
 * object (each of its keys matching, and no other key).
 */
export const present = Symbol('present');
export const anything = Symbol('anything');

export interface ListPattern {
  kind: 'list';
  element: Pattern;
  /** Exact length, when given. */
  length?: number;
  /** Least length; default 0. */
  min?: number;
}

export type Pattern = string | number | boolean | null | RegExp | typeof present | typeof anything | ListPattern | { [key: string]: Pattern };

export function listOf(element: Pattern, size: { length?: number; min?: number } = {}): ListPattern {
  return { kind: 'list', element, ...size };
}

/** Every difference of `value` from `pattern`, each naming its path; empty when it matches. */
export function shapeDifferences(value: unknown, pattern: Pattern, path = '$'): string[] {
  if (pattern === anything) return value === undefined ? [`${path}: expected the key, got nothing`] : [];
  if (pattern === present) return value === null || value === undefined ? [`${path}: expected a value, got ${show(value)}`] : [];
  if (pattern instanceof RegExp) {
    return typeof value === 'string' && pattern.test(value) ? [] : [`${path}: expected a string matching ${pattern}, got ${show(value)}`];
  }
  if (pattern === null || typeof pattern !== 'object') return value === pattern ? [] : [`${path}: expected ${show(pattern)}, got ${show(value)}`];
  if (isList(pattern)) {
    if (!Array.isArray(value)) return [`${path}: expected a list, got ${show(value)}`];
    if (pattern.length !== undefined && value.length !== pattern.length) return [`${path}: expected ${pattern.length} elements, got ${value.length}`];
    if (value.length < (pattern.min ?? 0)) return [`${path}: expected at least ${pattern.min} elements, got ${value.length}`];
    return value.flatMap((element, i) => shapeDifferences(element, pattern.element, `${path}[${i}]`));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object, got ${show(value)}`];
  const record = value as Record<string, unknown>;
  const unexpected = Object.keys(record).filter((key) => !(key in pattern)).map((key) => `${path}.${key}: not expected`);
  return [...unexpected, ...Object.entries(pattern).flatMap(([key, inner]) => shapeDifferences(record[key], inner, `${path}.${key}`))];
}

function isList(pattern: object): pattern is ListPattern {
  return (pattern as ListPattern).kind === 'list' && 'element' in pattern;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
