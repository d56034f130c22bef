/**
 * Decides every field an operation selects, before planning, and rewrites the document so that denied fields
 * are never fetched. Decisions are per field coordinate (`Type.field`); for a field selected through an
 * interface, the most restrictive decision among the types that can appear there applies. The walk honours
 * aliases, named and inline fragments, and @skip/@include with the request's variables, evaluated by graphql-js
 * (so strict mode lists only paths that would really be executed), and is linear in the document: each fragment
 * is decided once. Nothing is added for the audit (departments report what they
 * served): when no field is denied or masked the caller's document is planned as sent. A selection set left empty
 * by removal gets `__typename`, and when the response must be shaped afterwards, `__typename` is added under
 * abstract types so the shaping can tell the concrete type.
 */
import {
  GraphQLError, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, TypeInfo, getDirectiveValues, getLocation, getNamedType, isAbstractType,
  isInterfaceType, isObjectType, getVariableValues, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type FragmentDefinitionNode,
  type GraphQLCompositeType, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode
} from 'graphql';
import type { Decision, DenyDecision } from '../../sharing/index.ts';

export type { DenyDecision };

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
  /** Selections the decision walk visited: linear in the document, whatever its fragments expand to. */
  visited: number;
  /**
   * Fields aliased to a key of their entity, or to `__typename`: the federation planner fetches the key (and the
   * type name) under that same response name for its joins, so such an alias would be answered with the key's value (a raw
   * resident ID under `idNumber: birthDate`). The operation is refused (useSharingPolicy).
   */
  shadowed: ShadowedKey[];
  /**
   * Where the operation selects each entity key it reaches (response paths, at most 20 per key): a department
   * returns keys for the planner's joins wherever an entity is fetched, so a key counts as served to the caller only
   * where the answer holds it at one of these paths (record/recorder.ts).
   */
  keySelections: ReadonlyMap<string, readonly (readonly string[])[]>;
}

export interface DecideOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  /** The decision for a field of an object or interface type. */
  decideField(type: string, field: string): Decision;
  /** Entity key fields by type (the supergraph's @key): an alias may not take a key's name (see `shadowed`). */
  keyFields?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A field selected under an alias that is its parent entity's key name (or `__typename`), where the document says so. */
export interface ShadowedKey {
  alias: string;
  field: string;
  type: string;
  location: { line: number; column: number } | null;
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
  const included = inclusion(schema, input.operation, input.variables);
  let visited = 0;
  /**
   * What one selection set reaches, relative to it: each named fragment is collected once (its type condition is
   * its parent wherever it is spread) and reused at every spread, as graphql-js collectFields bounds its walk, so
   * the walk is linear in the document however often fragments spread each other. A fragment being collected is
   * not entered again (a cycle: validation refuses the document anyway).
   */
  const fragmentResults = new Map<string, Collected | 'collecting'>();
  const collect = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined | null): Collected => {
    const result: Collected = { reached: new Map(), denied: new Map(), masked: false, keys: new Map() };
    if (!parent) return result;
    const merge = (inner: Collected, prefix: string | null) => {
      for (const [item, decision] of inner.reached) result.reached.set(item, decision);
      if (inner.masked) result.masked = true;
      // Keyed by the response path: a fragment spread many times at one level denies one path, not thousands.
      for (const [path, denied] of inner.denied) {
        if (result.denied.size >= MAX_DENIED_PATHS) break;
        if (prefix === null) result.denied.set(path, denied);
        else result.denied.set(`${prefix}.${path}`, { path: [prefix, ...denied.path], decision: denied.decision });
      }
      for (const [item, paths] of inner.keys) {
        const into = result.keys.get(item) ?? [];
        for (const path of paths) if (into.length < MAX_KEY_PATHS) into.push(prefix === null ? path : [prefix, ...path]);
        result.keys.set(item, into);
      }
    };
    for (const selection of selectionSet.selections) {
      visited++;
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const decision = decideEffective(parent, name);
        result.reached.set(decision.item, decision);
        const key = selection.alias?.value ?? name;
        if (input.keyFields?.get(parent.name)?.has(name)) {
          const paths = result.keys.get(decision.item) ?? [];
          if (paths.length < MAX_KEY_PATHS) paths.push([key]);
          result.keys.set(decision.item, paths);
        }
        if (decision.effect === 'deny') {
          if (result.denied.size < MAX_DENIED_PATHS) result.denied.set(key, { path: [key], decision });
          continue;
        }
        if (decision.masked) result.masked = true;
        const fieldDef = parent.getFields()[name];
        if (selection.selectionSet && fieldDef) merge(collect(selection.selectionSet, getNamedType(fieldDef.type)), key);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        merge(collect(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent), null);
      } else {
        const name = selection.name.value;
        let known = fragmentResults.get(name);
        if (known === undefined) {
          const fragment = fragments.get(name);
          if (!fragment) continue;
          fragmentResults.set(name, 'collecting');
          known = collect(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
          fragmentResults.set(name, known);
        }
        if (known !== 'collecting') merge(known, null);
      }
    }
    return result;
  };
  const collected = collect(input.operation.selectionSet, schema.getRootType(input.operation.operation));
  const deniedPaths = [...collected.denied.values()];
  const shaping = deniedPaths.length > 0 || collected.masked;
  const result = shaping ? rewrite(input, decideEffective) : { document: input.document, changed: false, removed: [] as string[] };
  return {
    decide: (type, field) => {
      const named = schema.getType(type);
      return named ? decideEffective(named, field) : input.decideField(type, field);
    },
    deniedPaths,
    reached: [...collected.reached.values()],
    shaping,
    document: result.document,
    original: input.document,
    changed: result.changed,
    signature: [...new Set(result.removed)].sort().join(','),
    visited,
    shadowed: shadowedKeys(input),
    keySelections: collected.keys,
  };
}

