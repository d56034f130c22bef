import {
  graphql,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CreditCodeScalar, ResidentIdScalar } from '../../subgraphs/kit/scalars.ts';

/** A tiny schema whose fields echo the identifier they receive, so a test sees what a resolver would get. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      person: {
        type: GraphQLString,
        args: { idNumber: { type: new GraphQLNonNull(ResidentIdScalar) } },
        resolve: (_source, args: { idNumber: string }) => `person ${args.idNumber}`,
      },
      enterprise: {
        type: GraphQLString,
        args: { creditCode: { type: new GraphQLNonNull(CreditCodeScalar) } },
        resolve: (_source, args: { creditCode: string }) => `enterprise ${args.creditCode}`,
      },
    },
  }),
});

/** The result as a client receives it (errors serialized as in a response). */
async function execute(source: string, variableValues?: Record<string, unknown>): Promise<unknown> {
  const result: ExecutionResult = await graphql({ schema, source, variableValues });
  return JSON.parse(JSON.stringify(result));
}

const PERSON_BY_VARIABLE = 'query ($id: ResidentId!) { person(idNumber: $id) }';

describe('ResidentId', () => {
  it('passes a valid ID to the resolver', async () => {
    expect(await execute(PERSON_BY_VARIABLE, { id: '11010519491231002X' })).toEqual({
      data: { person: 'person 11010519491231002X' },
    });
  });

  it('normalizes a lowercase x before the resolver sees it', async () => {
    expect(await execute(PERSON_BY_VARIABLE, { id: '11010519491231002x' })).toEqual({
      data: { person: 'person 11010519491231002X' },
    });
  });

  it('rejects a malformed variable with BAD_USER_INPUT, quoting the value and the reason', async () => {
    expect(await execute(PERSON_BY_VARIABLE, { id: '11010119900307123' })).toEqual({
      errors: [
        {
          message:
            'Variable "$id" got invalid value "11010119900307123"; Invalid resident ID "11010119900307123": must be 18 characters, got 17.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('rejects a variable that is not a string', async () => {
    expect(await execute(PERSON_BY_VARIABLE, { id: 110105194912310020 })).toEqual({
      errors: [
        {
          message: 'Variable "$id" got invalid value 110105194912310020; Invalid resident ID 110105194912310020: must be a string, got a number.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('rejects a malformed literal with BAD_USER_INPUT at the literal', async () => {
    expect(await execute('{ person(idNumber: "110105194912310021") }')).toEqual({
      errors: [
        {
          message: 'Invalid resident ID "110105194912310021": check digit should be X, got 1.',
          locations: [{ line: 1, column: 20 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('rejects a literal that is not a string', async () => {
    expect(await execute('{ person(idNumber: 110105194912310020) }')).toEqual({
      errors: [
        {
          message: 'Invalid resident ID 110105194912310020: must be a string in double quotes, got an integer.',
          locations: [{ line: 1, column: 20 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('serializes the stored string as it is and refuses anything else', () => {
    expect(ResidentIdScalar.serialize('11010519491231002X')).toBe('11010519491231002X');
    expect(() => ResidentIdScalar.serialize(110105)).toThrow('ResidentId cannot represent a non-string value.');
  });

  it('describes itself for schema readers', () => {
    expect(ResidentIdScalar.description).toMatch(/^An 18-character resident identity number \(GB 11643\)/);
  });
});

describe('CreditCode', () => {
  it('passes a valid code to the resolver, normalized to uppercase', async () => {
    expect(await execute('{ enterprise(creditCode: "91350100m000100y43") }')).toEqual({
      data: { enterprise: 'enterprise 91350100M000100Y43' },
    });
  });

  it('rejects a code with an illegal character, naming it and its position', async () => {
    expect(await execute('query ($code: CreditCode!) { enterprise(creditCode: $code) }', { code: '91350100M0001O0Y43' })).toEqual({
      errors: [
        {
          message:
            'Variable "$code" got invalid value "91350100M0001O0Y43"; Invalid credit code "91350100M0001O0Y43": ' +
            'character 14 ("O") is not allowed: use digits and the letters ABCDEFGHJKLMNPQRTUWXY (no I, O, Z, S, V).',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('describes itself for schema readers', () => {
    expect(CreditCodeScalar.description).toMatch(/^An 18-character unified social credit code \(GB 32100\)/);
  });
});
