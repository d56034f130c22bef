/**
 * Per scenario and gateway variant: the mean over rounds of requests per second (with the range, so the spread
 * is visible), of the p50 and p99 latencies, and of CPU per request; the sums of failures; the audit trail's
 * group commit while govgraph was measured; and the ratios of throughput (and of gateway CPU per request) of
 * govgraph as deployed against every other variant measured in the same run (plain @apollo/gateway, the same on
 * govgraph's transport, Hive Gateway with and without graphql-jit, govgraph without its trail), and of every
 * variant against plain. Printed as Markdown tables, ready for docs/PERFORMANCE.md.
 */
import type { Measurement } from './load.ts';
import { GATEWAYS, type GatewayName } from './processes.ts';

/** Group commit of the audit trail during one measured govgraph run: differences of the trail's counters. */
export interface AuditDelta {
  records: number;
  batches: number;
  /** The trail's largest batch since it was opened, at the end of the run. */
  maxBatchSizeSoFar: number;
}

export type RoundMeasurement = Measurement & { round: number; audit: AuditDelta | null };

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

/** govgraph's figure over each other variant's, and each variant's over plain's; null when one was not measured. */
export interface Ratios {
  /** govgraph / variant. */
  govgraphOver: Partial<Record<GatewayName, number | null>>;
  /** variant / plain. */
  overPlain: Partial<Record<GatewayName, number | null>>;
}

export interface ScenarioSummary {
  scenario: string;
  gateways: Partial<Record<GatewayName, GatewaySummary>>;
  /** Of mean requests per second; null when a variant was not measured. */
  throughputRatios: Ratios;
  /** Of mean gateway CPU milliseconds per request (higher: the first costs more CPU per request). */
  gatewayCpuRatios: Ratios;
  /** The trail's batches during govgraph's measured rounds of this scenario; null when govgraph was not measured. */
  audit: { records: number; batches: number; meanBatchSize: number; maxBatchSizeSoFar: number } | null;
}

export function summarise(scenario: string, measurements: readonly RoundMeasurement[], gateways: readonly GatewayName[]): ScenarioSummary {
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
  const summaries: Partial<Record<GatewayName, GatewaySummary>> = Object.fromEntries(
    GATEWAYS.filter((g) => gateways.includes(g)).map((g) => [g, of(g)]),
  );
  const ratios = (value: (g: GatewaySummary) => number | null): Ratios => {
    const ratio = (a: GatewayName, b: GatewayName) => {
      const x = summaries[a] ? value(summaries[a]) : null;
      const y = summaries[b] ? value(summaries[b]) : null;
      return x === null || y === null || y === 0 ? null : x / y;
    };
    const measured = GATEWAYS.filter((g) => summaries[g]);
    return {
      govgraphOver: Object.fromEntries(measured.filter((g) => g !== 'govgraph').map((g) => [g, ratio('govgraph', g)])),
      overPlain: Object.fromEntries(measured.filter((g) => g !== 'plain').map((g) => [g, ratio(g, 'plain')])),
    };
  };
  const audited = measurements.filter((m) => m.scenario === scenario && m.gateway === 'govgraph' && m.audit !== null);
  const records = sum(audited.map((m) => m.audit!.records));
  const batches = sum(audited.map((m) => m.audit!.batches));
  return {
    scenario,
    gateways: summaries,
    throughputRatios: ratios((g) => g.requestsPerSecond.mean),
    gatewayCpuRatios: ratios((g) => g.cpuMsPerRequest.gateway),
    audit: audited.length === 0
      ? null
      : { records, batches, meanBatchSize: batches === 0 ? NaN : records / batches, maxBatchSizeSoFar: Math.max(...audited.map((m) => m.audit!.maxBatchSizeSoFar)) },
  };
}

export function formatTable(summaries: readonly ScenarioSummary[]): string {
  const header = [
    '| scenario | gateway | req/s (mean) | req/s range | p50 ms | p99 ms | non-2xx | errors | mismatches | gateway CPU ms/req | departments CPU ms/req |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const rows = summaries.flatMap((summary) =>
    GATEWAYS.filter((name) => summary.gateways[name]).map((name, i) => {
      const g = summary.gateways[name]!;
      return `| ${i === 0 ? summary.scenario : ''} | ${name} | ${fixed(g.requestsPerSecond.mean, 0)} | ${fixed(g.requestsPerSecond.min, 0)}–${fixed(g.requestsPerSecond.max, 0)} | ${fixed(g.latencyMs.p50, 0)} | ${fixed(g.latencyMs.p99, 0)} | ${g.non2xx} | ${g.errors} | ${g.mismatches ?? 'n/a'} | ${fixed(g.cpuMsPerRequest.gateway, 2)} | ${fixed(g.cpuMsPerRequest.departments, 2)} |`;
    }),
  );
  return [...header, ...rows].join('\n');
}

/** Two tables: govgraph's req/s (and gateway CPU per request) over each other variant's, then each variant's over plain's. */
export function formatRatios(summaries: readonly ScenarioSummary[]): string {
  const table = (title: string, pick: (r: Ratios) => Partial<Record<GatewayName, number | null>>) => {
    const columns = GATEWAYS.filter((g) => summaries.some((s) => g in pick(s.throughputRatios)));
    const header = [`| scenario | ${columns.map((g) => `${title.replace('X', g)} req/s`).join(' | ')} | ${columns.map((g) => `${title.replace('X', g)} CPU`).join(' | ')} |`, `|---|${columns.map(() => '--:|').join('').repeat(2)}`];
    const rows = summaries.map(
      ({ scenario, throughputRatios: t, gatewayCpuRatios: c }) =>
        `| ${scenario} | ${columns.map((g) => fixed(pick(t)[g] ?? null, 2)).join(' | ')} | ${columns.map((g) => fixed(pick(c)[g] ?? null, 2)).join(' | ')} |`,
    );
    return [...header, ...rows].join('\n');
  };
  const overPeers = table('govgraph / X', (r) => r.govgraphOver);
  // With plain the only peer, X / plain says nothing the first table did not.
  const peers = GATEWAYS.filter((g) => g !== 'govgraph' && g !== 'plain' && summaries.some((s) => g in s.throughputRatios.overPlain));
  return peers.length === 0 ? overPeers : `${overPeers}\n\n${table('X / plain', (r) => r.overPlain)}`;
}

export function formatAuditBatches(summaries: readonly ScenarioSummary[]): string {
  const header = [
    '| scenario | records (measured rounds) | commits | mean batch | largest batch so far |',
    '|---|--:|--:|--:|--:|',
  ];
  const rows = summaries
    .filter((s) => s.audit)
    .map(({ scenario, audit: a }) => `| ${scenario} | ${a!.records} | ${a!.batches} | ${fixed(a!.meanBatchSize, 2)} | ${a!.maxBatchSizeSoFar} |`);
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
