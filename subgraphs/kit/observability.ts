/**
 * A department's traces and metrics. Each `/graphql` request is a server span continuing the gateway's
 * `traceparent` (so the department's work sits inside the caller's trace), with a span per root field it
 * resolves (`Query._entities`, `Query.person`…); attributes say which department answered, for which caller
 * department and application, for what purpose, the operation name and the outcome — never arguments,
 * representations, the document or data. Metrics go to a registry of the department's own, served at `/metrics`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { boundedLabel, createRegistry, LATENCY_BUCKETS } from '../../observability/metrics.ts';
import { failSpan, type Span, type Tracing } from '../../observability/tracing.ts';
import type { GrantClaims } from '../../sharing/types.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Observation {
  span: Span;
  started: number;
  operation: string | null;
  response: GraphQLResponse | null;
}

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
  const byRequest = new WeakMap<IncomingMessage, Observation>();
  // On the context itself: Apollo Server hands plugins and data sources a shallow clone of the built context.
  const OBSERVATION = Symbol('govgraph.observation');
  const observationOf = (context: object): Observation | undefined => (context as Record<symbol, Observation | undefined>)[OBSERVATION];
  const operationLabel = boundedLabel(200);
  const requests = new Counter({
    name: 'govgraph_subgraph_requests_total',
    help: 'Requests this department answered, by operation name and outcome (ok, partial, denied: refused grant or 4xx, error).',
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

  const finish = (observation: Observation, res: ServerResponse): void => {
    const status = res.statusCode;
    const outcome = outcomeOf(status, observation.response);
    const operation = operationLabel(observation.operation);
    requests.inc({ operation, outcome });
    duration.observe({ operation, outcome }, (performance.now() - observation.started) / 1000);
    observation.span.setAttributes({ 'http.response.status_code': status, 'govgraph.outcome': outcome });
    if (status >= 500) failSpan(observation.span, `HTTP ${status}`);
    observation.span.end();
  };

  return {
    registry,
    tracing,
    observeRequests(handler) {
      return (req, res) => {
        const span = tracing.startServerSpan(`${req.method ?? 'GET'} /graphql`, req.headers, {
          'govgraph.department': department,
          'http.request.method': req.method ?? 'GET',
          'url.path': '/graphql',
        });
        const observation: Observation = { span, started: performance.now(), operation: null, response: null };
        byRequest.set(req, observation);
        let done = false;
        const end = () => {
          if (done) return;
          done = true;
          finish(observation, res);
        };
        res.once('finish', end);
        res.once('close', end);
        handler(req, res);
      };
    },
    linkContext(build) {
      return async (req) => {
        const context = await build(req);
        const observation = byRequest.get(req);
        if (observation) {
          (context as Record<symbol, Observation>)[OBSERVATION] = observation;
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
            async didResolveOperation({ operationName, operation }) {
              observation.operation = operationName ?? null;
              const type = operation?.operation ?? 'query';
              observation.span.updateName(`${type} ${operationName ?? 'anonymous'}`);
              observation.span.setAttributes({ 'graphql.operation.type': type, ...(operationName && { 'graphql.operation.name': operationName }) });
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

function outcomeOf(status: number, response: GraphQLResponse | null): 'ok' | 'partial' | 'denied' | 'error' {
  if (status >= 500) return 'error';
  if (status >= 400) return 'denied';
  const body = response?.body;
  if (!body || body.kind !== 'single' || !body.singleResult.errors?.length) return 'ok';
  return body.singleResult.data ? 'partial' : 'error';
}
