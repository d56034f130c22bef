/**
 * Shapes the gateway's result for the caller after execution: every denied field comes back null with an
 * `UNAUTHORIZED_FIELD_OR_TYPE` error at its concrete path (list indices included), null propagating through
 * non-null fields exactly as GraphQL specifies, and masked items (keys travel raw between gateway and
 * departments) are masked.
 *
 * One pass over the answer, with a plan compiled once per cached operation decision: the caller's document as
 * sent, its fields collected per concrete type exactly as graphql-js collects them (aliases, named and inline
 * fragments, type conditions, @skip/@include under the request's variables), each response key with what to do
 * there (copy, mask, deny, descend). The plan is built lazily, the first time a type is reached at a position,
 * and kept with the decisions (decide/decisionCache.ts), so a repeated operation walks its answer and nothing
 * else. The answer is the one graphql-js would give re-executing the document over the fetched data (the former
 * implementation, kept as the oracle of test/property/shaper.test.ts), at a fraction of its cost.
 */
import {
  GraphQLError, buildASTSchema, executeSync, getLocation, getOperationAST, isAbstractType, isLeafType, isListType, isNonNullType,
  isObjectType, parse, printSchema, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLAbstractType,
  type GraphQLFormattedError, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema, type SelectionSetNode
} from 'graphql';
import type { Decision } from '../../sharing/index.ts';
import { maskValue } from '../../sharing/masking.ts';
import { denialError, inclusion, type DenyDecision, type OperationDecisions } from '../decide/operationDecisions.ts';

export interface ShapeInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  data: Record<string, unknown>;
  decisions: OperationDecisions;
  /**
   * Root response keys of `__schema` / `__type` fields and the schema the caller may see: introspection is
   * answered from it, so hidden items stay hidden.
   */
  introspection?: { schema: GraphQLSchema; keys: readonly string[] };
  /** The caller department's masking key (sharing/masking.ts): masked keys become its pseudonyms. */
  maskingKey: Buffer | null;
}

export interface Shaped {
  data: Record<string, unknown> | null;
  /** In execution order; denials of nullable fields as plain formatted errors (what GraphQLError#toJSON gives). */
  errors: readonly (GraphQLError | GraphQLFormattedError)[];
}

/**
 * The API schema without the gateway's own resolvers (graphql-js uses a field's `resolve` before the
 * `fieldResolver` option), built once per schema the gateway serves: what introspection is answered from.
 */
const resolverFreeSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();
export function resolverFree(schema: GraphQLSchema): GraphQLSchema {
  let plain = resolverFreeSchemas.get(schema);
  if (!plain) {
    plain = buildASTSchema(parse(printSchema(schema)), { assumeValidSDL: true });
    resolverFreeSchemas.set(schema, plain);
  }
  return plain;
}

/** What to do at one response key of an object of one concrete type. */
type Step =
  | { kind: 'typename'; key: string }
  /** A root `__schema` / `__type`: Apollo answered it; replaced below when the caller may see less. */
  | { kind: 'copy'; key: string }
  | { kind: 'deny'; key: string; nonNull: boolean; decision: DenyDecision; nodes: FieldNode[]; denial: Omit<GraphQLFormattedError, 'path'> }
  | ValueStep;

interface ValueStep {
  kind: 'value';
  key: string;
  nonNull: boolean;
  masked: boolean;
  /** The denial through an interface, when the field was not fetched because of it. */
  through: { decision: DenyDecision; denial: Omit<GraphQLFormattedError, 'path'> } | null;
  nodes: FieldNode[];
  /** Completes the field's value: its type's wrappers, leaves and objects turned into code once. */
  complete: Completer;
}

/** One shaping's state: the errors so far and where the walk is. */
interface Walk {
  plan: Plan;
  maskingKey: Buffer | null;
  path: (string | number)[];
  /** Denials in execution order (listed first, as the former re-execution listed them). */
  denials: (GraphQLError | GraphQLFormattedError)[];
  /** Every other error, in execution order. */
  errors: GraphQLError[];
}

