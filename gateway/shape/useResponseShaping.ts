/**
 * Shapes each answer to what the caller may receive, in one pass (shapeResponse.ts): denied fields null with an
 * `UNAUTHORIZED_FIELD_OR_TYPE` error at their paths (said with what became of a former agreement when the sharing
 * policy found one), keys masked as the caller department's pseudonyms, introspection answered from the schema the
 * caller may see, and hidden items taken out of "Did you mean" suggestions. The first response step (pipeline.ts):
 * the steps after it (input status, quotas, the record) see the answer as it is sent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { SharingCatalogue } from '../../sharing/index.ts';
import { consumerMaskingKey } from '../../sharing/masking.ts';
import type { GatewayContext } from '../context.ts';
import { denialError, type DenyDecision, type OperationDecisions } from '../decide/operationDecisions.ts';
import { hiddenItems, redactSuggestions, visibleSchema } from '../decide/visibility.ts';
import { resolverFree, shapeResponse } from './shapeResponse.ts';

export interface ResponseShapingOptions {
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  /** The platform's masking key: masked keys become the caller department's pseudonyms (sharing/masking.ts). */
  maskingKey: Buffer;
}

export function useResponseShaping(options: ResponseShapingOptions): ApolloServerPlugin<GatewayContext> {
  const consumerKeys = new LRUCache<string, Buffer>({ max: 10_000 });
  const consumerKey = (department: string) => {
    let key = consumerKeys.get(department);
    if (!key) consumerKeys.set(department, (key = consumerMaskingKey(options.maskingKey, department)));
    return key;
  };
  return {
    async requestDidStart() {
      return {
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
          const explained = context.explain;
          const denials = explained ? shaped.errors.map((error) => explainError(error, decisions, explained)) : shaped.errors;
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
