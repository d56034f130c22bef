/**
 * Tracing configured by the standard OpenTelemetry variables, so an operator's collector setup carries over:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (a full URL) or `OTEL_EXPORTER_OTLP_ENDPOINT` (a base, `/v1/traces` is
 * appended), `OTEL_EXPORTER_OTLP_HEADERS` (read by the exporter itself), `OTEL_SERVICE_NAME`, and
 * `OTEL_TRACES_EXPORTER` / `OTEL_SDK_DISABLED` to turn it off. Unlike the SDK default (localhost:4318), no
 * endpoint means no tracing: nothing is sent anywhere unless the operator names where. Spans go as OTLP/HTTP with
 * JSON encoding (`@opentelemetry/exporter-trace-otlp-http`), which OTLP/HTTP receivers accept beside protobuf;
 * a `http/protobuf` protocol setting is therefore tolerated, gRPC refused.
 */
import type { TracingOptions } from './tracing.ts';

export function tracingFromEnv(env: NodeJS.ProcessEnv, defaultServiceName: string): TracingOptions {
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || defaultServiceName;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { serviceName, destination: null };
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none') return { serviceName, destination: null };
  if (exporter !== undefined && exporter !== '' && exporter !== 'otlp') {
    throw new Error(`OTEL_TRACES_EXPORTER=${exporter} is not supported: use "otlp" (with OTEL_EXPORTER_OTLP_ENDPOINT) or "none".`);
  }
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol !== undefined && protocol !== '' && protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported: govgraph exports OTLP over HTTP (JSON encoding, port 4318), not gRPC.`);
  }
  const full = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = full || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : '');
  if (!url) {
    if (exporter === 'otlp') {
      throw new Error('OTEL_TRACES_EXPORTER=otlp needs OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://otel-collector:4318): govgraph sends nothing to a default address.');
    }
    return { serviceName, destination: null };
  }
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new Error(`${full ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'} must be an http(s) URL, got "${full || base}".`);
  }
  return { serviceName, destination: { otlpTracesUrl: url } };
}
