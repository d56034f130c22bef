/**
 * The gateway Apollo Server is handed: @apollo/gateway, whose executor plans and fetches the document the sharing
 * policy decided for the operation (`planned` on its context: the document without the denied fields, and a query
 * hash of its own) instead of the one the caller sent. The executor gets a copy of Apollo's request context with that
 * document, its operation and its hash; Apollo's own request context is never changed. The plan cache is keyed by
 * that hash, so a rewritten plan is never served for the original document, nor one caller's rewrite to another.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];

export function decidedGateway(gateway: ApolloGateway): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const { executor } = await gateway.load(options);
      if (!executor) return { executor };
      return {
        executor: (requestContext) => {
          const planned = (requestContext.context as GatewayContext).planned;
          return executor(planned ? { ...requestContext, ...planned } : requestContext);
        },
      };
    },
  };
}
