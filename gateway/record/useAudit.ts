/**
 * Records every request in the audit trail before its response is sent: who, for what purpose, under which
 * agreements, which items of which provider were served, masked or denied, about which subjects (from the
 * departments' signed reports: record/auditEntry.ts), and how it ended. If the record cannot be written the request
 * is not served: 503, no data. Requests refused before they run (no token, bad headers) are recorded by the
 * context builder.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { outcomeOf } from '../../platform/audit/outcome.ts';
import { requestEntry } from './auditEntry.ts';
import type { AuditSink } from './auditSink.ts';
import type { GatewayContext } from '../context.ts';
import type { GatewayLogger } from '../options.ts';
import { auditUnavailable } from '../identify/requestContext.ts';

export interface AuditOptions {
  sink: AuditSink;
  logger: GatewayLogger;
  /** Whether a provider does not report what it served (a foreign subgraph); see requestEntry. */
  unreported?: (provider: string | null) => boolean;
}

export function useAudit(options: AuditOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ contextValue, queryHash }) {
          contextValue.documentHash = queryHash;
        },
        async willSendResponse(requestContext) {
          // Let the sharing policy shape the response first: the record describes what is really sent.
          await null;
          const { response, contextValue: context } = requestContext;
          response.http.headers.set('x-request-id', context.requestId);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const status = response.http.status ?? 200;
          const errors = (result.errors ?? []) as GraphQLFormattedError[];
          const entry = requestEntry({
            context,
            operationName: requestContext.operationName ?? requestContext.request.operationName ?? null,
            status,
            outcome: outcomeOf(status, errors, result.data),
            reason: status === 200 ? null : (errors[0]?.message ?? null),
            decisions: context.decisions?.reached ?? [],
            ...(options.unreported && { unreported: options.unreported }),
            delivered: deliveredIn(result.data, context.decisions?.keySelections),
          });
          try {
            await options.sink.append(entry);
          } catch (error) {
            options.logger.error(`[gateway] audit trail unavailable: ${(error as Error).message}`);
            const unavailable = auditUnavailable();
            response.http.status = 503;
            response.body.singleResult = { errors: [{ message: unavailable.message, extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
          }
        },
      };
    },
  };
}

/** An entity key counts as served where the answer holds it at one of the paths the operation selects it at. */
function deliveredIn(data: unknown, keySelections: ReadonlyMap<string, readonly (readonly string[])[]> | undefined): (item: string) => boolean {
  return (item) => {
    const paths = keySelections?.get(item);
    if (!paths) return true;
    return paths.some((path) => holds(data, path, 0));
  };
}

function holds(value: unknown, path: readonly string[], at: number): boolean {
  if (Array.isArray(value)) return value.some((element) => holds(element, path, at));
  if (value === null || value === undefined || typeof value !== 'object') return false;
  const next = (value as Record<string, unknown>)[path[at]!];
  return at === path.length - 1 ? next !== undefined && next !== null : holds(next, path, at + 1);
}