interface Collected {
  reached: Map<string, Decision>;
  /** By response path (dot-joined). */
  denied: Map<string, DeniedPath>;
  masked: boolean;
  keys: Map<string, string[][]>;
}

/** Denied response paths listed at most (strict mode's answer, errors are per concrete path anyway). */
const MAX_DENIED_PATHS = 1_000;
/** Response paths kept per entity key selected. */
const MAX_KEY_PATHS = 20;

/**
 * Every field of the document aliased to a key of its entity, or to `__typename`, whether or not
 * @skip/@include keep it (the planner puts it in the subgraph operation either way). One pass over the document:
 * each fragment definition is visited once.
 */
function shadowedKeys(input: DecideOperationInput): ShadowedKey[] {
  const { schema, keyFields } = input;
  const found: ShadowedKey[] = [];
  const shadows = (parent: GraphQLNamedType, alias: string): boolean =>
    alias === '__typename' ||
    (keyFields !== undefined &&
      (keyFields.get(parent.name)?.has(alias) === true ||
        (isInterfaceType(parent) && schema.getPossibleTypes(parent).some((t) => keyFields.get(t.name)?.has(alias)))));
  const typeInfo = new TypeInfo(schema);
  visit(
    input.document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const alias = node.alias?.value;
        const parent = typeInfo.getParentType();
        if (!alias || alias === node.name.value || !parent || !shadows(parent, alias) || found.length >= MAX_DENIED_PATHS) return;
        const location = node.loc ? getLocation(node.loc.source, node.loc.start) : null;
        found.push({ alias, field: node.name.value, type: parent.name, location });
      },
    }),
  );
  return found;
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

/**
 * Whether a selection is included under @skip / @include, evaluated by graphql-js itself (`getDirectiveValues`)
 * with the request's variables coerced as execution will coerce them (defaults applied), so how a directive is
 * written (`@ include ( if : $s )`, comments) cannot change the answer. Variables that do not coerce (the request
 * fails at execution anyway) leave every selection included: more is decided, nothing is skipped unseen.
 */
export function inclusion(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): (selection: SelectionNode) => boolean {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 1 });
  if (coerced.errors) return () => true;
  const variables = coerced.coerced;
  return (selection) => {
    if (!selection.directives || selection.directives.length === 0) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
      if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) return false;
    } catch {
      return true;
    }
    return true;
  };
}

/** The error a denied field is answered with: what happened, the item, its level and provider, and the remedy. */
export function denialError(decision: DenyDecision): GraphQLError {
  // A reason may end a sentence of its own (the legal reasons quoted from the catalogue do): join without ".;".
  const reason = decision.reason.replace(/\.\s*$/, '');
  return new GraphQLError(`${reason}; to obtain it: ${decision.remedy}.`, {
    extensions: {
      code: 'UNAUTHORIZED_FIELD_OR_TYPE',
      item: decision.item,
      level: decision.level,
      provider: decision.provider,
      remedy: decision.remedy,
    },
  });
}
