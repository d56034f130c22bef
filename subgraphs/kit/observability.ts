/**
 * A department's traces and metrics. Each `/graphql` request is a server span continuing the gateway's
 * `traceparent` (so the department's work sits inside the caller's trace), with a span per root field it
 * resolves (`Query._entities`, `Query.person`…); attributes say which department answered, for which caller
 * department and application, for what purpose, the operation name and the outcome — never arguments,
 * representations, the document or data. Metrics go to a registry of the department's own, served at `/metrics`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { createRegistry, LATENCY_BUCKETS } from '../../observability/metrics.ts';
import { createRequestObservations, observeOperation } from '../../observability/requestObservation.ts';
import { failSpan, type Tracing } from '../../observability/tracing.ts';
import type { GrantClaims } from '../../sharing/types.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface SubgraphTelemetry {
  readonly registry: Registry;
  readonly tracing: Tracing;
  observeRequests(handler: Handler): Handler;
  linkContext<T extends { grant: GrantClaims }>(build: (req: IncomingMessage) => Promise<T>): (req: IncomingMessage) => Promise<T>;
  plugin(): ApolloServerPlugin<BaseContext>;
}

export function createSubgraphTelemetry(options: { department: string; tracing: Tracing }): SubgraphTelemetry {
  const { department, tracing } = options;
  const registry = createRegistry({ defaultLabels: { department } });
  const requests = new Counter({
    name: 'govgraph_subgraph_requests_total',
    help: 'Requests this department answered, by operation name and outcome (ok, partial, denied: a refused grant or binding, rejected: a malformed request, error).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'govgraph_subgraph_request_duration_seconds',
    help: 'Time this department took to answer a request.',
    labelNames: ['operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const { observeRequests, link, observationOf } = createRequestObservations({
    tracing,
    attributes: { 'govgraph.department': department },
    requests,
    duration,
  });

  return {
    registry,
    tracing,
    observeRequests,
    linkContext(build) {
      return async (req) => {
        const context = await build(req);
        const observation = link(req, context);
        if (observation) {
          const { grant } = context;
          observation.span.setAttributes({
            'govgraph.caller.department': grant.dept,
            'govgraph.caller.application': grant.sub,
            ...(grant.purpose && { 'govgraph.purpose': grant.purpose }),
          });
        }
        return context;
      };
    },
    plugin() {
      return {
        async requestDidStart({ contextValue }) {
          const observation = observationOf(contextValue);
          if (!observation) return;
          return {
            async didResolveOperation(request) {
              observeOperation(observation, request);
            },
            async executionDidStart() {
              if (!tracing.enabled) return;
              return {
                willResolveField({ info }) {
                  if (info.path.prev !== undefined) return;
                  const field = `${info.parentType.name}.${info.fieldName}`;
                  const span = tracing.startChildSpan(observation.span, `resolve ${field}`, { attributes: { 'graphql.field.coordinate': field } });
                  return (error) => {
                    if (error) failSpan(span, String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'RESOLVER_ERROR'));
                    span.end();
                  };
                },
              };
            },
            async willSendResponse({ response }) {
              observation.response = response;
            },
          };
        },
      };
    },
  };
}
