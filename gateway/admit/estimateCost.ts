/**
 * Estimates what an operation will make the departments do, before it is planned: each object (or interface,
 * union) selected costs 1, a mutation's root field 10, scalars nothing, and everything under a list is multiplied
 * by the list's size: its `first` / `last` / `limit` argument (a literal or the variable's value), the size
 * argument of the connection field above it (`enterprises(first: 500) { nodes { … } }`), or else the assumed
 * list size. Nested lists multiply, which is how a cost explosion shows up. A fragment costs what its selections
 * would cost where it is spread: the size of the connection above it (`enterprises(first: 1000) { ...F }` with
 * `F on EnterpriseConnection { nodes { … } }` is 1000 × F's nodes) and the root weight carry into it. Each fragment
 * is costed once per (size, weight) it is spread under, so the estimate is linear in the document. Works on a
 * validated document.
 */
import {
  GraphQLList, GraphQLNonNull, getNamedType, isCompositeType, isInterfaceType, isObjectType, Kind, type DocumentNode, type FieldNode,
  type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode,
  type SelectionSetNode
} from 'graphql';

const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit', 'pageSize']);
const SATURATED = 1e12;

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  assumedListSize: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, unknown>();
  for (const variable of operation.variableDefinitions ?? []) {
    if (variable.defaultValue?.kind === Kind.INT) defaults.set(variable.variable.name.value, Number(variable.defaultValue.value));
  }
  const sizeOf = (field: FieldNode): number | null => {
    for (const argument of field.arguments ?? []) {
      if (!SIZE_ARGUMENTS.has(argument.name.value)) continue;
      const value = argument.value;
      if (value.kind === Kind.INT) return Number(value.value);
      if (value.kind === Kind.VARIABLE) {
        const given = variables[value.name.value] ?? defaults.get(value.name.value);
        if (typeof given === 'number' && Number.isInteger(given) && given >= 0) return given;
      }
    }
    return null;
  };
  const fragmentCosts = new Map<string, number>();
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined | null, inheritedSize: number | null, rootWeight: number): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const definition = parent.getFields()[selection.name.value];
        if (!definition) continue;
        const type = definition.type instanceof GraphQLNonNull ? definition.type.ofType : definition.type;
        const named = getNamedType(type);
        const ownSize = sizeOf(selection);
        const isList = type instanceof GraphQLList;
        const size = isList ? (ownSize ?? inheritedSize ?? assumedListSize) : 1;
        const weight = isCompositeType(named) ? rootWeight : 0;
        const below = selection.selectionSet ? costOf(selection.selectionSet, named, isList ? null : ownSize, 1) : 0;
        total = Math.min(SATURATED, total + size * (weight + below));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total = Math.min(SATURATED, total + costOf(selection.selectionSet, type, inheritedSize, rootWeight));
      } else {
        const name = selection.name.value;
        const key = `${name}|${inheritedSize ?? ''}|${rootWeight}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          const fragment = fragments.get(name);
          // Marked first: a fragment spreading itself (refused at validation) costs nothing more here.
          fragmentCosts.set(key, 0);
          cost = fragment ? costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inheritedSize, rootWeight) : 0;
          fragmentCosts.set(key, cost);
        }
        total = Math.min(SATURATED, total + cost);
      }
    }
    return total;
  };
  const root: GraphQLCompositeType | null | undefined = schema.getRootType(operation.operation);
  return costOf(operation.selectionSet, root, null, operation.operation === 'mutation' ? 10 : 1);
}
