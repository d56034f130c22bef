/**
 * Tracing configured by the standard OpenTelemetry variables, so an operator's collector setup carries over:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (a full URL) or `OTEL_EXPORTER_OTLP_ENDPOINT` (a base, `/v1/traces` is
 * appended), `OTEL_EXPORTER_OTLP_HEADERS` (read by the exporter itself), `OTEL_SERVICE_NAME`, and
 * `OTEL_TRACES_EXPORTER` / `OTEL_SDK_DISABLED` to turn it off, `OTEL_TRACES_SAMPLER` (parent-based samplers
 * only, so a trace is never cut between gateway and department) with `OTEL_TRACES_SAMPLER_ARG`. Unlike the SDK default (localhost:4318), no
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
  return { serviceName, destination: { otlpTracesUrl: url }, sampleRatio: sampleRatioFromEnv(env) };
}

const SAMPLERS = ['parentbased_always_on', 'parentbased_traceidratio', 'parentbased_always_off'];

function sampleRatioFromEnv(env: NodeJS.ProcessEnv): number {
  const sampler = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase() || 'parentbased_always_on';
  if (!SAMPLERS.includes(sampler)) {
    throw new Error(`OTEL_TRACES_SAMPLER=${sampler} is not supported: use ${SAMPLERS.join(', ')} (parent-based, so a trace is whole or absent).`);
  }
  if (sampler === 'parentbased_always_on') return 1;
  if (sampler === 'parentbased_always_off') return 0;
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim() ?? '';
  const ratio = arg === '' ? 1 : Number(arg);
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 (the share of traces kept), got "${arg}".`);
  return ratio;
}
