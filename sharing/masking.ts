/**
 * How a sensitive item is shown to a caller without the right to its raw value. Only strings are masked: a long
 * identifier keeps its first 6 and last 4 characters (`110101********1234`: region and check digits stay
 * recognizable), a short value such as a name keeps its first character (`张*`, `王**`), a single character is
 * hidden entirely. Lists are masked element by element; null stays null.
 *
 * Any other value (a number, a boolean, an object) has no masked form that keeps its type, so it cannot be masked:
 * `isMaskable` tells the department which items can be, and a sensitive item that cannot be is denied rather than
 * masked. `maskValue` throws on such a value, so a wrong schema fails closed instead of leaking the raw value.
 */
import { getNamedType, isScalarType, type GraphQLOutputType } from 'graphql';

const LONG = 12;
const MASK = '*';

export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return maskString(value);
  if (Array.isArray(value)) return value.map(maskValue);
  throw new TypeError(`Only strings can be masked; got ${typeof value}. A sensitive item of this type must be denied instead.`);
}

function maskString(value: string): string {
  const characters = Array.from(value); // code points, so a name in CJK Extension B is not split in half
  const length = characters.length;
  if (length >= LONG) return characters.slice(0, 6).join('') + MASK.repeat(length - 10) + characters.slice(-4).join('');
  if (length >= 2) return characters[0] + MASK.repeat(length - 1);
  return MASK.repeat(length);
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
