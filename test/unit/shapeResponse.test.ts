/**
 * The response shaping on its own, over a small schema: a denied nullable field is null with one
 * UNAUTHORIZED_FIELD_OR_TYPE error per concrete path (list indices included, location of the field), a denied
 * non-null field nulls its nearest nullable parent as GraphQL specifies, and the errors come in execution order.
 */
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decideOperation } from '../../gateway/decide/operationDecisions.ts';
import { shapeResponse } from '../../gateway/shape/shapeResponse.ts';
import type { Decision } from '../../sharing/index.ts';

const schema = buildSchema(`
  type Query { enterprises: [Enterprise!]! }
  type Enterprise { creditCode: String! name: String arrears: Int representative: Person }
  type Person { name: String secret: String! }
`);
const DENIED = new Set(['Enterprise.arrears', 'Person.secret']);

function decideField(type: string, field: string): Decision {
  const item = `${type}.${field}`;
  return DENIED.has(item)
    ? { effect: 'deny', item, level: 'CONDITIONAL', provider: 'tax', reason: `${item} is CONDITIONAL`, remedy: `apply to tax for ${item}` }
    : { effect: 'allow', item, level: 'UNCONDITIONAL', provider: 'tax', masked: false, basis: 'unconditional', agreementId: null };
}

function shape(query: string, data: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const decisions = decideOperation({ schema, document, operation, variables: {}, decideField });
  const shaped = shapeResponse({ schema, document, operationName: undefined, variables: {}, data, decisions, maskingKey: null });
  return JSON.parse(JSON.stringify(shaped));
}

const error = (item: string, path: (string | number)[], line: number, column: number) => ({
  message: `${item} is CONDITIONAL; to obtain it: apply to tax for ${item}.`,
  locations: [{ line, column }],
  path,
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', item, level: 'CONDITIONAL', provider: 'tax', remedy: `apply to tax for ${item}` },
});

describe('shapeResponse', () => {
  it('nulls a denied nullable field in every list item, with one error per concrete path', () => {
    const query = '{\n  enterprises {\n    creditCode\n    owed: arrears\n  }\n}';
    const data = { enterprises: [{ creditCode: 'A' }, { creditCode: 'B' }] };
    expect(shape(query, data)).toEqual({
      data: { enterprises: [{ creditCode: 'A', owed: null }, { creditCode: 'B', owed: null }] },
      errors: [error('Enterprise.arrears', ['enterprises', 0, 'owed'], 4, 5), error('Enterprise.arrears', ['enterprises', 1, 'owed'], 4, 5)],
    });
  });

  it('nulls the nearest nullable parent of a denied non-null field, keeping the errors in execution order', () => {
    const query = '{ enterprises { creditCode arrears representative { name secret } } }';
    const data = { enterprises: [{ creditCode: 'A', representative: { name: 'Li' } }] };
    expect(shape(query, data)).toEqual({
      data: { enterprises: [{ creditCode: 'A', arrears: null, representative: null }] },
      errors: [
        error('Enterprise.arrears', ['enterprises', 0, 'arrears'], 1, 28),
        error('Person.secret', ['enterprises', 0, 'representative', 'secret'], 1, 58),
      ],
    });
  });
});
