/**
 * Enforces each department's sharing scope at the gateway, per field, before planning: decides every selected
 * field (sharing/decide.ts), plans a document without the denied fields (with a query hash of its own, so the
 * plan cache never serves one caller's plan to another), and shapes the result (null + error per denied path,
 * masked keys). Decisions and rewrites are cached per operation, caller department, purpose and agreements
 * (decide/decisionCache.ts). In strict mode (`X-Sharing-Mode: strict`) an operation with any denied field is rejected whole:
 * HTTP 403 with every denied path. A denial for want of an agreement says what became of a former one (revoked on …,
 * pending, rejected, expired: decide/formerAgreements.ts), read only for a response that has such a denial.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { OperationDecisions } from './operationDecisions.ts';
import { decide, type AgreementNotInForce, type SharingCatalogue, type ShareLevel } from '../../sharing/index.ts';
import type { FormerAgreements } from './formerAgreements.ts';
import type { DenyDecision } from './operationDecisions.ts';
import { consumerMaskingKey } from '../../sharing/masking.ts';
import type { GatewayContext } from '../context.ts';
import { createDecisionCache, selectionVariables, valuesOf } from './decisionCache.ts';
import { decideOperation } from './operationDecisions.ts';
import { denialError, resolverFree, shapeResponse } from '../shape/shapeResponse.ts';
import { hiddenItems, redactSuggestions, visibleSchema } from './visibility.ts';

export interface SharingPolicyOptions {
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  /** Level of fields the supergraph gives none. */
  defaultLevel: ShareLevel;
  /** Operation decisions kept for reuse (decide/decisionCache.ts). Default 2,000. */
  maxCachedDecisions?: number;
  /** The platform's masking key: masked keys become the caller department's pseudonyms (sharing/masking.ts). */
  maskingKey: Buffer;
  /** What became of the caller's agreements not in force; none: such denials say only whom to apply to. */
  formerAgreements?: FormerAgreements;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function useSharingPolicy(options: SharingPolicyOptions): ApolloServerPlugin<GatewayContext> {
  const cache = createDecisionCache({ maxEntries: options.maxCachedDecisions });
  const consumerKeys = new Map<string, Buffer>();
  const consumerKey = (department: string) => {
    let key = consumerKeys.get(department);
    if (!key) {
      if (consumerKeys.size >= 10_000) consumerKeys.clear();
      consumerKeys.set(department, (key = consumerMaskingKey(options.maskingKey, department)));
    }
    return key;
  };
  /** Turns a denial for want of an agreement into one that says what became of the caller's former one. */
  const explainer = async (context: GatewayContext): Promise<(decision: DenyDecision) => DenyDecision> => {
    const unexplained = context.decisions?.reached.some((decision) => decision.effect === 'deny' && decision.noAgreement) ?? false;
    if (!options.formerAgreements || !unexplained || !context.caller) return unchanged;
    let notInForce: AgreementNotInForce[];
    try {
      notInForce = await options.formerAgreements(context.caller.department, new Date());
    } catch {
      return unchanged; // the denial stands; only its explanation is the plainer one
    }
    if (notInForce.length === 0) return unchanged;
    const catalogue = options.catalogue();
    const request = { caller: context.caller, purpose: context.purpose, agreements: context.agreements, notInForce };
    const explained = new Map<DenyDecision, DenyDecision>();
    return (decision) => {
      if (!decision.noAgreement) return decision;
      let better = explained.get(decision);
      if (!better) {
        const [type, field] = decision.item.split('.') as [string, string];
        const redecided = decide(decision.item, catalogue.policy(type, field), request, { defaultLevel: options.defaultLevel });
        better = redecided.effect === 'deny' ? redecided : decision;
        explained.set(decision, better);
      }
      return better;
    };
  };
  /**
   * The explanation of each request's denials, read before execution (didResolveOperation may wait; the response
   * hooks must not, or the audit's fail-closed answer could be overwritten by a late shaping).
   */
  const explanations = new WeakMap<GatewayContext, (decision: DenyDecision) => DenyDecision>();
  const explain = async (context: GatewayContext) => {
    const explained = await explainer(context);
    if (explained !== unchanged) explanations.set(context, explained);
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { contextValue: context } = requestContext;
          const operation = requestContext.operation;
          if (!operation) return;
          const catalogue = options.catalogue();
          const variables = requestContext.request.variables ?? {};
          const key = cache.key({
            queryHash: requestContext.queryHash,
            operationName: requestContext.request.operationName,
            department: context.caller.department,
            purpose: context.purpose,
            agreements: context.agreements,
            variables: valuesOf(selectionVariables(requestContext.document), variables),
          });
          const cached = cache.get(catalogue, key);
          if (cached) {
            refuseShadowedKeys(cached.decisions);
            context.decisions = cached.decisions;
            await explain(context);
            if (context.strict && cached.decisions.deniedPaths.length > 0) return;
            if (cached.decisions.changed) replaceDocument(requestContext, cached.decisions.document, cached.rewrittenHash!);
            return;
          }
          const request = { caller: context.caller, purpose: context.purpose, agreements: context.agreements };
          const decisions = decideOperation({
            schema: requestContext.schema,
            document: requestContext.document,
            operation,
            variables,
            decideField: (type, field) =>
              decide(`${type}.${field}`, catalogue.policy(type, field), request, { defaultLevel: options.defaultLevel }),
            keyFields: catalogue.keys,
          });
          cache.set(catalogue, key, { decisions, rewrittenHash: decisions.changed ? rewrittenQueryHash(requestContext.queryHash, decisions.signature) : null });
          refuseShadowedKeys(decisions);
          context.decisions = decisions;
          await explain(context);
          // The gateway caches plans by queryHash: a rewritten document must never share the original's hash.
          const rewrittenHash = cache.get(catalogue, key)!.rewrittenHash;
          if (context.strict && decisions.deniedPaths.length > 0) return;
          if (rewrittenHash) replaceDocument(requestContext, decisions.document, rewrittenHash);
        },
        async responseForOperation({ contextValue: context }) {
          const denied = context.decisions?.deniedPaths ?? [];
          if (!context.strict || denied.length === 0) return null;
          const explained = explanations.get(context) ?? unchanged;
          return {
            http: { status: 403, headers: new Map() as never },
            body: {
              kind: 'single',
              singleResult: {
                errors: denied.map(({ path, decision }) => {
                  const error = denialError(explained(decision));
                  return new GraphQLError(`${error.message} (strict mode rejects the whole operation)`, {
                    path,
                    extensions: error.extensions,
                  });
                }),
              },
            },
          };
        },
        async willSendResponse(requestContext) {
          const { contextValue: context } = requestContext;
          const { body } = requestContext.response;
          if (body.kind !== 'single' || !context.caller) return;
          const hidden = hiddenItems(options.catalogue(), context.caller.department);
          const result = body.singleResult;
          if (result.errors && hidden.fields.size > 0) {
            result.errors = result.errors.map((error) => redactSuggestions(error as GraphQLFormattedError, hidden)) as typeof result.errors;
          }
          const decisions = context.decisions;
          const operationName = requestContext.request.operationName;
          const introspectionKeys = decisions && hidden.fields.size > 0 ? introspectionRootKeys(decisions.original, operationName) : [];
          if (!decisions || !result.data || (!decisions.shaping && introspectionKeys.length === 0)) return;
          const shaped = shapeResponse({
            schema: requestContext.schema,
            document: decisions.original,
            operationName,
            variables: requestContext.request.variables ?? {},
            data: result.data,
            decisions,
            introspection: { schema: visibleSchema(resolverFree(requestContext.schema), hidden), keys: introspectionKeys },
            maskingKey: consumerKey(context.caller.department),
          });
          const explained = explanations.get(context) ?? unchanged;
          const denials = explained === unchanged ? shaped.errors : shaped.errors.map((error) => explainError(error, decisions, explained));
          body.singleResult = {
            ...result,
            data: shaped.data,
            errors: [...(result.errors ?? []), ...denials] as typeof result.errors,
          };
          if (body.singleResult.errors?.length === 0) delete body.singleResult.errors;
        },
      };
    },
  };
}

