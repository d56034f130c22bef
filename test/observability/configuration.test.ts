import { describe, expect, it } from 'vitest';
import { boundedLabel, createTracing, tracingFromEnv } from '../../observability/index.ts';

describe('tracing from the OTEL_* environment', () => {
  it('is off when no endpoint is named, so nothing is sent anywhere by default', () => {
    expect(tracingFromEnv({}, 'govgraph-gateway')).toEqual({ serviceName: 'govgraph-gateway', destination: null });
    expect(createTracing({ serviceName: 'govgraph-gateway' }).enabled).toBe(false);
  });

  it('exports to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces, or to the full traces endpoint, under OTEL_SERVICE_NAME', () => {
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'govgraph-tax')).toEqual({
      serviceName: 'govgraph-tax',
      destination: { otlpTracesUrl: 'http://collector:4318/v1/traces' },
      sampleRatio: 1,
    });
    expect(
      tracingFromEnv(
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c.example/otlp/traces', OTEL_SERVICE_NAME: 'gw-2' },
        'govgraph-gateway',
      ),
    ).toEqual({ serviceName: 'gw-2', destination: { otlpTracesUrl: 'https://c.example/otlp/traces' }, sampleRatio: 1 });
  });

  it('samples a share of new traces with the parent-based samplers', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingFromEnv({ ...endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }, 'g').sampleRatio).toBe(0.1);
    expect(tracingFromEnv({ ...endpoint, OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, 'g').sampleRatio).toBe(0);
    expect(() => tracingFromEnv({ ...endpoint, OTEL_TRACES_SAMPLER: 'traceidratio' }, 'g')).toThrow(/parent-based, so a trace is whole or absent/);
    expect(() => tracingFromEnv({ ...endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '10%' }, 'g')).toThrow(
      /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/,
    );
    expect(() => createTracing({ serviceName: 'g', sampleRatio: 2 })).toThrow(/sampleRatio/);
  });

  it('is off with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none even when an endpoint is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingFromEnv({ ...endpoint, OTEL_SDK_DISABLED: 'true' }, 'g').destination).toBeNull();
    expect(tracingFromEnv({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }, 'g').destination).toBeNull();
  });

  it('refuses settings it cannot honour, naming the variable', () => {
    expect(() => tracingFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' }, 'g')).toThrow(/OTEL_TRACES_EXPORTER=zipkin is not supported/);
    expect(() => tracingFromEnv({ OTEL_TRACES_EXPORTER: 'otlp' }, 'g')).toThrow(/needs OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'g')).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
    expect(() => tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'g')).toThrow(/not gRPC/);
  });
});

describe('metric labels a caller chooses', () => {
  it('keeps well-formed operation names up to the limit, then counts the rest as other', () => {
    const label = boundedLabel(2);
    expect([label(null), label('OneStop'), label('Legal'), label('OneStop'), label('Third'), label('bad name!')]).toEqual([
      'anonymous', 'OneStop', 'Legal', 'OneStop', 'other', 'other',
    ]);
  });
});
