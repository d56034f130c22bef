/**
 * Traces, one provider per process part (a gateway, a department), never the global one: two gateways in one
 * process (tests) keep their spans apart, and nothing else in the process (Apollo's own instrumentation) starts
 * exporting because govgraph registered a provider. Parents are passed explicitly (no async context manager).
 *
 * Off unless an exporter is given: nothing leaves the process by default. W3C `traceparent` carries the trace
 * from the gateway to each department, which continues it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

/** Where finished spans go. */
export type TraceDestination =
  /** An OTLP/HTTP collector, e.g. `http://otel-collector:4318/v1/traces` (batched). */
  | { otlpTracesUrl: string; headers?: Record<string, string> }
  /** Any exporter, each span handed over as it ends (tests: `InMemorySpanExporter`). */
  | { exporter: SpanExporter };

export interface TracingOptions {
  /** `service.name` of every span, e.g. `govgraph-gateway`. Required. */
  serviceName: string;
  /** Where spans go. Default none: tracing is off, spans are not even recorded. */
  destination?: TraceDestination | null;
  /**
   * Share of new traces recorded, 0 to 1. Default 1 (every request). A request that arrives inside a trace
   * (`traceparent`) follows its caller's decision, and the departments follow the gateway's: a trace is whole or
   * absent.
   */
  sampleRatio?: number;
}

export interface Tracing {
  readonly enabled: boolean;
  /** A server span for an incoming request, continuing the caller's `traceparent` when there is one. */
  startServerSpan(name: string, headers: IncomingHttpHeaders, attributes?: Attributes): Span;
  /** A span under `parent`. */
  startChildSpan(parent: Span, name: string, options?: { kind?: SpanKind; attributes?: Attributes }): Span;
  /** Writes `traceparent` (and `tracestate`) for a request made inside `span`. */
  inject(span: Span, setHeader: (name: string, value: string) => void): void;
  /** Sends what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();

export function createTracing(options: TracingOptions): Tracing {
  if (!options?.serviceName) throw new TypeError('createTracing: option `serviceName` is required (e.g. "govgraph-gateway").');
  const destination = options.destination ?? null;
  const ratio = options.sampleRatio ?? 1;
  if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) {
    throw new TypeError(`createTracing: option \`sampleRatio\` must be a number from 0 to 1, got ${String(options.sampleRatio)}.`);
  }
  if (!destination) return disabledTracing;
  const processor =
    'exporter' in destination
      ? new SimpleSpanProcessor(destination.exporter)
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: checkedUrl(destination.otlpTracesUrl), ...(destination.headers && { headers: destination.headers }) }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [processor],
  });
  const tracer: Tracer = provider.getTracer('govgraph');
  return {
    enabled: true,
    startServerSpan(name, headers, attributes) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      return tracer.startSpan(name, { kind: SpanKind.SERVER, ...(attributes && { attributes }) }, parent);
    },
    startChildSpan(parent, name, childOptions = {}) {
      return tracer.startSpan(name, childOptions, trace.setSpan(ROOT_CONTEXT, parent));
    },
    inject(span, setHeader) {
      const carrier: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
      for (const [name, value] of Object.entries(carrier)) setHeader(name, value);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Marks a span failed with a short reason (never a message that could carry request data). */
export function failSpan(span: Span, reason: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}

const nonRecording = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

const disabledTracing: Tracing = {
  enabled: false,
  startServerSpan: () => nonRecording,
  startChildSpan: () => nonRecording,
  inject() {},
  shutdown: async () => {},
};

function checkedUrl(url: string): string {
  if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new TypeError(`Tracing: the OTLP traces URL must be an http(s) URL, got ${JSON.stringify(url)}.`);
  }
  return url;
}

export { SpanKind, type Span };
