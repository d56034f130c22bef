/**
 * Decides every field an operation selects, before planning, and rewrites the document so that denied fields
 * are never fetched. Decisions are per field coordinate (`Type.field`); for a field selected through an
 * interface, the most restrictive decision among the types that can appear there applies. The walk honours
 * aliases, named and inline fragments, and @skip/@include with the request's variables (so strict mode lists
 * only paths that would really be executed). Nothing is added for the audit (departments report what they
 * served): when no field is denied or masked the caller's document is planned as sent. A selection set left empty
 * by removal gets `__typename`, and when the response must be shaped afterwards, `__typename` is added under
 * abstract types so the shaping can tell the concrete type.
 */
import {
  Kind,
  TypeInfo,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Decision } from '../../sharing/index.ts';

export type DenyDecision = Extract<Decision, { effect: 'deny' }>;

export interface DeniedPath {
  /** Response path without list indices, e.g. `['enterprises', 'nodes', 'legalRepresentative', 'maritalStatus']`. */
  path: string[];
  decision: DenyDecision;
}

export interface OperationDecisions {
  /** The effective decision per coordinate reached (abstract coordinates included). */
  decide(type: string, field: string): Decision;
  deniedPaths: DeniedPath[];
  /** Every decision for a field the operation really selects (skipped ones excluded), one per coordinate. */
  reached: Decision[];
  /** True when the response must be shaped (a field is denied or masked). */
  shaping: boolean;
  /** The document to plan: the original when nothing had to change. */
  document: DocumentNode;
  /** The caller's document as sent (what the response is shaped by). */
  original: DocumentNode;
  changed: boolean;
  /** Sorted denied coordinates: what distinguishes this rewrite from another caller's. */
  signature: string;
}

export interface DecideOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  /** The decision for a field of an object or interface type. */
  decideField(type: string, field: string): Decision;
}

export function decideOperation(input: DecideOperationInput): OperationDecisions {
  const { schema } = input;
  const memo = new Map<string, Decision>();
  const decideEffective = (type: GraphQLNamedType, field: string): Decision => {
    const coordinate = `${type.name}.${field}`;
    const known = memo.get(coordinate);
    if (known) return known;
    let decision: Decision;
    if (isInterfaceType(type)) {
      const candidates = schema.getPossibleTypes(type).map((t) => input.decideField(t.name, field));
      decision = candidates.find((d) => d.effect === 'deny') ?? candidates.find((d) => d.effect === 'allow' && d.masked) ?? candidates[0] ?? input.decideField(type.name, field);
    } else {
      decision = input.decideField(type.name, field);
    }
    memo.set(coordinate, decision);
    return decision;
  };

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = withDefaults(input.operation, input.variables);
  const denied = new Map<string, DeniedPath>();
  const reached = new Map<string, Decision>();
  let masked = false;
  const collect = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined | null, path: string[]): void => {
    if (!parent) return;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const decision = decideEffective(parent, name);
        reached.set(decision.item, decision);
        const responsePath = [...path, selection.alias?.value ?? name];
        if (decision.effect === 'deny') {
          denied.set(responsePath.join('.'), { path: responsePath, decision });
          continue;
        }
        if (decision.masked) masked = true;
        const fieldDef = parent.getFields()[name];
        if (selection.selectionSet && fieldDef) collect(selection.selectionSet, getNamedType(fieldDef.type), responsePath);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, path);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), path);
      }
    }
  };
  collect(input.operation.selectionSet, schema.getRootType(input.operation.operation), []);

  const deniedPaths = [...denied.values()];
  const shaping = deniedPaths.length > 0 || masked;
  const result = shaping ? rewrite(input, decideEffective) : { document: input.document, changed: false, removed: [] as string[] };
  return {
    decide: (type, field) => {
      const named = schema.getType(type);
      return named ? decideEffective(named, field) : input.decideField(type, field);
    },
    deniedPaths,
    reached: [...reached.values()],
    shaping,
    document: result.document,
    original: input.document,
    changed: result.changed,
    signature: [...new Set(result.removed)].sort().join(','),
  };
}

function rewrite(input: DecideOperationInput, decideEffective: (type: GraphQLNamedType, field: string) => Decision) {
  const typeInfo = new TypeInfo(input.schema);
  const removed: string[] = [];
  let changed = false;
  const document = visit(
    input.document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
          if (decideEffective(parent, node.name.value).effect !== 'deny') return undefined;
          removed.push(`${parent.name}.${node.name.value}`);
          changed = true;
          return null;
        },
        leave(node) {
          const type = typeInfo.getType();
          if (!node.selectionSet || !type) return undefined;
          const named = getNamedType(type);
          const wanted = isAbstractType(named as GraphQLCompositeType) ? ['__typename'] : [];
          const missing = wanted.filter(
            (name) => !node.selectionSet!.selections.some((s) => s.kind === Kind.FIELD && s.name.value === name && !s.alias),
          );
          if (missing.length === 0) return undefined;
          changed = true;
          return { ...node, selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, ...missing.map(fieldNamed)] } };
        },
      },
      SelectionSet: {
        leave(node) {
          if (node.selections.length > 0) return undefined;
          changed = true;
          return { ...node, selections: [typenameField()] };
        },
      },
    }),
  );
  return { document: changed ? document : input.document, changed, removed };
}

function typenameField(): FieldNode {
  return fieldNamed('__typename');
}

function fieldNamed(name: string): FieldNode {
  return { kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } };
}

/** The request's variables, with the operation's literal Boolean defaults for those not given. */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.BOOLEAN) merged[definition.variable.name.value] = definition.defaultValue.value;
  }
  return { ...merged, ...variables };
}

/** @skip / @include with literal or variable conditions (absent variables count as false, as graphql-js does). */
function isIncluded(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if');
    if (!argument) continue;
    const value =
      argument.value.kind === Kind.BOOLEAN
        ? argument.value.value
        : argument.value.kind === Kind.VARIABLE
          ? variables[argument.value.name.value] === true
          : false;
    if (name === 'skip' && value) return false;
    if (name === 'include' && !value) return false;
  }
  return true;
}
