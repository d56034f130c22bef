/**
 * One load run: autocannon against one gateway with one scenario for a fixed time over loopback keep-alive
 * connections, and what it measured, including the CPU the gateway and the departments used meanwhile.
 */
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
  /** Counted as a mismatch when an answer differs from this text (null: not checked). */
  expectedBody: string | null;
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
  const result = await autocannon({
    url: run.url,
    method: 'POST',
    headers: scenarioHeaders(run.scenario, run.token),
    body: JSON.stringify(run.scenario.body),
    connections: run.connections,
    duration: run.durationSeconds,
    ...(run.expectedBody === null ? {} : { expectBody: run.expectedBody }),
  });
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
    mismatches: run.expectedBody === null ? null : result.mismatches,
    cpuMsPerRequest: { gateway: perRequest(gatewayBefore, gatewayAfter), departments: perRequest(departmentsBefore, departmentsAfter) },
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
  };
}