type Completer = (walk: Walk, value: unknown) => Completed;

interface Plan {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  root: Step[] | null;
  rootType: GraphQLObjectType;
  stepsOf(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Step[];
}

/** Plans kept with the decisions they were compiled for (one per cached operation, caller and variables). */
const plans = new WeakMap<OperationDecisions, Plan>();

/** The marker of a null that must propagate to the nearest nullable position (its error is already recorded). */
const BUBBLE: unique symbol = Symbol('bubble');
type Completed = unknown | typeof BUBBLE;

export function shapeResponse(input: ShapeInput): Shaped {
  const plan = planFor(input);
  if (!plan) return { data: input.data, errors: [] };
  const walk: Walk = { plan, maskingKey: input.maskingKey, path: [], denials: [], errors: [] };
  const root = (plan.root ??= plan.stepsOf(plan.rootType, [getOperationAST(plan.document, plan.operationName)!.selectionSet]));
  const completed = completeObject(walk, plan.rootType, root, input.data);
  const data = completed === BUBBLE ? null : (completed as Record<string, unknown>);
  if (data && input.introspection && input.introspection.keys.length > 0) {
    const visible = executeSync({
      schema: input.introspection.schema,
      document: input.document,
      operationName: input.operationName,
      variableValues: input.variables,
      rootValue: {},
      fieldResolver: () => null,
    });
    const introspected = (visible.data ?? {}) as Record<string, unknown>;
    for (const key of input.introspection.keys) data[key] = introspected[key] ?? null;
  }
  const { denials, errors } = walk;
  return { data, errors: errors.length === 0 ? denials : [...denials, ...errors] };
}

function located(walk: Walk, message: string, nodes: readonly FieldNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, path: [...walk.path] });
}

function completeObject(walk: Walk, type: GraphQLObjectType, steps: readonly Step[], source: Record<string, unknown>): Completed {
  const out: Record<string, unknown> = {};
  const { path } = walk;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const { key } = step;
    if (step.kind === 'value') {
      let value = source[key];
      if (value === undefined && step.through && !(key in source)) {
        // Not fetched: removed because it was selected through an interface whose effective decision denies it.
        path.push(key);
        if (step.nonNull) {
          walk.denials.push(locatedDenial(step.through.decision, step.nodes, path));
          path.pop();
          return BUBBLE;
        }
        walk.denials.push(denialAt(step.through.denial, path));
        path.pop();
        out[key] = null;
        continue;
      }
      path.push(key);
      if (step.masked) {
        try {
          value = maskValue(value, walk.maskingKey);
        } catch (error) {
          walk.errors.push(located(walk, (error as Error).message, step.nodes));
          path.pop();
          if (step.nonNull) return BUBBLE;
          out[key] = null;
          continue;
        }
      }
      const completed = step.complete(walk, value);
      path.pop();
      if (completed === BUBBLE) {
        if (step.nonNull) return BUBBLE;
        out[key] = null;
      } else {
        out[key] = completed;
      }
    } else if (step.kind === 'deny') {
      path.push(key);
      if (step.nonNull) {
        walk.denials.push(locatedDenial(step.decision, step.nodes, path));
        path.pop();
        return BUBBLE;
      }
      walk.denials.push(denialAt(step.denial, path));
      path.pop();
      out[key] = null;
    } else if (step.kind === 'typename') {
      out[key] = type.name;
    } else {
      out[key] = source[key] ?? null;
    }
  }
  return out;
}

/**
 * The completion of a value of `type` at a field, as graphql-js completes it (null through non-null propagates,
 * list items one by one, leaves serialized, objects by their concrete type's steps), turned into closures once so
 * that an answer's walk asks no type predicate per value.
 */
