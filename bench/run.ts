/**
 * `npm run bench -- [--duration 10] [--warmup 3] [--connections 20] [--rounds 3] [--scenario <name>]...
 *   [--people 10000] [--data-dir <dir>]`
 *
 * What enforcement costs: the govgraph gateway (identity, per-field decisions, rewritten plans, grant tokens,
 * masking, shaped responses) against plain @apollo/gateway over the same supergraph and the same seven department
 * processes, both gateways in child processes of their own. Each scenario is verified on both gateways first (a
 * benchmark of errors is worthless), warmed up, then measured in alternating rounds (govgraph first in even
 * rounds, plain first in odd ones) so drift falls on both alike. Prints a table and writes every number to
 * bench/results/<ISO timestamp>.json. The plain gateway does no enforcement and no audit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mintToken } from '../gateway/identity/index.ts';
import { findOneStopApplicant } from './applicant.ts';
import { prepareDataDirectory, type BenchDataDirectory } from './dataDirectory.ts';
import { describeEnvironment } from './environment.ts';
import { runLoad, type Measurement } from './load.ts';
import { readBenchOptions } from './options.ts';
import { GATEWAYS, startSystem, type GatewayName, type RunningSystem } from './processes.ts';
import { buildScenarios, selectScenarios } from './scenarios.ts';
import { waitUntilIdle } from './settle.ts';
import { formatTable, summarise } from './summary.ts';
import { verifyScenario, type VerifiedAnswer } from './verify.ts';

const options = (() => {
  try {
    return readBenchOptions();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const environment = describeEnvironment();
const startedAt = new Date();
let data: BenchDataDirectory | null = null;
let system: RunningSystem | null = null;
let stopping = false;

async function cleanUp(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await system?.stop();
  data?.dispose();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  console.log(`govgraph bench: ${environment.cores} cores (${environment.cpuModel}), Node ${environment.node}`);
  data = await prepareDataDirectory(options);
  const { population } = data;
  console.log(`Data in ${data.dir}: ${population.people} people, ${population.enterprises} enterprises (seed ${population.seed}); starting 7 departments and 2 gateways...`);
  const starting = performance.now();
  system = await startSystem(data.dir, population);
  console.log(`Started in ${((performance.now() - starting) / 1000).toFixed(1)} s: govgraph ${system.gateways.govgraph}, plain ${system.gateways.plain}`);

  const applicant = await findOneStopApplicant(population, system.departmentUrls['natural-resources']!, data.grantKey);
  const token = await mintToken(data.callerKey, { department: 'tax', application: 'tax-bench', ttl: '24h' });
  const scenarios = selectScenarios(buildScenarios(applicant), options.scenarios);

  const verified = new Map<string, VerifiedAnswer>();
  for (const scenario of scenarios) {
    for (const gateway of GATEWAYS) {
      verified.set(`${scenario.name}/${gateway}`, await verifyScenario(scenario, gateway, system.gateways[gateway], token));
    }
  }
  console.log(`Verified ${scenarios.length} scenario(s) on both gateways. The plain gateway does no enforcement, no masking and no audit.`);
  const perRun = options.durationSeconds * options.rounds * GATEWAYS.length + options.warmupSeconds * GATEWAYS.length;
  console.log(`Measuring about ${Math.ceil((perRun * scenarios.length) / 60)} min: ${options.rounds} rounds x ${options.durationSeconds} s, ${options.connections} connections.\n`);

  const measurements: (Measurement & { round: number })[] = [];
  for (const scenario of scenarios) {
    const everyPid = [...GATEWAYS.map((g) => system!.pids.gateways[g]), ...system.pids.departments];
    const load = async (gateway: GatewayName, durationSeconds: number) => {
      await waitUntilIdle(everyPid);
      return runLoad({
        gateway,
        url: system!.gateways[gateway],
        scenario,
        token,
        durationSeconds,
        connections: options.connections,
        expectedBody: verified.get(`${scenario.name}/${gateway}`)!.expectedBody,
        pids: { gateway: system!.pids.gateways[gateway], departments: system!.pids.departments },
      });
    };
    if (options.warmupSeconds > 0) for (const gateway of GATEWAYS) await load(gateway, options.warmupSeconds);
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? GATEWAYS : [...GATEWAYS].reverse();
      for (const gateway of order) {
        const measured = await load(gateway, options.durationSeconds);
        measurements.push({ ...measured, round });
        console.log(
          `  ${scenario.name.padEnd(22)} round ${round + 1} ${gateway.padEnd(8)} ${measured.requestsPerSecond.toFixed(0).padStart(6)} req/s` +
            `  p50 ${measured.latencyMs.p50} ms  p99 ${measured.latencyMs.p99} ms  non-2xx ${measured.non2xx}  errors ${measured.errors}` +
            `  mismatches ${measured.mismatches ?? 'n/a'}  load ${measured.loadAverage.before.toFixed(1)}`,
        );
      }
    }
  }

  const summaries = scenarios.map((scenario) => summarise(scenario.name, measurements));
  const table = formatTable(summaries);
  console.log(`\n${table}\n`);
  console.log('req/s, p50 and p99 are means over rounds; plain does no enforcement, no masking and no audit.');
  const failures = measurements.filter((m) => m.non2xx > 0 || m.errors > 0 || (m.mismatches ?? 0) > 0);
  if (failures.length > 0) console.log(`WARNING: ${failures.length} run(s) had failures (non-2xx, errors or mismatched answers): their numbers are suspect.`);

  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${startedAt.toISOString().replaceAll(':', '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        command: ['npm run bench --', ...process.argv.slice(2)].join(' '),
        options,
        environment,
        population,
        applicant: applicant.idNumber,
        notes: ['plain does no enforcement, no masking and no audit; it sends each department a grant signed once at start, with the department itself as caller'],
        scenarios: scenarios.map((s) => ({
          name: s.name,
          description: s.description,
          purpose: s.purpose,
          body: s.body,
          answerBytes: Object.fromEntries(GATEWAYS.map((g) => [g, verified.get(`${s.name}/${g}`)!.bytes])),
          answerChecked: Object.fromEntries(GATEWAYS.map((g) => [g, verified.get(`${s.name}/${g}`)!.expectedBody !== null])),
        })),
        summaries,
        rounds: measurements,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`Results: ${file}`);
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
