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
 * and kept with the decisions (policy/decisionCache.ts), so a repeated operation walks its answer and nothing
 * else. The answer is the one graphql-js would give re-executing the document over the fetched data (the former
 * implementation, kept as the oracle of test/property/shaper.test.ts), at a fraction of its cost.
 */
import {
  GraphQLError,
  buildASTSchema,
  executeSync,
  getLocation,
  getOperationAST,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  printSchema,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Decision } from '../../sharing/index.ts';
import { maskValue } from '../../sharing/masking.ts';
import { inclusion, type DenyDecision, type OperationDecisions } from './operationDecisions.ts';

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
  | {
      kind: 'value';
      key: string;
      type: GraphQLOutputType;
      masked: boolean;
      /** The denial through an interface, when the field was not fetched because of it. */
      through: { decision: DenyDecision; denial: Omit<GraphQLFormattedError, 'path'> } | null;
      coordinate: string;
      nodes: FieldNode[];
      /** Concrete type name -> the steps of its subselection, built when first reached. */
      sub: Map<string, Step[]> | null;
    };

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
  // Denials in execution order, then every other error in execution order (as the former re-execution listed them).
  const denials: (GraphQLError | GraphQLFormattedError)[] = [];
  const errors: GraphQLError[] = [];
  const path: (string | number)[] = [];
  const { maskingKey } = input;

  const located = (message: string, nodes: readonly FieldNode[]): GraphQLError => new GraphQLError(message, { nodes, path: [...path] });

  const completeObject = (type: GraphQLObjectType, steps: Step[], source: Record<string, unknown>): Completed => {
    const out: Record<string, unknown> = {};
    for (const step of steps) {
      const { key } = step;
      path.push(key);
      switch (step.kind) {
        case 'typename':
          out[key] = type.name;
          break;
        case 'copy':
          out[key] = source[key] ?? null;
          break;
        case 'deny':
          if (step.nonNull) {
            denials.push(locatedDenial(step.decision, step.nodes, path));
            path.pop();
            return BUBBLE;
          }
          denials.push(denialAt(step.denial, path));
          out[key] = null;
          break;
        case 'value': {
          if (!(key in source)) {
            // Not fetched: removed because it was selected through an interface whose effective decision denies it.
            if (step.through) {
              if (isNonNullType(step.type)) {
                denials.push(locatedDenial(step.through.decision, step.nodes, path));
                path.pop();
                return BUBBLE;
              }
              denials.push(denialAt(step.through.denial, path));
              out[key] = null;
              break;
            }
          }
          let value = source[key];
          if (step.masked) {
            try {
              value = maskValue(value, maskingKey);
            } catch (error) {
              errors.push(located((error as Error).message, step.nodes));
              if (isNonNullType(step.type)) {
                path.pop();
                return BUBBLE;
              }
              out[key] = null;
              break;
            }
          }
          const completed = complete(step, step.type, value);
          if (completed === BUBBLE) {
            if (isNonNullType(step.type)) {
              path.pop();
              return BUBBLE;
            }
            out[key] = null;
          } else {
            out[key] = completed;
          }
          break;
        }
      }
      path.pop();
    }
    return out;
  };

  const complete = (step: Extract<Step, { kind: 'value' }>, type: GraphQLOutputType, value: unknown): Completed => {
    if (isNonNullType(type)) {
      const completed = complete(step, type.ofType, value);
      if (completed === null) {
        errors.push(located(`Cannot return null for non-nullable field ${step.coordinate}.`, step.nodes));
        return BUBBLE;
      }
      return completed;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) {
        errors.push(located(`Expected Iterable, but did not find one for field "${step.coordinate}".`, step.nodes));
        return BUBBLE;
      }
      const itemType = type.ofType as GraphQLOutputType;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const completed = complete(step, itemType, value[i]);
        path.pop();
        if (completed === BUBBLE) {
          if (isNonNullType(itemType)) return BUBBLE;
          out[i] = null;
        } else {
          out[i] = completed;
        }
      }
      return out;
    }
    if (isLeafType(type)) {
      // Serialized as graphql-js would: a string of a String or ID as it is, anything else through its type (a
      // masked value an enum cannot represent is an error there, not an invalid answer).
      if (typeof value === 'string' && (type.name === 'String' || type.name === 'ID')) return value;
      let serialized: unknown;
      try {
        serialized = type.serialize(value);
      } catch (error) {
        errors.push(located((error as Error).message, step.nodes));
        return BUBBLE;
      }
      if (serialized === null || serialized === undefined) {
        errors.push(located(`Expected \`${type.name}.serialize(${JSON.stringify(value)})\` to return non-nullable value, returned: ${String(serialized)}`, step.nodes));
        return BUBBLE;
      }
      return serialized;
    }
    const object = value as Record<string, unknown>;
    let runtime: GraphQLObjectType;
    if (isAbstractType(type)) {
      const named = typeof object.__typename === 'string' ? plan.schema.getType(object.__typename) : undefined;
      if (!named || !isObjectType(named) || !plan.schema.isSubType(type, named)) {
        errors.push(
          located(
            named
              ? `Runtime Object type "${named.name}" is not a possible type for "${type.name}".`
              : `Abstract type "${type.name}" must resolve to an Object type at runtime for field "${step.coordinate}". Either the "${type.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
            step.nodes,
          ),
        );
        return BUBBLE;
      }
      runtime = named;
    } else {
      runtime = type as GraphQLObjectType;
    }
    const sub = (step.sub ??= new Map());
    let steps = sub.get(runtime.name);
    if (!steps) {
      steps = plan.stepsOf(runtime, step.nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])));
      sub.set(runtime.name, steps);
    }
    return completeObject(runtime, steps, object);
  };

  const root = (plan.root ??= plan.stepsOf(plan.rootType, [getOperationAST(plan.document, plan.operationName)!.selectionSet]));
  const completed = completeObject(plan.rootType, root, input.data);
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
  return { data, errors: errors.length === 0 ? denials : [...denials, ...errors] };
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
      steps.push({
        kind: 'value',
        key,
        type: field.type,
        masked: decision.masked,
        through: deniedThrough(decisions, type, name, nodes[0]!),
        coordinate: `${type.name}.${name}`,
        nodes,
        sub: null,
      });
    }
    return steps;
  };
  const plan: Plan = { schema, document, operationName: input.operationName, root: null, rootType, stepsOf };
  plans.set(decisions, plan);
  return plan;
}

function deniedThrough(decisions: OperationDecisions, type: GraphQLObjectType, field: string, node: FieldNode): Extract<Step, { kind: 'value' }>['through'] {
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
 * operation and caller (policy/decisionCache.ts), so a repeated operation reuses them. They are never mutated.
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
