/**
 * The oracle of the gateway's response shaping: what graphql-js answers when it re-executes the caller's document
 * over the fetched data (aliases, fragments, type conditions and @skip/@include resolved by the reference
 * implementation of GraphQL), with a field resolver that denies and masks as the decisions say. This was the
 * gateway's own shaping until the one-pass plan of gateway/shape/shapeResponse.ts replaced it; the plan must
 * answer exactly this, data, errors and their order (test/unit/shaperOracle.test.ts).
 */
import {
  GraphQLError,
  executeSync,
  getLocation,
  isNonNullType,
  responsePathAsArray,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { maskValue } from '../../sharing/masking.ts';
import type { DenyDecision } from '../../gateway/decide/operationDecisions.ts';
import { denialError } from '../../gateway/decide/operationDecisions.ts';
import { resolverFree, type ShapeInput, type Shaped } from '../../gateway/shape/shapeResponse.ts';




export function referenceShape(input: ShapeInput): Shaped {
  const { decisions } = input;
  // A denied field that may be null is answered null with an error built here, as a plain formatted error: no
  // GraphQLError to construct (graphql-js would build two per denial), one message and location per field node,
  // whatever the number of list items (a hundred enterprises, a hundred denials). A non-null one is thrown, so
  // graphql-js propagates the null to the nearest nullable parent exactly as the spec says.
  const denials: (GraphQLError | GraphQLFormattedError)[] = [];
  const thrown = new Set<GraphQLError>();
  const denialOf = new Map<FieldNode, Omit<GraphQLFormattedError, 'path'>>();
  const deny = (decision: DenyDecision, info: GraphQLResolveInfo): null => {
    if (isNonNullType(info.returnType)) {
      const error = locatedDenial(decision, info);
      denials.push(error);
      thrown.add(error);
      throw error;
    }
    const node = info.fieldNodes[0]!;
    let error = denialOf.get(node);
    if (!error) {
      const { message, extensions } = denialParts(decision);
      const location = node.loc ? getLocation(node.loc.source, node.loc.start) : undefined;
      error = { message, ...(location && { locations: [location] }), extensions };
      denialOf.set(node, error);
    }
    const { message, locations, extensions } = error;
    denials.push(locations ? { message, locations, path: responsePathAsArray(info.path), extensions } : { message, path: responsePathAsArray(info.path), extensions });
    return null;
  };
  const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => {
    const key = info.path.key as string;
    const decision = decisions.decide(info.parentType.name, info.fieldName);
    if (decision.effect === 'deny') return deny(decision, info);
    if (!(key in source)) {
      // Not fetched: removed because it was selected through an interface whose effective decision denies it.
      for (const iface of info.parentType.getInterfaces()) {
        const through = decisions.decide(iface.name, info.fieldName);
        if (through.effect === 'deny') return deny(through, info);
      }
      return null;
    }
    const value = source[key];
    return decision.masked ? maskValue(value, input.maskingKey) : value;
  };
  const typeResolver: GraphQLTypeResolver<Record<string, unknown>, unknown> = (value) => value.__typename as string;
  // Denials are thrown as errors, one per denied path: their stack traces would cost more than the shaping.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let result;
  try {
    result = executeSync({
      schema: resolverFree(input.schema),
      document: input.document,
      operationName: input.operationName,
      variableValues: input.variables,
      rootValue: input.data,
      fieldResolver,
      typeResolver,
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const data = (result.data as Record<string, unknown> | null | undefined) ?? null;
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
  // Denials in execution order, then whatever else graphql-js reported (a thrown denial is reported as thrown).
  const others = (result.errors ?? []).filter((error) => !thrown.has(error));
  return { data, errors: others.length === 0 ? denials : [...denials, ...others] };
}

/** A thrown denial already located (path and node): graphql-js keeps it as it is instead of wrapping it in another. */
function locatedDenial(decision: DenyDecision, info: GraphQLResolveInfo): GraphQLError {
  const { message, extensions } = denialError(decision);
  return new GraphQLError(message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), extensions });
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
