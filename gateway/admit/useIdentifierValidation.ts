/**
 * Rejects an operation whose resident ID or credit code argument is malformed, at the gateway, before any
 * planning or subgraph call: a 400 with `BAD_USER_INPUT` naming the argument (and the variable it came from)
 * and the reason. Applies to any supergraph that has the `ResidentId` / `CreditCode` scalars; others pass.
 *
 * Where a document's identifiers are depends only on the document and the schema, so the typed walk that finds
 * them runs once per parsed document (Apollo keeps one parsed document per query text) and schema; a request then
 * checks the literal values found there and the values of the variables named there, in document order.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import { validateCreditCode, validateResidentId, type IdentifierCheck } from '../../sharing/identifiers/index.ts';

interface Validator {
  noun: string;
  validate: (value: unknown) => IdentifierCheck;
}

const VALIDATORS: Record<string, Validator> = {
  ResidentId: { noun: 'resident ID', validate: validateResidentId },
  CreditCode: { noun: 'credit code', validate: validateCreditCode },
};

/** One identifier position of a document: its literal values, or the variable whose values it takes. */
interface IdentifierSite {
  where: string;
  validator: Validator;
  node: ValueNode;
  variable: string | undefined;
  literals: unknown[];
}

export function useIdentifierValidation(): ApolloServerPlugin<BaseContext> {
  const sitesBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly IdentifierSite[]>>();
  const sitesOf = (schema: GraphQLSchema, document: DocumentNode): readonly IdentifierSite[] => {
    let bySchema = sitesBySchema.get(schema);
    if (!bySchema) sitesBySchema.set(schema, (bySchema = new WeakMap()));
    let sites = bySchema.get(document);
    if (!sites) bySchema.set(document, (sites = identifierSites(schema, document)));
    return sites;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const sites = sitesOf(schema, document);
          if (sites.length === 0) return;
          const variables = request.variables ?? {};
          for (const { where, validator, node, variable, literals } of sites) {
            const values = variable !== undefined ? flatten(variables[variable]) : literals;
            for (const value of values) {
              const result = validator.validate(value);
              if (result.ok) continue;
              const source = variable !== undefined ? ` (from variable $${variable})` : '';
              throw new GraphQLError(`${where}${source} is not a valid ${validator.noun}: ${result.reason}.`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...(variable ? { variableName: variable } : {}) },
              });
            }
          }
        },
      };
    },
  };
}

/** The document's resident ID and credit code positions, in document order. */
function identifierSites(schema: GraphQLSchema, document: DocumentNode): IdentifierSite[] {
  const typeInfo = new TypeInfo(schema);
  const sites: IdentifierSite[] = [];
  const site = (where: string, node: ValueNode) => {
    const type = typeInfo.getInputType();
    const validator = type ? VALIDATORS[getNamedType(type).name] : undefined;
    if (!validator) return;
    const variable = node.kind === 'Variable' ? node.name.value : undefined;
    sites.push({ where, validator, node, variable, literals: literalStrings(node) });
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        site(`Argument "${node.name.value}" of ${typeInfo.getParentType()?.name}.${typeInfo.getFieldDef()?.name}`, node.value);
      },
      ObjectField(node) {
        site(`Input field "${node.name.value}"`, node.value);
      },
    }),
  );
  return sites;
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
