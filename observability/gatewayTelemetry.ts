/**
 * The gateway's traces and metrics. One trace per request: a server span (continuing an incoming `traceparent`)
 * named after the operation, with a client span per subgraph fetch whose `traceparent` the department continues.
 * Spans carry who asked (department, application), the purpose, the operation name and type, the request id
 * (which finds the audit record), the outcome and the denied items — never variables, the document, resident IDs
 * or any other response data. Metrics count the same things in a registry of this gateway's own.
 *
 * Everything hangs off one observation per HTTP request: the route wrapper opens it, the context builder links
 * the request's context to it, the plugin and the subgraph wrapper add to it, and it closes when the response
 * has been sent (so requests refused before they run, 401 and 400, are counted too).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Registry } from 'prom-client';
import type { AuditSink } from '../platform/audit/trail.ts';
import type { GatewayContext } from '../gateway/context.ts';
import type { Decision } from '../sharing/types.ts';
import { defineGatewayMetrics, type AuditFigures, type SubgraphClientStatus } from './gatewayMetrics.ts';
import { boundedLabel, createRegistry } from './metrics.ts';
import { createRequestObservations, observeOperation, type RequestObservation } from './requestObservation.ts';
import { failSpan, SpanKind, type Tracing } from './tracing.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Observation extends RequestObservation {
  /** The decisions the request reached, once its response is sent. */
  decisions?: readonly Decision[];
}

/** What an audit sink may offer beyond `append`: the trails answer `stats()` at once, the worker sink by message. */
interface InspectableSink extends AuditSink {
  stats?(): AuditFigures | Promise<AuditFigures>;
}

export interface GatewayTelemetry {
  readonly registry: Registry;
  readonly tracing: Tracing;
  /** Wraps the `/graphql` handler: opens and closes the request's observation. */
  observeRequests(handler: Handler): Handler;
  /** Wraps the context builder, so plugins and subgraph fetches find the request's span from its context. */
  linkContext<T extends object>(build: (req: IncomingMessage) => Promise<T>): (req: IncomingMessage) => Promise<T>;
  /** Operation name and type, decisions and response, for the request's span and metrics. */
  plugin(): ApolloServerPlugin<GatewayContext>;
  /** A subgraph's data source with a client span, `traceparent`, and per-department counts and latency. */
  traceSubgraph(name: string, url: string, service: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext>;
  /** The audit sink timed, its failures counted, its group-commit figures (when it has `stats()`) exposed. */
  observeAudit(sink: AuditSink): AuditSink;
  /** The last audit append failed less than `withinMs` ago, and none succeeded since: the reason, else null. */
  recentAuditFailure(withinMs: number): string | null;
  /** Exposes each subgraph's circuit state and waiting requests, read from the subgraph client at each scrape. */
  observeSubgraphClient(status: () => SubgraphClientStatus): void;
}

export function createGatewayTelemetry(options: { tracing: Tracing; registry?: Registry }): GatewayTelemetry {
  const { tracing } = options;
  const registry = options.registry ?? createRegistry();
  const codeLabel = boundedLabel(50, 'none');
  const metric = defineGatewayMetrics(registry);
  const { observeRequests, link, observationOf } = createRequestObservations<Observation>({
    tracing,
    requests: metric.requests,
    duration: metric.duration,
    ended(observation) {
      const denied = deniedItems(observation.decisions ?? []);
      for (const decision of denied) metric.denials.inc({ item: decision.item, provider: decision.provider ?? 'unknown', level: decision.level });
      return denied.length > 0 ? { 'govgraph.denied_items': denied.map((d) => d.item) } : undefined;
    },
  });
  let auditFailure: { at: number; reason: string } | null = null;
  let auditFigures: (() => AuditFigures | Promise<AuditFigures>) | null = null;

  return {
    registry,
    tracing,
    observeRequests,
    linkContext(build) {
      return async (req) => {
        const context = await build(req);
        const observation = link(req, context);
        if (observation) {
          const { caller, purpose, requestId } = context as unknown as Partial<GatewayContext>;
          observation.span.setAttributes({
            ...(caller && { 'govgraph.caller.department': caller.department, 'govgraph.caller.application': caller.application }),
            ...(purpose && { 'govgraph.purpose': purpose }),
            ...(requestId && { 'govgraph.request_id': requestId }),
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
            async willSendResponse({ response, contextValue: context }) {
              // Read when the response is sent: later plugins (the audit) may still turn it into a 503.
              observation.response = response;
              observation.decisions = context.decisions?.reached ?? [];
            },
          };
        },
      };
    },
    traceSubgraph(name, url, service) {
      return {
        async process(request) {
          const observation = observationOf(request.context);
          const span = observation
            ? tracing.startChildSpan(observation.span, `fetch ${name}`, {
                kind: SpanKind.CLIENT,
                attributes: { 'govgraph.subgraph': name, 'url.full': url, 'server.address': new URL(url).hostname },
              })
            : null;
          if (span && tracing.enabled) {
            const http = (request.request.http ??= { method: 'POST', url, headers: new Headers() as never });
            tracing.inject(span, (header, value) => http.headers.set(header, value));
          }
          const started = performance.now();
          let outcome = 'ok';
          try {
            const response = await service.process(request);
            if (response.errors?.length) {
              outcome = 'errors';
              for (const error of response.errors) {
                metric.subgraphErrors.inc({ subgraph: name, code: codeLabel(String(error.extensions?.code ?? 'GRAPHQL_ERROR')) });
              }
              span?.setAttribute('govgraph.subgraph.errors', response.errors.length);
            }
            return response;
          } catch (error) {
            outcome = 'failed';
            const code = codeLabel(String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? 'SUBGRAPH_ERROR'));
            metric.subgraphErrors.inc({ subgraph: name, code });
            if (span) failSpan(span, code);
            throw error;
          } finally {
            metric.subgraphRequests.inc({ subgraph: name, outcome });
            metric.subgraphDuration.observe({ subgraph: name }, (performance.now() - started) / 1000);
            span?.setAttribute('govgraph.outcome', outcome);
            span?.end();
          }
        },
      };
    },
    observeAudit(sink) {
      const inspectable = sink as InspectableSink;
      if (typeof inspectable.stats === 'function') {
        // Registered once; observing another sink later makes its figures the ones reported.
        if (!auditFigures) metric.auditStats(() => auditFigures!());
        auditFigures = () => inspectable.stats!();
      }
      return {
        append: async (entry) => {
          const started = performance.now();
          try {
            const record = await sink.append(entry);
            metric.auditAppend.observe({ result: 'durable' }, (performance.now() - started) / 1000);
            auditFailure = null;
            return record;
          } catch (error) {
            metric.auditAppend.observe({ result: 'failed' }, (performance.now() - started) / 1000);
            metric.auditFailures.inc();
            auditFailure = { at: Date.now(), reason: error instanceof Error ? error.message : String(error) };
            throw error;
          }
        },
      };
    },
    recentAuditFailure(withinMs) {
      return auditFailure && Date.now() - auditFailure.at < withinMs ? auditFailure.reason : null;
    },
    observeSubgraphClient(status) {
      metric.subgraphClient(status);
    },
  };
}

/** One decision per denied item: a list selected many times is still one denial of that item. */
function deniedItems(decisions: readonly Decision[]): Decision[] {
  const items = new Map<string, Decision>();
  for (const decision of decisions) if (decision.effect === 'deny' && !items.has(decision.item)) items.set(decision.item, decision);
  return [...items.values()];
}