function completerOf(plan: Plan, type: GraphQLOutputType, coordinate: string, nodes: FieldNode[]): Completer {
  if (isNonNullType(type)) {
    const inner = completerOf(plan, type.ofType, coordinate, nodes);
    const message = `Cannot return null for non-nullable field ${coordinate}.`;
    return (walk, value) => {
      const completed = inner(walk, value);
      if (completed !== null) return completed;
      walk.errors.push(located(walk, message, nodes));
      return BUBBLE;
    };
  }
  if (isListType(type)) {
    const itemType = type.ofType as GraphQLOutputType;
    const item = completerOf(plan, itemType, coordinate, nodes);
    const itemsNonNull = isNonNullType(itemType);
    const message = `Expected Iterable, but did not find one for field "${coordinate}".`;
    return (walk, value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) {
        walk.errors.push(located(walk, message, nodes));
        return BUBBLE;
      }
      const out = new Array<unknown>(value.length);
      const { path } = walk;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const completed = item(walk, value[i]);
        path.pop();
        if (completed === BUBBLE) {
          if (itemsNonNull) return BUBBLE;
          out[i] = null;
        } else {
          out[i] = completed;
        }
      }
      return out;
    };
  }
  if (isLeafType(type)) {
    // Serialized as graphql-js would: a string of a String or ID as it is, anything else through its type (a
    // masked value an enum cannot represent is an error there, not an invalid answer).
    const text = type.name === 'String' || type.name === 'ID';
    return (walk, value) => {
      if (value === null || value === undefined) return null;
      if (text && typeof value === 'string') return value;
      let serialized: unknown;
      try {
        serialized = type.serialize(value);
      } catch (error) {
        walk.errors.push(located(walk, (error as Error).message, nodes));
        return BUBBLE;
      }
      if (serialized === null || serialized === undefined) {
        walk.errors.push(located(walk, `Expected \`${type.name}.serialize(${JSON.stringify(value)})\` to return non-nullable value, returned: ${String(serialized)}`, nodes));
        return BUBBLE;
      }
      return serialized;
    };
  }
  const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  // The steps of the subselection per concrete type, built when first reached.
  const stepsByType = new Map<string, Step[]>();
  const stepsFor = (runtime: GraphQLObjectType): Step[] => {
    let steps = stepsByType.get(runtime.name);
    if (!steps) stepsByType.set(runtime.name, (steps = plan.stepsOf(runtime, selectionSets)));
    return steps;
  };
  if (isObjectType(type)) {
    return (walk, value) => (value === null || value === undefined ? null : completeObject(walk, type, stepsFor(type), value as Record<string, unknown>));
  }
  const abstract = type as GraphQLAbstractType;
  return (walk, value) => {
    if (value === null || value === undefined) return null;
    const object = value as Record<string, unknown>;
    const named = typeof object.__typename === 'string' ? plan.schema.getType(object.__typename) : undefined;
    if (!named || !isObjectType(named) || !plan.schema.isSubType(abstract, named)) {
      walk.errors.push(
        located(
          walk,
          named
            ? `Runtime Object type "${named.name}" is not a possible type for "${abstract.name}".`
            : `Abstract type "${abstract.name}" must resolve to an Object type at runtime for field "${coordinate}". Either the "${abstract.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
          nodes,
        ),
      );
      return BUBBLE;
    }
    return completeObject(walk, named, stepsFor(named), object);
  };
}

/** The plan of these decisions for this document, compiled on first use; null when there is no operation to shape by. */
function planFor(input: ShapeInput): Plan | null {
  const known = plans.get(input.decisions);
  if (known && known.schema === input.schema && known.document === input.document && known.operationName === input.operationName) return known;
  const { schema, document, decisions } = input;
  const operation = getOperationAST(document, input.operationName);
  const rootType = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const included = inclusion(schema, operation, input.variables);
  const matches = (condition: string | undefined, type: GraphQLObjectType): boolean => {
    if (condition === undefined || condition === type.name) return true;
    const conditional = schema.getType(condition);
    return conditional !== undefined && isAbstractType(conditional) && schema.isSubType(conditional, type);
  };
  // graphql-js's collectFields: response keys in first-seen order, each named fragment once per collection.
  const collect = (type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> => {
    const fields = new Map<string, FieldNode[]>();
    const visitedFragments = new Set<string>();
    const walk = (selectionSet: SelectionSetNode): void => {
      for (const selection of selectionSet.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const nodes = fields.get(key);
          if (nodes) nodes.push(selection);
          else fields.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (matches(selection.typeCondition?.name.value, type)) walk(selection.selectionSet);
        } else {
          const name = selection.name.value;
          if (visitedFragments.has(name)) continue;
          visitedFragments.add(name);
          const fragment = fragments.get(name);
          if (fragment && matches(fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
        }
      }
    };
    for (const selectionSet of selectionSets) walk(selectionSet);
    return fields;
  };
  const isRoot = (type: GraphQLObjectType) => type === schema.getQueryType();
  const stepsOf = (type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Step[] => {
    const steps: Step[] = [];
    for (const [key, nodes] of collect(type, selectionSets)) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') {
        steps.push({ kind: 'typename', key });
        continue;
      }
      if ((name === '__schema' || name === '__type') && isRoot(type)) {
        steps.push({ kind: 'copy', key });
        continue;
      }
      const field = type.getFields()[name];
      if (!field) continue; // graphql-js skips a field its schema lacks (validation refused it already)
      const decision = decisions.decide(type.name, name);
      if (decision.effect === 'deny') {
        steps.push({ kind: 'deny', key, nonNull: isNonNullType(field.type), decision, nodes, denial: denialOfNode(decision, nodes[0]!) });
        continue;
      }
      const coordinate = `${type.name}.${name}`;
      steps.push({
        kind: 'value',
        key,
        nonNull: isNonNullType(field.type),
        masked: decision.masked,
        through: deniedThrough(decisions, type, name, nodes[0]!),
        nodes,
        complete: completerOf(plan, field.type, coordinate, nodes),
      });
    }
    return steps;
  };
  const plan: Plan = { schema, document, operationName: input.operationName, root: null, rootType, stepsOf };
  plans.set(decisions, plan);
  return plan;
}

function deniedThrough(decisions: OperationDecisions, type: GraphQLObjectType, field: string, node: FieldNode): ValueStep['through'] {
  for (const iface of type.getInterfaces()) {
    const through: Decision = decisions.decide(iface.name, field);
    if (through.effect === 'deny') return { decision: through, denial: denialOfNode(through, node) };
  }
  return null;
}

/** A denial of a nullable field, without its path: one message and location per field node, whatever the list sizes. */
function denialOfNode(decision: DenyDecision, node: FieldNode): Omit<GraphQLFormattedError, 'path'> {
  const { message, extensions } = denialParts(decision);
  const location = node.loc ? getLocation(node.loc.source, node.loc.start) : undefined;
  return { message, ...(location && { locations: [location] }), extensions };
}

function denialAt(denial: Omit<GraphQLFormattedError, 'path'>, path: readonly (string | number)[]): GraphQLFormattedError {
  const { message, locations, extensions } = denial;
  return locations ? { message, locations, path: [...path], extensions } : { message, path: [...path], extensions };
}

/** A denial of a non-null field, located (path and node) as graphql-js reports a thrown error. */
function locatedDenial(decision: DenyDecision, nodes: readonly FieldNode[], path: readonly (string | number)[]): GraphQLError {
  const { message, extensions } = denialError(decision);
  return new GraphQLError(message, { nodes, path: [...path], extensions });
}

/**
 * Message and extensions of a decision's denial, built once per decision object: decisions are cached per
 * operation and caller (decide/decisionCache.ts), so a repeated operation reuses them. They are never mutated.
 */
const denialPartsOf = new WeakMap<DenyDecision, { message: string; extensions: GraphQLFormattedError['extensions'] }>();
function denialParts(decision: DenyDecision): { message: string; extensions: GraphQLFormattedError['extensions'] } {
  let parts = denialPartsOf.get(decision);
  if (!parts) {
    const { message, extensions } = denialError(decision);
    denialPartsOf.set(decision, (parts = { message, extensions }));
  }
  return parts;
}
