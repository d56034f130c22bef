/**
 * One observation per `/graphql` request, the same for the gateway and for every department: a server span
 * (continuing an incoming `traceparent`) opened when the request arrives, renamed after the operation once it is
 * resolved, and closed exactly once when the response has been sent or the connection closed (so requests refused
 * before they run, 401 and 400, are counted too), counting the request and its latency by operation and outcome.
 * The context builder links the request's context to its observation, on the context itself: Apollo Server hands
 * plugins and data sources a shallow clone of the built context.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GraphQLResponse } from '@apollo/server';
import type { Attributes } from '@opentelemetry/api';
import type { OperationDefinitionNode } from 'graphql';
import type { Counter, Histogram } from 'prom-client';
import { outcomeOf } from '../platform/audit/outcome.ts';
import type { AuditOutcome } from '../platform/audit/types.ts';
import { boundedLabel } from './metrics.ts';
import { failSpan, type Span, type Tracing } from './tracing.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The outcome vocabulary of the audit trail (platform/audit/outcome.ts): ok, partial, denied, rejected, error. */
export type RequestOutcome = AuditOutcome;

export interface RequestObservation {
  span: Span;
  started: number;
  operation: string | null;
  response: GraphQLResponse | null;
}

export interface RequestObservations<O extends RequestObservation> {
  /** Wraps the `/graphql` handler: opens and closes the request's observation. */
  observeRequests(handler: Handler): Handler;
  /** Makes the request's observation reachable from `context` (and its clones); undefined when it has none. */
  link(req: IncomingMessage, context: object): O | undefined;
  observationOf(context: object): O | undefined;
}

export interface RequestObservationOptions<O extends RequestObservation> {
  tracing: Tracing;
  /** Attributes of every server span besides the method and path. Default none. */
  attributes?: Attributes;
  /** Counted when a request ends, by `operation` (bounded to 200 names) and `outcome`. */
  requests: Counter<'operation' | 'outcome'>;
  /** Observed when a request ends, in seconds, by `operation` and `outcome`. */
  duration: Histogram<'operation' | 'outcome'>;
  /** What else to record when a request ends: returns further attributes of its span. Default nothing. */
  ended?(observation: O): Attributes | undefined;
}

/** Fields an observation `O` has beyond `RequestObservation` must be optional: it starts without them. */
export function createRequestObservations<O extends RequestObservation = RequestObservation>(
  options: RequestObservationOptions<O>,
): RequestObservations<O> {
  const { tracing, requests, duration, ended } = options;
  const byRequest = new WeakMap<IncomingMessage, O>();
  const OBSERVATION = Symbol('govgraph.observation');
  const operationLabel = boundedLabel(200);

  const finish = (observation: O, res: ServerResponse): void => {
    const status = res.statusCode;
    const outcome = requestOutcome(status, observation.response);
    const operation = operationLabel(observation.operation);
    requests.inc({ operation, outcome });
    duration.observe({ operation, outcome }, (performance.now() - observation.started) / 1000);
    const { span } = observation;
    span.setAttributes({ 'http.response.status_code': status, 'govgraph.outcome': outcome, ...ended?.(observation) });
    if (status >= 500) failSpan(span, `HTTP ${status}`);
    span.end();
  };

  return {
    observeRequests(handler) {
      return (req, res) => {
        const span = tracing.startServerSpan(`${req.method ?? 'GET'} /graphql`, req.headers, {
          ...options.attributes,
          'http.request.method': req.method ?? 'GET',
          'url.path': '/graphql',
        });
        const observation = { span, started: performance.now(), operation: null, response: null } as RequestObservation as O;
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
    link(req, context) {
      const observation = byRequest.get(req);
      if (observation) (context as Record<symbol, O>)[OBSERVATION] = observation;
      return observation;
    },
    observationOf: (context) => (context as Record<symbol, O | undefined>)[OBSERVATION],
  };
}

/** Names the request's span after its operation (`query PersonCard`), once Apollo Server has resolved it. */
export function observeOperation(
  observation: RequestObservation,
  { operationName, operation }: { operationName?: string | null; operation?: OperationDefinitionNode | null },
): void {
  observation.operation = operationName ?? null;
  const type = operation?.operation ?? 'query';
  observation.span.updateName(`${type} ${operationName ?? 'anonymous'}`);
  observation.span.setAttributes({ 'graphql.operation.type': type, ...(operationName && { 'graphql.operation.name': operationName }) });
}

export function requestOutcome(status: number, response: GraphQLResponse | null): RequestOutcome {
  const body = response?.body;
  const result = body?.kind === 'single' ? body.singleResult : null;
  return outcomeOf(status, result?.errors ?? [], result?.data);
}
