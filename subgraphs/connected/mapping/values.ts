/**
 * A stored value as the field's GraphQL type says: codes through the mapping's enums, numbers and booleans as the
 * engines spell them (`'12.50'`, `1`, `'t'`), dates as the ISO text they are stored as, and identifiers checked
 * with their real check characters. A value that does not fit is not guessed at: the field is an error naming the
 * department and the mapping entry (never the value, which may be personal data), so bad legacy data is seen.
 */
import { GraphQLError } from 'graphql';
import { validateCreditCode, validateResidentId } from '../../../sharing/identifiers/index.ts';
import type { ConnectorMapping } from './mapping.ts';

export const SOURCE_DATA_INVALID = 'SOURCE_DATA_INVALID';

export function toGraphQLValue(mapping: ConnectorMapping, type: string, value: unknown, entry: string): unknown {
  if (value === null || value === undefined) return null;
  const invalid = (why: string) =>
    new GraphQLError(`${mapping.department} holds a value it cannot serve at ${entry}: ${why}. The department should correct the record or its mapping.`, {
      extensions: { code: SOURCE_DATA_INVALID, department: mapping.department, entry },
    });
  const enumeration = mapping.enums?.[type];
  if (enumeration) {
    const code = String(value);
    if (!Object.hasOwn(enumeration.values, code)) throw invalid(`a stored code is not among enums.${type}.values`);
    return enumeration.values[code];
  }
  switch (type) {
    case 'Int': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n) || n > 2 ** 31 - 1 || n < -(2 ** 31)) throw invalid('the stored value is not a 32-bit integer (map it as Float or String)');
      return n;
    }
    case 'Float': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw invalid('the stored value is not a number');
      return n;
    }
    case 'Boolean':
      if (value === true || value === 1 || value === '1' || value === 't' || value === 'true' || value === 'Y') return true;
      if (value === false || value === 0 || value === '0' || value === 'f' || value === 'false' || value === 'N') return false;
      throw invalid('the stored value is not a boolean (1/0, t/f, true/false, Y/N)');
    case 'ResidentId': {
      const check = validateResidentId(String(value));
      if (!check.ok) throw invalid('the stored resident ID is malformed');
      return check.value;
    }
    case 'CreditCode': {
      const check = validateCreditCode(String(value));
      if (!check.ok) throw invalid('the stored credit code is malformed');
      return check.value;
    }
    default:
      if (value instanceof Date) return value.toISOString();
      if (Buffer.isBuffer(value)) return value.toString('hex');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}
