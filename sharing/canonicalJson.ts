/**
 * The one byte sequence a value hashes and is signed as, so that the gateway, the departments, the stores and an
 * auditor's offline check agree on every audit record's hash and every report's signature, whatever wrote or
 * re-read it.
 *
 * Canonical JSON here is: object keys sorted by UTF-16 code units (JavaScript's default string order), no
 * whitespace, arrays in their given order, strings escaped and numbers written as `JSON.stringify` writes them.
 * Only JSON values are accepted: strings, finite numbers, booleans, null, arrays and plain objects. Anything
 * else (undefined, NaN, Infinity, bigint, Date, Map, class instances, functions) throws, naming where it is,
 * because a value JSON would silently drop or change could not be re-hashed from its stored form. For these
 * inputs the output is the same as RFC 8785 (JSON Canonicalization Scheme).
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (error) {
    if (error instanceof NotJson) throw new TypeError(`canonicalJson: $${error.path.join('')} is ${error.what}; only JSON values (string, finite number, boolean, null, array, plain object) can be hashed.`);
    throw error;
  }
}

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson(String(value));
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value) : writeObject(value);
    default:
      throw new NotJson(typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`);
  }
}

// Plain loops and concatenation, and the path of a refused value built only when one is refused: this runs for
// every audit record on the request path.
function writeArray(value: unknown[]): string {
  let out = '[';
  for (let index = 0; index < value.length; index++) {
    if (index > 0) out += ',';
    out += within(index, value[index]); // a hole reads as undefined: refused
  }
  return `${out}]`;
}

function writeObject(value: object): string {
  if (!isPlainObject(value)) throw new NotJson(`a ${value.constructor?.name ?? 'non-plain'} object`);
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    if (index > 0) out += ',';
    out += `${JSON.stringify(key)}:${within(key, (value as Record<string, unknown>)[key])}`;
  }
  return `${out}}`;
}

function within(step: string | number, value: unknown): string {
  try {
    return write(value);
  } catch (error) {
    if (error instanceof NotJson) error.path.unshift(typeof step === 'number' ? `[${step}]` : `.${step}`);
    throw error;
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

class NotJson extends Error {
  readonly path: string[] = [];

  constructor(readonly what: string) {
    super(what);
  }
}
