/**
 * How the gateway reaches subgraphs: one keep-alive undici connection pool shared by every subgraph origin (not
 * a new connection per fetch), routing URLs that the operator may override per subgraph name, and per subgraph
 * the resilience layer (gateway/fetch/): a deadline, a bound on waiting requests, a circuit breaker, and a
 * retry of queries whose connection failed.
 *
 * A department (every subgraph but those configured as foreign) gets each request bound to its grant
 * (fetch/boundFetcher.ts) and must answer with its signed report of what it served: the report is checked
 * against the binding and kept in the request's context, where the audit record and the quotas read it. An answer
 * without a valid report is treated as invalid: its data is not used (no data without its record).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { Agent } from 'undici';
import type { RequestBinder } from '../../sharing/binding.ts';
import { checkSealedReport } from '../../sharing/servedReport.ts';
import type { GatewayContext } from '../context.ts';
import { bindingOf, boundFetcher } from './boundFetcher.ts';
import type { DepartmentKeySource } from './departmentKeySource.ts';
import type { GrantIssuer } from './grantIssuer.ts';
import type { BreakerOptions, BreakerState } from './circuitBreaker.ts';
import { CALLER_HEADER, resilientFetcher, type ResilientFetcher } from './resilientFetcher.ts';
import { SubgraphFetchError } from './subgraphFetchError.ts';
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
  /**
   * Departments bind requests and report what they served; null: no subgraph does (a gateway without grants).
   * `foreign` names the subgraphs that are not govgraph departments (or `all`): no binding, no report expected.
   */
  reporting: { binder: RequestBinder; keys: DepartmentKeySource; foreign: readonly string[] | 'all' } | null;
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
  const reporting = options.reporting;
  const reports = (name: string) => reporting !== null && reporting.foreign !== 'all' && !reporting.foreign.includes(name);
  const fetcherFor = (name: string, routingUrl: string): ResilientFetcher => {
    let found = fetchers.get(name);
    if (!found) {
      const inner = reports(name) ? boundFetcher(fetcher, { department: name, routingUrl, binder: reporting!.binder, keys: reporting!.keys }) : fetcher;
      found = resilientFetcher(inner, {
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
      const reporting = reports(name);
      if (reporting) options.reporting!.keys.prefetch(name, target);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: target,
        fetcher: fetcherFor(name, target).fetcher,
        async willSendRequest({ request, context }) {
          // Keys and grants: the department trusts only this token, signed for it, for this caller and purpose.
          if (!grants || !context.caller) return;
          request.http?.headers.set('authorization', `Bearer ${await grants.tokenFor(context as GatewayContext, name)}`);
          // The request id, so a department's own records (the platform's workflow actions) name the request.
          if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
          // Whose fetch this is, for the caller's own circuit (gateway/fetch/); not sent on.
          request.http?.headers.set(CALLER_HEADER, `${context.caller.application}@${context.caller.department}`);
        },
        async didReceiveResponse({ response, context }) {
          if (!reporting || !(context as Partial<GatewayContext>).reports) return response;
          const binding = bindingOf(response.http as object | undefined);
          const checked = binding
            ? checkSealedReport((response.extensions as { govgraph?: unknown } | undefined)?.govgraph, {
                department: name,
                requestId: (context as GatewayContext).requestId,
                grant: binding.id,
                operation: binding.operation,
                secret: binding.secret,
              })
            : 'the request was not bound';
          if (typeof checked === 'string') throw subgraphFailure(name, new SubgraphFetchError('invalid-response', checked), undefined);
          (context as GatewayContext).reports.push(checked);
          return response;
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
