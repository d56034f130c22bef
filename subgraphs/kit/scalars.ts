/**
 * The `ResidentId` and `CreditCode` scalars every department declares. A malformed value never reaches a
 * resolver: variables and literals are checked with the real check characters and rejected with a
 * `BAD_USER_INPUT` error that quotes the value and says what is wrong with it. Accepted values are normalized
 * (uppercase `X`, uppercase letters), so a store lookup sees one spelling.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { validateCreditCode, validateResidentId, type IdentifierCheck } from '../../sharing/identifiers/index.ts';

interface IdentifierScalarDefinition {
  name: string;
  description: string;
  /** How an error message names the identifier: `resident ID`. */
  noun: string;
  validate(value: unknown): IdentifierCheck;
}

export const ResidentIdScalar = identifierScalar({
  name: 'ResidentId',
  noun: 'resident ID',
  description:
    'An 18-character resident identity number (GB 11643): 6-digit region code, 8-digit birth date, 3-digit ' +
    'sequence and a check character (digit or X). Input is validated, including the check character; a ' +
    'lowercase x is accepted and returned as X.',
  validate: validateResidentId,
});

export const CreditCodeScalar = identifierScalar({
  name: 'CreditCode',
  noun: 'credit code',
  description:
    'An 18-character unified social credit code (GB 32100): registration authority, entity type, 6-digit region ' +
    'code, 9-character organization code and a check character, over digits and the letters ' +
    'ABCDEFGHJKLMNPQRTUWXY. Input is validated, including the check character; lowercase letters are accepted ' +
    'and returned in uppercase.',
  validate: validateCreditCode,
});

function identifierScalar(definition: IdentifierScalarDefinition): GraphQLScalarType<string, string> {
  const { name, description, noun, validate } = definition;

  function accept(value: unknown, shown: string, node?: ValueNode): string {
    const check = validate(value);
    if (check.ok) return check.value;
    throw badInput(`Invalid ${noun} ${shown}: ${check.reason}.`, node);
  }

  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize(value) {
      if (typeof value !== 'string') throw new GraphQLError(`${name} cannot represent a non-string value.`);
      return value;
    },
    parseValue(value) {
      return accept(value, JSON.stringify(value) ?? String(value));
    },
    parseLiteral(node) {
      if (node.kind !== Kind.STRING) {
        throw badInput(`Invalid ${noun} ${print(node)}: must be a string in double quotes, got ${literalKind(node)}.`, node);
      }
      return accept(node.value, JSON.stringify(node.value), node);
    },
  });
}

function badInput(message: string, node: ValueNode | undefined): GraphQLError {
  return new GraphQLError(message, { ...(node ? { nodes: node } : {}), extensions: { code: 'BAD_USER_INPUT' } });
}

function literalKind(node: ValueNode): string {
  switch (node.kind) {
    case Kind.INT:
      return 'an integer';
    case Kind.FLOAT:
      return 'a float';
    case Kind.BOOLEAN:
      return 'a boolean';
    case Kind.NULL:
      return 'null';
    case Kind.ENUM:
      return 'an enum value';
    case Kind.LIST:
      return 'a list';
    case Kind.OBJECT:
      return 'an object';
    default:
      return 'a variable';
  }
}
