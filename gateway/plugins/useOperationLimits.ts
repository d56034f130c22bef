/**
 * The cost limit, the one operation limit that needs the schema and the variables: once the operation is
 * validated and before the sharing policy rewrites it or the gateway plans it, its estimated cost (list sizes
 * multiplied through, gateway/limits/estimateCost.ts) is compared with the application's `maxCost`; over it, a
 * 400 `OPERATION_COST_LIMIT`. The other limits are checked earlier, before parsing (gateway/admission/).
 * Must come before useSharingPolicy in the plugin list: its check runs synchronously on the caller's document.
 * An operationName that names no operation of the document (or none given for several) is a 400 here too,
 * rather than the executor's 500.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { BUILT_IN_SETTINGS } from '../applications/applicationPolicy.ts';
import type { GatewayContext } from '../context.ts';
import { estimateCost } from '../limits/estimateCost.ts';
import { limitExceeded } from '../limits/operationLimits.ts';

export function useOperationLimits(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // From here on useAudit records the request; the HTTP layer records refusals before this point.
      if (contextValue.pipeline) contextValue.pipeline.started = true;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) throw unresolvedOperation(document, request.operationName);
          const { maxCost, assumedListSize } = (contextValue.settings ?? BUILT_IN_SETTINGS).limits;
          const cost = estimateCost(schema, document, operation, request.variables ?? {}, assumedListSize);
          if (cost > maxCost) throw limitExceeded('maxCost', maxCost, cost, `is estimated to cost ${cost} (objects fetched, list sizes multiplied through)`);
        },
      };
    },
  };
}

function unresolvedOperation(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  const message = operationName
    ? `operationName "${operationName}" names no operation of the document; it has: ${names.join(', ') || 'none'}.`
    : `The document has ${names.length} operations (${names.join(', ')}); say which one to run with operationName.`;
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', operations: names, http: { status: 400 } } });
}
