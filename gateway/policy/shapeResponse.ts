/**
 * Shapes the gateway's result for the caller after execution: every denied field comes back null with an
 * `UNAUTHORIZED_FIELD_OR_TYPE` error at its concrete path (list indices included), null propagating through
 * non-null fields exactly as GraphQL specifies, and masked items (keys travel raw between gateway and
 * departments) are masked. It re-executes the caller's original document over the fetched data with graphql-js,
 * so aliases, fragments, type conditions and @skip/@include resolve exactly as the spec says.
 */
import {
  GraphQLError,
  buildASTSchema,
  executeSync,
  getLocation,
  isNonNullType,
  parse,
  printSchema,
  responsePathAsArray,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { maskValue } from '../../sharing/masking.ts';
import type { OperationDecisions, DenyDecision } from './operationDecisions.ts';

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
 * `fieldResolver` option), built once per schema the gateway serves.
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

export function shapeResponse(input: ShapeInput): Shaped {
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
