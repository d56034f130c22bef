/**
 * How the gateway reaches subgraphs: one keep-alive undici connection pool shared by every subgraph origin (not
 * a new connection per fetch), routing URLs that the operator may override per subgraph name, and per subgraph
 * the resilience layer (gateway/resilience/): a deadline, a bound on waiting requests, a circuit breaker, and a
 * retry of queries whose connection failed.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { Agent } from 'undici';
import type { GatewayContext } from './context.ts';
import type { GrantIssuer } from './grants/grantIssuer.ts';
import type { BreakerOptions, BreakerState } from './resilience/circuitBreaker.ts';
import { resilientFetcher, type ResilientFetcher } from './resilience/resilientFetcher.ts';
import { subgraphFailure } from './subgraphFailure.ts';
import { undiciFetcher } from './undiciFetcher.ts';

/** How the gateway treats a failing department (gateway option `subgraphResilience`). */
export interface SubgraphResilience {
  /** Deadline of one request to a department, in milliseconds. Default 10,000. */
  timeoutMs: number;
  /** Deadlines of particular departments (subgraph name -> milliseconds). Default none. */
  timeouts: Record<string, number>;
  /** Retries of a query whose connection was refused or reset (never of a mutation). Default 1. */
  retries: number;
  /** Requests in flight or queued per department; more fail at once. Default 4 x connectionsPerSubgraph. */
  maxPending: number | null;
  /** Circuit breaker (`{ failureThreshold: 5, cooldownMs: 10000 }` by default), or null for none. */
  breaker: BreakerOptions | null;
}

export interface SubgraphClientOptions {
  subgraphUrls: Record<string, string>;
  connectionsPerSubgraph: number;
  /** Signs each department's grant token; null sends none. */
  grants: GrantIssuer | null;
  subgraphResilience: SubgraphResilience;
}

export interface SubgraphClient {
  buildService(definition: { name: string; url?: string }): GraphQLDataSource<GatewayContext>;
  /** Per subgraph: requests in flight or queued, and its circuit. */
  status(): Record<string, { pending: number; breaker: BreakerState }>;
  close(): Promise<void>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const agent = new Agent({ connections: options.connectionsPerSubgraph, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  const fetcher = undiciFetcher(agent);
  const resilience = options.subgraphResilience;
  // One per subgraph name, kept across supergraph reloads so a reload does not reset a department's circuit.
  const fetchers = new Map<string, ResilientFetcher>();
  const fetcherFor = (name: string): ResilientFetcher => {
    let found = fetchers.get(name);
    if (!found) {
      found = resilientFetcher(fetcher, {
        timeoutMs: resilience.timeouts[name] ?? resilience.timeoutMs,
        retries: resilience.retries,
        maxPending: resilience.maxPending ?? 4 * options.connectionsPerSubgraph,
        breaker: resilience.breaker,
      });
      fetchers.set(name, found);
    }
    return found;
  };
  return {
    buildService({ name, url }) {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no routing URL in the supergraph and none was configured.`);
      const grants = options.grants;
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: target,
        fetcher: fetcherFor(name).fetcher,
        async willSendRequest({ request, context }) {
          // Keys and grants: the department trusts only this token, signed for it, for this caller and purpose.
          if (!grants || !context.caller) return;
          request.http?.headers.set('authorization', `Bearer ${await grants.tokenFor(context as GatewayContext, name)}`);
          // The request id, so a department's own records (the platform's workflow actions) name the request.
          if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
        },
        didEncounterError(error, _request, response) {
          throw subgraphFailure(name, error, response);
        },
      });
    },
    status() {
      return Object.fromEntries([...fetchers].map(([name, f]) => [name, { pending: f.pending(), breaker: f.breakerState() }]));
    },
    close: () => agent.close(),
  };
}
