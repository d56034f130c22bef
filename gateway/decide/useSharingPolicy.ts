/**
 * Enforces each department's sharing scope at the gateway, per field, before planning: decides every selected
 * field (sharing/decide.ts), plans a document without the denied fields (with a query hash of its own, so the
 * plan cache never serves one caller's plan to another); the answer is shaped from the same decisions by
 * shape/useResponseShaping.ts. Decisions and rewrites are cached per operation, caller department, purpose and
 * agreements (decisionCache.ts). In strict mode (`X-Sharing-Mode: strict`) an operation with any denied field is rejected whole:
 * HTTP 403 with every denied path. A denial for want of an agreement says what became of a former one (revoked on …,
 * pending, rejected, expired: formerAgreements.ts), read before execution and kept on the operation's context.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, getOperationAST, type DocumentNode } from 'graphql';
import type { OperationDecisions } from './operationDecisions.ts';
import { decide, type AgreementNotInForce, type SharingCatalogue, type ShareLevel } from '../../sharing/index.ts';
import type { FormerAgreements } from './formerAgreements.ts';
import type { DenyDecision } from './operationDecisions.ts';
import type { GatewayContext } from '../context.ts';
import { createDecisionCache, selectionVariables, valuesOf } from './decisionCache.ts';
import { decideOperation, denialError } from './operationDecisions.ts';

export interface SharingPolicyOptions {
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  /** Level of fields the supergraph gives none. */
  defaultLevel: ShareLevel;
  /** Operation decisions kept for reuse (decide/decisionCache.ts). Default 2,000. */
  maxCachedDecisions?: number;
  /** What became of the caller's agreements not in force; none: such denials say only whom to apply to. */
  formerAgreements?: FormerAgreements;
}

export const unchanged = (decision: DenyDecision): DenyDecision => decision;

export function useSharingPolicy(options: SharingPolicyOptions): ApolloServerPlugin<GatewayContext> {
  const cache = createDecisionCache({ maxEntries: options.maxCachedDecisions });
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
   * The explanation of each operation's denials, read before execution (didResolveOperation may wait; the response
   * steps after it do not read the store) and kept on the operation's context for the shaping and the strict answer.
   */
  const explain = async (context: GatewayContext) => {
    const explained = await explainer(context);
    if (explained !== unchanged) context.explain = explained;
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
          let entry = cache.get(catalogue, key);
          if (!entry) {
            const request = { caller: context.caller, purpose: context.purpose, agreements: context.agreements };
            const decisions = decideOperation({
              schema: requestContext.schema,
              document: requestContext.document,
              operation,
              variables,
              decideField: (type, field) => decide(`${type}.${field}`, catalogue.policy(type, field), request, { defaultLevel: options.defaultLevel }),
              keyFields: catalogue.keys,
            });
            // The gateway caches plans by queryHash: a rewritten document must never share the original's hash.
            entry = { decisions, rewrittenHash: decisions.changed ? rewrittenQueryHash(requestContext.queryHash, decisions.signature) : null };
            cache.set(catalogue, key, entry);
          }
          refuseShadowedKeys(entry.decisions);
          context.decisions = entry.decisions;
          await explain(context);
          if (context.strict && entry.decisions.deniedPaths.length > 0) return;
          if (entry.rewrittenHash) plan(requestContext, entry.decisions.document, entry.rewrittenHash);
        },
        async responseForOperation({ contextValue: context }) {
          const denied = context.decisions?.deniedPaths ?? [];
          if (!context.strict || denied.length === 0) return null;
          const explained = context.explain ?? unchanged;
          return {
            http: { status: 403, headers: new HeaderMap() },
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

/** What the gateway plans instead of the caller's document (fetch/decidedGateway.ts), with the rewrite's own hash. */
function plan(requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>, document: DocumentNode, queryHash: string): void {
  const operation = getOperationAST(document, requestContext.request.operationName);
  if (!operation) throw new Error('the rewritten document lost its operation');
  requestContext.contextValue.planned = { document, operation, queryHash };
}

function rewrittenQueryHash(originalHash: string, signature: string): string {
  return createHash('sha256').update(`${originalHash}|denied:${signature}`).digest('hex');
}

