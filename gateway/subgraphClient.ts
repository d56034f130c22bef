/**
 * How the gateway reaches subgraphs: one keep-alive undici connection pool per subgraph origin (not a new
 * connection per fetch), and routing URLs that the operator may override per subgraph name.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch as undiciFetch } from 'undici';
import { subgraphFailure } from './subgraphFailure.ts';

export interface SubgraphClientOptions {
  subgraphUrls: Record<string, string>;
  connectionsPerSubgraph: number;
}

export interface SubgraphClient {
  buildService(definition: { name: string; url?: string }): GraphQLDataSource;
  close(): Promise<void>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const agent = new Agent({ connections: options.connectionsPerSubgraph, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  const fetcher = ((url: string, init: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Fetcher;
  return {
    buildService({ name, url }) {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no routing URL in the supergraph and none was configured.`);
      return new RemoteGraphQLDataSource({
        url: target,
        fetcher,
        didEncounterError(error, _request, response) {
          throw subgraphFailure(name, error, response);
        },
      });
    },
    close: () => agent.close(),
  };
}
