/**
 * How the gateway reaches subgraphs: one keep-alive undici connection pool per subgraph origin (not a new
 * connection per fetch), and routing URLs that the operator may override per subgraph name.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { Agent } from 'undici';
import type { GatewayContext } from './context.ts';
import type { GrantIssuer } from './grants/grantIssuer.ts';
import { subgraphFailure } from './subgraphFailure.ts';
import { undiciFetcher } from './undiciFetcher.ts';

export interface SubgraphClientOptions {
  subgraphUrls: Record<string, string>;
  connectionsPerSubgraph: number;
  /** Signs each department's grant token; null sends none. */
  grants: GrantIssuer | null;
}

export interface SubgraphClient {
  buildService(definition: { name: string; url?: string }): GraphQLDataSource<GatewayContext>;
  close(): Promise<void>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const agent = new Agent({ connections: options.connectionsPerSubgraph, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  const fetcher = undiciFetcher(agent);
  return {
    buildService({ name, url }) {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no routing URL in the supergraph and none was configured.`);
      const grants = options.grants;
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: target,
        fetcher,
        async willSendRequest({ request, context }) {
          // Keys and grants: the department trusts only this token, signed for it, for this caller and purpose.
          if (!grants || !context.caller) return;
          request.http?.headers.set('authorization', `Bearer ${await grants.tokenFor(context as GatewayContext, name)}`);
        },
        didEncounterError(error, _request, response) {
          throw subgraphFailure(name, error, response);
        },
      });
    },
    close: () => agent.close(),
  };
}
