/**
 * The cost limit, the one operation limit that needs the schema and the variables: once the operation is
 * validated and before the sharing policy rewrites it or the gateway plans it, its estimated cost (list sizes
 * multiplied through, gateway/admit/estimateCost.ts) is compared with the application's `maxCost`; over it, a
 * 400 `OPERATION_COST_LIMIT`. The other limits are checked earlier, before parsing (gateway/admit/).
 * Comes before useSharingPolicy in pipeline.ts: the cost is that of the caller's own document.
 * An operationName that names no operation of the document (or none given for several) is a 400 here too,
 * rather than the executor's 500. Each admitted operation then holds, until its response is sent, one of its
 * application's `maxConcurrentRequests` and its cost out of `maxConcurrentCost` on this replica: one application
 * cannot take every department's capacity with expensive operations in parallel (429 `CONCURRENCY_LIMIT`); each
 * signed-in resident holds their own share of the resident application's (applicationPolicy.ts `limitHolder`).
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { BUILT_IN_SETTINGS, limitHolder } from './applicationPolicy.ts';
import type { GatewayContext } from '../context.ts';
import { estimateCost } from './estimateCost.ts';
import { limitExceeded } from './operationLimits.ts';

export function useOperationLimits(): ApolloServerPlugin<GatewayContext> {
  // Limit holder (an application, or a signed-in resident, applicationPolicy.ts) -> its operations in flight on this replica and their estimated cost.
  const inFlight = new Map<string, { requests: number; cost: number }>();
  return {
    async requestDidStart() {
      let held: { key: string; cost: number } | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) throw unresolvedOperation(document, request.operationName);
          const { maxCost, assumedListSize, maxConcurrentRequests, maxConcurrentCost } = (contextValue.settings ?? BUILT_IN_SETTINGS).limits;
          const cost = estimateCost(schema, document, operation, request.variables ?? {}, assumedListSize);
          if (cost > maxCost) throw limitExceeded('maxCost', maxCost, cost, `is estimated to cost ${cost} (objects fetched, list sizes multiplied through)`);
          if (!contextValue.caller?.application) return;
          const { key, who } = limitHolder(contextValue.caller);
          const current = inFlight.get(key) ?? { requests: 0, cost: 0 };
          if (current.requests + 1 > maxConcurrentRequests) throw tooManyInFlight(who, 'maxConcurrentRequests', maxConcurrentRequests, current.requests + 1, `${current.requests} operations in flight`);
          if (current.cost + cost > maxConcurrentCost) throw tooManyInFlight(who, 'maxConcurrentCost', maxConcurrentCost, current.cost + cost, `operations in flight costing ${current.cost}, and this one ${cost}`);
          inFlight.set(key, { requests: current.requests + 1, cost: current.cost + cost });
          held = { key, cost };
        },
        async willSendResponse() {
          if (!held) return;
          const current = inFlight.get(held.key);
          if (current) {
            if (current.requests <= 1) inFlight.delete(held.key);
            else inFlight.set(held.key, { requests: current.requests - 1, cost: current.cost - held.cost });
          }
          held = null;
        },
      };
    },
  };
}

/** 429: the application (or the resident) has too much in flight on this replica; trying again in a second makes sense. */
function tooManyInFlight(who: string, limit: 'maxConcurrentRequests' | 'maxConcurrentCost', allowed: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(
    `${who} has ${what} on this gateway; at most ${allowed} at once (limit ${limit}). Wait for them to finish, or ask the platform operator to raise ${limit} for your application.`,
    { extensions: { code: 'CONCURRENCY_LIMIT', limit, allowed, actual, retryAfter: 1, http: { status: 429, headers: new HeaderMap([['retry-after', '1']]) } } },
  );
}

function unresolvedOperation(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  const message = operationName
    ? `operationName "${operationName}" names no operation of the document; it has: ${names.join(', ') || 'none'}.`
    : `The document has ${names.length} operations (${names.join(', ')}); say which one to run with operationName.`;
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', operations: names, http: { status: 400 } } });
}