/**
 * 400 for a field aliased to its entity's key name (or to `__typename`): the planner would answer it with the key's
 * value, the raw key where the caller may see it only masked.
 */
function refuseShadowedKeys(decisions: OperationDecisions): void {
  const [first] = decisions.shadowed;
  if (!first) return;
  throw new GraphQLError(
    `The alias "${first.alias}" on ${first.type}.${first.field}${first.location ? ` (line ${first.location.line}, column ${first.location.column})` : ''} names ${first.alias === '__typename' ? 'the type name federation joins by' : `the key of ${first.type}`}: federation fetches the key under that name to join entities, so the answer would be the key's value. Use another alias.`,
    {
      extensions: {
        code: 'ALIAS_SHADOWS_KEY',
        aliases: decisions.shadowed.map(({ alias, field, type, location }) => ({ alias, item: `${type}.${field}`, ...(location && { location }) })),
        http: { status: 400 },
      },
    },
  );
}

function replaceDocument(
  requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  document: NonNullable<typeof requestContext.document>,
  queryHash: string,
): void {
  const mutable = requestContext as Mutable<typeof requestContext>;
  const operation = getOperationAST(document, requestContext.request.operationName);
  if (!operation) throw new Error('the rewritten document lost its operation');
  mutable.document = document;
  mutable.operation = operation;
  mutable.queryHash = queryHash;
}

function rewrittenQueryHash(originalHash: string, signature: string): string {
  return createHash('sha256').update(`${originalHash}|denied:${signature}`).digest('hex');
}

/** Response keys of the root `__schema` / `__type` fields of the operation (through root fragments too). */
function introspectionRootKeys(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const keys: string[] = [];
  const scan = (selections: typeof operation.selectionSet.selections, seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema' || selection.name.value === '__type') keys.push(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        scan(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) scan(fragment.selectionSet.selections, seen);
      }
    }
  };
  scan(operation.selectionSet.selections, new Set());
  return keys;
}

const unchanged = (decision: DenyDecision): DenyDecision => decision;

/** A denial error of the shaping, said again with the explained decision of its item (same path and locations). */
function explainError(
  error: GraphQLError | GraphQLFormattedError,
  decisions: OperationDecisions,
  explained: (decision: DenyDecision) => DenyDecision,
): GraphQLError | GraphQLFormattedError {
  const extensions = error.extensions as { code?: string; item?: string } | undefined;
  if (extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE' || typeof extensions.item !== 'string') return error;
  const [type, field] = extensions.item.split('.') as [string, string];
  const decision = decisions.decide(type, field);
  if (decision.effect !== 'deny' || !decision.noAgreement) return error;
  const better = explained(decision);
  if (better === decision) return error;
  const said = denialError(better);
  const { locations, path } = error instanceof GraphQLError ? error.toJSON() : error;
  return { message: said.message, ...(locations && { locations }), ...(path && { path }), extensions: said.extensions };
}
