/**
 * How a sensitive item is shown to a caller without the right to its raw value, so that nothing else the caller
 * may receive can rebuild it. A long identifier (12 characters or more: a resident ID) becomes a keyed pseudonym
 * of its shape, `DDDDDD********DDDD`: the ten visible digits come from an HMAC of the value under the consumer
 * department's masking key, so they carry nothing of the real value (not the region, not the sequence or check
 * digits; the hidden eight are no longer a birth date anyone could fill in). The same resident looks the same to
 * one department every time and different to every other department; without the key, no candidate can be tested.
 * Without a key the whole value is hidden. A short value such as a name keeps its first character (`张*`), a
 * single character is hidden entirely. Lists are masked element by element; null stays null.
 *
 * The consumer's key is derived from the platform's masking key (`consumerMaskingKey`): the gateway holds the
 * platform key and masks entity keys in its answers; departments and the platform subgraph receive the consumer's
 * derived key in the grant (`mk`), so a department's own masking and the audit views show the same pseudonym.
 *
 * Any other value (a number, a boolean, an object) has no masked form that keeps its type, so it cannot be masked:
 * `isMaskable` tells the department which items can be, and a sensitive item that cannot be is denied rather than
 * masked. `maskValue` throws on such a value, so a wrong schema fails closed instead of leaking the raw value.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getNamedType, isScalarType, type GraphQLOutputType } from 'graphql';

const LONG = 12;
const MASK = '*';
const MASKED_LONG = /^\d{6}\*{2,}\d{4}$/;
const ALL_MASKED = /^\*+$/;
/** Pseudonyms remembered per key (a key is one consumer department's): beyond this many, forgotten and rebuilt. */
const MAX_REMEMBERED = 50_000;
const pseudonyms = new WeakMap<Buffer, Map<string, string>>();

/**
 * Masks `value` for the consumer department whose masking key is `key` (null: none known, the value is hidden
 * whole). One resident's ID has one pseudonym for a department, whatever item it appears in, so the department
 * can tell the same person apart in its answers and its audit views, and no other department can link it.
 */
export function maskValue(value: unknown, key: Buffer | null): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return maskString(value, key);
  if (Array.isArray(value)) return value.map((element) => maskValue(element, key));
  throw new TypeError(`Only strings can be masked; got ${typeof value}. A sensitive item of this type must be denied instead.`);
}

function maskString(value: string, key: Buffer | null): string {
  // One HMAC per value and key: an answer of a hundred residents, asked again and again, is masked from memory.
  const known = key ? pseudonyms.get(key) : undefined;
  const remembered = known?.get(value);
  if (remembered !== undefined) return remembered;
  const characters = Array.from(value); // code points, so a name in CJK Extension B is not split in half
  const length = characters.length;
  if (length >= LONG) {
    // Already masked (by the department, before the gateway's own pass): masking is idempotent.
    if (MASKED_LONG.test(value) || ALL_MASKED.test(value)) return value;
    if (!key) return MASK.repeat(length);
    const digits = pseudonymDigits(key, value, 10);
    const pseudonym = digits.slice(0, 6) + MASK.repeat(length - 10) + digits.slice(6);
    let memory = known;
    if (!memory) pseudonyms.set(key, (memory = new Map()));
    if (memory.size >= MAX_REMEMBERED) memory.clear();
    memory.set(value, pseudonym);
    return pseudonym;
  }
  if (length >= 2) return characters[0] + MASK.repeat(length - 1);
  return MASK.repeat(length);
}

/** `count` decimal digits of HMAC-SHA256(key, value), one per byte (byte mod 10; the bias is below 3%). */
function pseudonymDigits(key: Buffer, value: string, count: number): string {
  const digest = createHmac('sha256', key).update(value, 'utf8').digest();
  let digits = '';
  for (let i = 0; i < count; i++) digits += String(digest[i]! % 10);
  return digits;
}

/** The masking key of one consumer department, derived from the platform's. */
export function consumerMaskingKey(platformKey: Buffer, consumer: string): Buffer {
  return createHmac('sha256', platformKey).update(`govgraph-masking/v1\n${consumer}`, 'utf8').digest();
}

/**
 * True when values of a field of this type are strings (or lists of them) and can be masked: `String`, `ID` and
 * custom scalars (the govgraph scalars, `ResidentId`, `CreditCode`, serialize to strings); not `Int`, `Float`,
 * `Boolean`, enums (a masked value would not be a member) or object types.
 */
export function isMaskable(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) && !['Int', 'Float', 'Boolean'].includes(named.name);
}

export function maskingKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'masking-key.json');
}

/**
 * The platform's masking key (32 random bytes) from `file` (mode 0600), created on first use; every gateway
 * replica must read the same file, or a resident's pseudonym would change with the replica that answered.
 */
export function loadOrCreateMaskingKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key: randomBytes(32).toString('base64url') }) + '\n', { mode: 0o600 });
    try {
      linkSync(temporary, file); // EEXIST: another process created it first, and its key wins
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  const key = Buffer.from((JSON.parse(readFileSync(file, 'utf8')) as { key?: string }).key ?? '', 'base64url');
  if (key.length < 32) throw new Error(`${file} holds no masking key of 32 bytes ({ "key": "<base64url>" }).`);
  return key;
}
