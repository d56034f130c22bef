/** Traces, metrics and readiness for the gateway and the departments (see docs/DEPLOYMENT.md, Observability). */
export { createTracing, failSpan, SpanKind, type Span, type TraceDestination, type Tracing, type TracingOptions } from './tracing.ts';
export { tracingFromEnv } from './tracingFromEnv.ts';
export { boundedLabel, createRegistry, LATENCY_BUCKETS, metricsHandler } from './metrics.ts';
export { checkReadiness, readinessHandler, subgraphReachable, type CheckResult, type Readiness, type ReadinessCheck } from './readiness.ts';
export { createGatewayTelemetry, type GatewayTelemetry } from './gatewayTelemetry.ts';
export { gatewayReadinessChecks, type GatewayReadinessInput } from './gatewayReadiness.ts';
export { checkMetricsOptions, metricsEndpoint, type MetricsEndpoint, type MetricsOptions } from './metricsAccess.ts';
