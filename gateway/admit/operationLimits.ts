/**
 * The limits every operation must stay within before the gateway parses, validates or plans it, their defaults,
 * and the error a caller gets for each: HTTP 400 with `extensions.code` naming the limit and `allowed` its value.
 * Defaults fit every canonical operation, GraphiQL's introspection and the audit views, with room; an operator
 * overrides any of them per application (docs: README, Configuration).
 */
import { GraphQLError } from 'graphql';
import { only, positiveInteger } from '../optionChecks.ts';

export interface OperationLimits {
  /** Characters of the document text. Default 32,768. */
  maxDocumentBytes: number;
  /** Lexical tokens of the document (names, punctuation, values). Default 2,000. */
  maxTokens: number;
  /** Nesting of selections, fragments expanded (`{ a { b } }` is 2). Default 12. */
  maxDepth: number;
  /**
   * Field selections with fragments expanded at every spread (what validation, the planner and the sharing
   * decisions would walk): a fragment graph that doubles at every level is refused here, measured in linear time.
   * Default 1,000.
   */
  maxFields: number;
  /** Aliased fields, each fragment counted every time it is spread. Default 30. */
  maxAliases: number;
  /** Fields at the root of the operation (fragments expanded). Default 20. */
  maxRootFields: number;
  /** Directives used, fragments expanded. Default 50. */
  maxDirectives: number;
  /** Estimated cost: 1 per object, multiplied by list sizes (`first`/`last`/`limit`, else `assumedListSize`). Default 10,000. */
  maxCost: number;
  /** Size assumed for a list without a size argument. Default 10. */
  assumedListSize: number;
  /** Operations in one batched (JSON array) request; 1 means batching is off. Default 1. */
  maxBatchOperations: number;
  /** Operations of one application in flight at once on one gateway replica; more are refused (429). Default 64. */
  maxConcurrentRequests: number;
  /** Estimated cost of one application's operations in flight at once on one replica; more is refused (429). Default 50,000. */
  maxConcurrentCost: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxDocumentBytes: 32_768,
  maxTokens: 2_000,
  maxDepth: 12,
  maxFields: 1_000,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxCost: 10_000,
  assumedListSize: 10,
  maxBatchOperations: 1,
  maxConcurrentRequests: 64,
  maxConcurrentCost: 50_000,
});

export type LimitName = keyof OperationLimits;

/** The error code of each limit (Apollo Router and GraphQL Armor name theirs alike). */
export const LIMIT_CODES: Record<Exclude<LimitName, 'assumedListSize'>, string> = {
  maxDocumentBytes: 'OPERATION_DOCUMENT_SIZE_LIMIT',
  maxTokens: 'OPERATION_TOKEN_LIMIT',
  maxDepth: 'OPERATION_DEPTH_LIMIT',
  maxFields: 'OPERATION_FIELD_LIMIT',
  maxAliases: 'OPERATION_ALIAS_LIMIT',
  maxRootFields: 'OPERATION_ROOT_FIELD_LIMIT',
  maxDirectives: 'OPERATION_DIRECTIVE_LIMIT',
  maxCost: 'OPERATION_COST_LIMIT',
  maxBatchOperations: 'OPERATION_BATCH_LIMIT',
  maxConcurrentRequests: 'CONCURRENCY_LIMIT',
  maxConcurrentCost: 'CONCURRENCY_LIMIT',
};

/** A partial set of limits (in the options or the policy file): known limits, each a positive integer. */
export const OPERATION_LIMITS_SCHEMA = only(
  Object.fromEntries(Object.keys(DEFAULT_OPERATION_LIMITS).map((limit) => [limit, positiveInteger.optional()])),
  { unknown: (known) => `is not a limit; known limits: ${known}`, notObject: (known) => `must be an object of limits (${known})` },
);

/** The 400 answered for a limit exceeded: the code names the limit, `allowed` its value, `actual` what was sent. */
export function limitExceeded(limit: Exclude<LimitName, 'assumedListSize'>, allowed: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(
    `The operation ${what}; at most ${allowed} allowed (limit ${limit}). Simplify the operation, or ask the platform operator to raise ${limit} for your application.`,
    { extensions: { code: LIMIT_CODES[limit], limit, allowed, actual, http: { status: 400 } } },
  );
}
