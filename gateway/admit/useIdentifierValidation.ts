/**
 * Rejects an operation whose resident ID or credit code argument is malformed, at the gateway, before any
 * planning or subgraph call: a 400 with `BAD_USER_INPUT` naming the argument (and the variable it came from)
 * and the reason. Applies to any supergraph that has the `ResidentId` / `CreditCode` scalars; others pass.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, TypeInfo, getNamedType, visit, visitWithTypeInfo, type GraphQLInputType, type ValueNode } from 'graphql';
import { validateCreditCode, validateResidentId, type IdentifierCheck } from '../../sharing/identifiers/index.ts';

const VALIDATORS: Record<string, { noun: string; validate: (value: unknown) => IdentifierCheck }> = {
  ResidentId: { noun: 'resident ID', validate: validateResidentId },
  CreditCode: { noun: 'credit code', validate: validateCreditCode },
};

export function useIdentifierValidation(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const typeInfo = new TypeInfo(schema);
          const variables = request.variables ?? {};
          let problem: GraphQLError | undefined;
          const check = (where: string, type: GraphQLInputType | null | undefined, node: ValueNode) => {
            if (problem || !type) return;
            const validator = VALIDATORS[getNamedType(type).name];
            if (!validator) return;
            const fromVariable = node.kind === 'Variable' ? node.name.value : undefined;
            const values = fromVariable !== undefined ? flatten(variables[fromVariable]) : literalStrings(node);
            for (const value of values) {
              const result = validator.validate(value);
              if (result.ok) continue;
              const source = fromVariable !== undefined ? ` (from variable $${fromVariable})` : '';
              problem = new GraphQLError(`${where}${source} is not a valid ${validator.noun}: ${result.reason}.`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...(fromVariable ? { variableName: fromVariable } : {}) },
              });
              return;
            }
          };
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              Argument(node) {
                const field = typeInfo.getParentType()?.name;
                const fieldName = typeInfo.getFieldDef()?.name;
                check(`Argument "${node.name.value}" of ${field}.${fieldName}`, typeInfo.getInputType(), node.value);
              },
              ObjectField(node) {
                check(`Input field "${node.name.value}"`, typeInfo.getInputType(), node.value);
              },
            }),
          );
          if (problem) throw problem;
        },
      };
    },
  };
}

/** Values of a variable, with lists flattened (null and absent values are left to GraphQL's own rules). */
function flatten(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function literalStrings(node: ValueNode): unknown[] {
  if (node.kind === 'ListValue') return node.values.flatMap(literalStrings);
  if (node.kind === 'StringValue') return [node.value];
  if (node.kind === 'NullValue' || node.kind === 'Variable' || node.kind === 'ObjectValue') return [];
  return [node.kind === 'IntValue' || node.kind === 'FloatValue' ? Number(node.value) : node.kind];
}

