/**
 * Per scenario and gateway: the mean over rounds of requests per second (with the range, so the spread is
 * visible), of the p50 and p99 latencies, and of CPU per request; the sums of failures; and the ratio of
 * govgraph's throughput to plain's. Printed as a Markdown table, ready for docs/PERFORMANCE.md.
 */
import type { Measurement } from './load.ts';
import { GATEWAYS, type GatewayName } from './processes.ts';

export interface GatewaySummary {
  gateway: GatewayName;
  rounds: number;
  requestsPerSecond: { mean: number; min: number; max: number };
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  mismatches: number | null;
  cpuMsPerRequest: { gateway: number | null; departments: number | null };
}

export interface ScenarioSummary {
  scenario: string;
  gateways: Record<GatewayName, GatewaySummary>;
  /** govgraph's mean requests per second over plain's. */
  throughputRatio: number;
}

export function summarise(scenario: string, measurements: readonly Measurement[]): ScenarioSummary {
  const of = (gateway: GatewayName): GatewaySummary => {
    const runs = measurements.filter((m) => m.scenario === scenario && m.gateway === gateway);
    const rps = runs.map((m) => m.requestsPerSecond);
    return {
      gateway,
      rounds: runs.length,
      requestsPerSecond: { mean: mean(rps), min: Math.min(...rps), max: Math.max(...rps) },
      latencyMs: { p50: mean(runs.map((m) => m.latencyMs.p50)), p99: mean(runs.map((m) => m.latencyMs.p99)) },
      non2xx: sum(runs.map((m) => m.non2xx)),
      errors: sum(runs.map((m) => m.errors)),
      mismatches: runs.some((m) => m.mismatches === null) ? null : sum(runs.map((m) => m.mismatches ?? 0)),
      cpuMsPerRequest: {
        gateway: meanOrNull(runs.map((m) => m.cpuMsPerRequest.gateway)),
        departments: meanOrNull(runs.map((m) => m.cpuMsPerRequest.departments)),
      },
    };
  };
  const gateways = { govgraph: of('govgraph'), plain: of('plain') };
  return { scenario, gateways, throughputRatio: gateways.govgraph.requestsPerSecond.mean / gateways.plain.requestsPerSecond.mean };
}

export function formatTable(summaries: readonly ScenarioSummary[]): string {
  const header = [
    '| scenario | gateway | req/s (mean) | req/s range | p50 ms | p99 ms | non-2xx | errors | mismatches | gateway CPU ms/req | departments CPU ms/req | govgraph/plain |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const rows = summaries.flatMap((summary) =>
    GATEWAYS.map((name) => {
      const g = summary.gateways[name];
      return `| ${name === 'govgraph' ? summary.scenario : ''} | ${name} | ${fixed(g.requestsPerSecond.mean, 0)} | ${fixed(g.requestsPerSecond.min, 0)}–${fixed(g.requestsPerSecond.max, 0)} | ${fixed(g.latencyMs.p50, 0)} | ${fixed(g.latencyMs.p99, 0)} | ${g.non2xx} | ${g.errors} | ${g.mismatches ?? 'n/a'} | ${fixed(g.cpuMsPerRequest.gateway, 2)} | ${fixed(g.cpuMsPerRequest.departments, 2)} | ${name === 'govgraph' ? fixed(summary.throughputRatio, 2) : ''} |`;
    }),
  );
  return [...header, ...rows].join('\n');
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function meanOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : mean(values as number[]);
}

function fixed(value: number | null, digits: number): string {
  return value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}
