/**
 * One load run: autocannon against one gateway with one scenario for a fixed time over loopback keep-alive
 * connections, and what it measured, including the CPU the gateway and the departments used meanwhile. The
 * scenario's variants are sent in turn across all connections (one counter for the run), so the requests in flight
 * are all different; each answer is compared with its variant's verified text (the first that differs is written
 * to BENCH_MISMATCH_FILE when that is set, to see why).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { totalCpuMilliseconds } from './processCpu.ts';
import type { GatewayName } from './processes.ts';
import { scenarioHeaders, type Scenario } from './scenarios.ts';

export interface LoadRun {
  gateway: GatewayName;
  url: string;
  scenario: Scenario;
  token: string;
  durationSeconds: number;
  connections: number;
  /** Per variant, counted as a mismatch when an answer differs from this text (null: not checked). */
  expectedBodies: readonly (string | null)[];
  /** Processes whose CPU time is accounted: the gateway under load, and the departments. */
  pids: { gateway: number; departments: readonly number[] };
}

export interface Measurement {
  gateway: GatewayName;
  scenario: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Answers whose body differed from the verified one; null when not checked. */
  mismatches: number | null;
  /** CPU milliseconds per request, of the gateway process and of all departments together; null off Linux. */
  cpuMsPerRequest: { gateway: number | null; departments: number | null };
  /** The machine's 1-minute load average before and after the run: other work on the machine skews everything. */
  loadAverage: { before: number; after: number };
}

export async function runLoad(run: LoadRun): Promise<Measurement> {
  const loadBefore = loadavg()[0]!;
  const gatewayBefore = totalCpuMilliseconds([run.pids.gateway]);
  const departmentsBefore = totalCpuMilliseconds(run.pids.departments);
  const bodies = run.scenario.variants.map((variant) => JSON.stringify(variant.body));
  const checked = run.expectedBodies.some((body) => body !== null);
  let next = 0;
  let mismatches = 0;
  const result = await autocannon({
    url: run.url,
    method: 'POST',
    headers: scenarioHeaders(run.scenario, run.token),
    body: bodies[0],
    connections: run.connections,
    duration: run.durationSeconds,
    requests: [
      {
        setupRequest: (request: object, context: { variant?: number }) => {
          const variant = next++ % bodies.length;
          context.variant = variant;
          return { ...request, body: bodies[variant] };
        },
        onResponse: (_status: number, body: string, context: { variant?: number }) => {
          const expected = run.expectedBodies[context.variant ?? 0];
          if (expected !== null && expected !== undefined && !sameAnswer(body, expected)) {
            if (mismatches++ === 0 && process.env.BENCH_MISMATCH_FILE) writeFileSync(process.env.BENCH_MISMATCH_FILE, `${expected}\n${body}\n`);
          }
        },
      },
    ],
  } as autocannon.Options);
  const gatewayAfter = totalCpuMilliseconds([run.pids.gateway]);
  const departmentsAfter = totalCpuMilliseconds(run.pids.departments);
  const requests = result.requests.total;
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null || requests === 0 ? null : (after - before) / requests;
  return {
    gateway: run.gateway,
    scenario: run.scenario.name,
    requests,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: checked ? mismatches : null,
    cpuMsPerRequest: { gateway: perRequest(gatewayBefore, gatewayAfter), departments: perRequest(departmentsBefore, departmentsAfter) },
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
  };
}

/**
 * Whether autocannon's text of an answer is the expected one. autocannon decodes each chunk of a response as
 * UTF-8 on its own, so a character split across two chunks (Chinese names in an answer of 70 KB) arrives as
 * U+FFFD: each such run stands for exactly one character of the expected text, which is not ASCII.
 */
export function sameAnswer(received: string, expected: string): boolean {
  if (received === expected) return true;
  const parts = received.split(/\uFFFD+/);
  if (parts.length === 1 || expected.includes('\uFFFD')) return false;
  if (!expected.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (let k = 1; k < parts.length; k++) {
    const split = expected.codePointAt(at);
    if (split === undefined || split < 0x80) return false;
    at += split > 0xffff ? 2 : 1;
    if (!expected.startsWith(parts[k]!, at)) return false;
    at += parts[k]!.length;
  }
  return at === expected.length;
}
