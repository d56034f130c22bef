/**
 * Options and configuration files are checked against zod schemas, and the first problem is thrown as a person
 * would fix it: where (the file, `Gateway option`), the field, what is expected and what was given
 * ("policy.json.defaults.limits.maxDepth must be a positive integer, got 0.").
 */
import { z } from 'zod';

/** A value `test` accepts, said to be `expected` otherwise ("a positive integer"), with the value given unless `secret`. */
export function expecting<T>(expected: string, test: (value: unknown) => boolean, secret = false): z.ZodType<T> {
  return z.custom<T>(test, { error: (issue) => `must be ${expected}${secret ? '' : `, got ${shown(issue.input)}`}` });
}

export const positiveInteger = expecting<number>('a positive integer', (value) => Number.isInteger(value) && (value as number) >= 1);
export const positiveNumber = expecting<number>('a positive number', (value) => typeof value === 'number' && value > 0 && Number.isFinite(value));

/** An object of `shape` and no other key; an unknown key is said with the known ones. */
export function only<S extends z.ZodRawShape>(shape: S, words: { unknown?: (known: string) => string; notObject?: (known: string) => string } = {}) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? (words.unknown?.(known) ?? `is not a setting; known: ${known}`) : (words.notObject?.(known) ?? 'must be an object')),
  });
}

/** Names (of subgraphs, applications, agreements) to values of `schema`. */
export const byName = <T extends z.ZodType>(schema: T) => z.record(z.string(), schema, { error: 'must be an object' });

/**
 * Throws the first problem of `value` against `schema`, at `path` within the options: `Gateway option \`a.b\` …` when
 * `where` is that, else `<where>.a.b …` (a file, or an option holding a whole configuration).
 */
export function check(schema: z.ZodType, value: unknown, where: string, path: string[] = []): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  // An unknown key first, as a reader fixes a misspelt name before its value.
  const issue = result.error.issues.find((problem) => problem.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const at = [...path, ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
  const field = where === 'Gateway option' ? `Gateway option \`${at.join('.')}\`` : [where, ...at].join('.');
  throw new Error(`${field} ${issue.message}.`);
}

function shown(value: unknown): string {
  return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value);
}
