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
  parse,
  printSchema,
  type DocumentNode,
  type GraphQLFieldResolver,
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
  /**
   * When given, each key value (resident ID, credit code…) of an object some provider served a field of is
   * added to that provider's subjects. The keys must have been fetched (see `keyFields` of decideOperation).
   */
  subjects?: { keyFields: ReadonlyMap<string, ReadonlySet<string>>; into: Map<string, Set<string>> };
}

export interface Shaped {
  data: Record<string, unknown> | null;
  errors: readonly GraphQLError[];
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
  const { decisions, subjects } = input;
  const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => {
    const key = info.path.key as string;
    const decision = decisions.decide(info.parentType.name, info.fieldName);
    if (decision.effect === 'deny') throw denialError(decision);
    if (!(key in source)) {
      // Not fetched: removed because it was selected through an interface whose effective decision denies it.
      for (const iface of info.parentType.getInterfaces()) {
        const through = decisions.decide(iface.name, info.fieldName);
        if (through.effect === 'deny') throw denialError(through);
      }
      return null;
    }
    if (subjects) recordSubjects(subjects, info.parentType.name, decision.provider, source);
    const value = source[key];
    return decision.masked ? maskValue(value) : value;
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
  return { data, errors: result.errors ?? [] };
}

function recordSubjects(
  subjects: NonNullable<ShapeInput['subjects']>,
  type: string,
  provider: string | null,
  source: Record<string, unknown>,
): void {
  const keys = subjects.keyFields.get(type);
  if (!keys) return;
  const name = provider ?? '(undeclared)';
  let forProvider = subjects.into.get(name);
  for (const key of keys) {
    const value = source[key];
    if (typeof value !== 'string' || value === '') continue;
    if (!forProvider) subjects.into.set(name, (forProvider = new Set()));
    forProvider.add(value);
  }
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
