/**
 * `npm run bench -- [--duration 10] [--warmup 3] [--connections 20] [--rounds 3] [--scenario <name>]...
 *   [--people 10000] [--data-dir <dir>] [--gateways govgraph,govgraph-no-audit,plain,plain-govgraph-transport,hive,hive-jit]`
 *
 * What enforcement and the audit trail cost: the govgraph gateway as deployed (identity, per-field decisions,
 * rewritten plans, grant tokens, masking, shaped responses, and every request recorded in the group-committed,
 * sealed audit trail before its response), the same gateway without the trail, and plain @apollo/gateway, over
 * the same supergraph and the same seven department processes, each gateway in a child process of its own. Each
 * scenario is verified on every gateway first (a benchmark of errors is worthless), warmed up, then measured in
 * rounds that alternate the gateways, the order rotated every round so drift falls on all alike. At the end the
 * audit trail the run wrote is verified (hash chain, index rows, seals against the gateway JWKS). Prints tables
 * and writes every number to bench/results/<ISO timestamp>.json. The peers (plain @apollo/gateway, the same on
 * govgraph's transport, Hive Gateway with and without graphql-jit) do no enforcement and no audit.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { mintToken } from '../gateway/identify/index.ts';
import { verifyTrail, type AuditStats, type VerifyResult } from '../platform/index.ts';
import { readGatewayJwks } from '../sharing/grantKeys.ts';
import { findOneStopApplicants } from './applicant.ts';
import { formatProfileSummary, summariseProfile, type CpuProfile, type ProfileSummary } from './profile/summariseProfile.ts';
import { prepareDataDirectory, type BenchDataDirectory } from './dataDirectory.ts';
import { describeEnvironment } from './environment.ts';
import { runLoad } from './load.ts';
import { readBenchOptions } from './options.ts';
import { startSystem, type GatewayName, type RunningSystem } from './processes.ts';
import { buildScenarios, selectScenarios, VARIANTS } from './scenarios.ts';
import { createPopulation } from '../subgraphs/synthetic/index.ts';
import { waitUntilIdle } from './settle.ts';
import { formatAuditBatches, formatRatios, formatTable, summarise, type RoundMeasurement } from './summary.ts';
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
const loadAverageAtStart = loadavg();
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const resultsStem = `${resultsDir}${startedAt.toISOString().replaceAll(':', '-')}`;
const profiles: Record<string, { file: string; requests: number; summary: ProfileSummary }> = {};
mkdirSync(resultsDir, { recursive: true });
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
  const gateways = options.gateways;
  console.log(
    `Data in ${data.dir}: ${population.people} people, ${population.enterprises} enterprises (seed ${population.seed}); ` +
      `starting 7 departments and ${gateways.length} gateway(s): ${gateways.join(', ')}...`,
  );
  const starting = performance.now();
  system = await startSystem(data.dir, population, gateways, options.baseline);
  const running = system;
  console.log(`Started in ${((performance.now() - starting) / 1000).toFixed(1)} s: ${gateways.map((g) => `${g} ${running.gateways[g]}`).join(', ')}`);

  const applicants = await findOneStopApplicants(population, running.departmentUrls['natural-resources']!, data.grantKey, VARIANTS);
  const enterprises = [...createPopulation(population).enterprises()].slice(0, VARIANTS);
  const token = await mintToken(data.callerKey, { department: 'tax', application: 'tax-bench', ttl: '24h' });
  const scenarios = selectScenarios(buildScenarios({ applicants, enterprises, enterpriseCount: population.enterprises }), options.scenarios);

  const verified = new Map<string, VerifiedAnswer>();
  for (const scenario of scenarios) {
    for (const gateway of gateways) {
      verified.set(`${scenario.name}/${gateway}`, await verifyScenario(scenario, gateway, running.gateways[gateway]!, token));
    }
  }
  console.log(
    `Verified ${scenarios.length} scenario(s) on ${gateways.length} gateway(s). govgraph records every request in its audit trail; ` +
      'govgraph-no-audit does not; plain, plain-govgraph-transport, hive and hive-jit do no enforcement, no masking and no audit.',
  );
  const perRun = (options.durationSeconds * options.rounds + options.warmupSeconds) * gateways.length;
  console.log(`Measuring about ${Math.ceil((perRun * scenarios.length) / 60)} min: ${options.rounds} rounds x ${options.durationSeconds} s, ${options.connections} connections.\n`);

  const measurements: RoundMeasurement[] = [];
  const everyPid = [...gateways.map((g) => running.pids.gateways[g]!), ...running.pids.departments];
  for (const scenario of scenarios) {
    const load = async (gateway: GatewayName, durationSeconds: number, profile = false) => {
      await waitUntilIdle(everyPid);
      const auditBefore = gateway === 'govgraph' ? await running.auditStats() : null;
      if (profile) await running.startProfile();
      const measured = await runLoad({
        gateway,
        url: running.gateways[gateway]!,
        scenario,
        token,
        durationSeconds,
        connections: options.connections,
        expectedBodies: verified.get(`${scenario.name}/${gateway}`)!.expectedBodies,
        pids: { gateway: running.pids.gateways[gateway]!, departments: running.pids.departments },
      });
      if (profile) {
        const file = `${resultsStem}-${scenario.name}.cpuprofile`;
        await running.stopProfile(file);
        const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
        profiles[scenario.name] = { file, requests: measured.requests, summary };
        console.log(`\n${formatProfileSummary(scenario.name, summary, measured.requests)}\n`);
      }
      if (!auditBefore) return { ...measured, audit: null };
      // Requests still in flight at autocannon's deadline are recorded too: count them with this run.
      await waitUntilIdle(everyPid);
      const auditAfter = (await running.auditStats())!;
      return {
        ...measured,
        audit: {
          records: auditAfter.records - auditBefore.records,
          batches: auditAfter.batches - auditBefore.batches,
          maxBatchSizeSoFar: auditAfter.maxBatchSize,
        },
      };
    };
    if (options.warmupSeconds > 0) for (const gateway of gateways) await load(gateway, options.warmupSeconds);
    for (let round = 0; round < options.rounds; round++) {
      // Rotate: with n gateways and n rounds, each gateway runs once in each position.
      const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]!);
      for (const gateway of order) {
        const measured = await load(gateway, options.durationSeconds, options.profile && round === 0 && gateway === 'govgraph');
        measurements.push({ ...measured, round });
        const batches = measured.audit
          ? `  audit ${measured.audit.records} records in ${measured.audit.batches} commits (mean ${(measured.audit.records / Math.max(1, measured.audit.batches)).toFixed(1)})`
          : '';
        console.log(
          `  ${scenario.name.padEnd(22)} round ${round + 1} ${gateway.padEnd(17)} ${measured.requestsPerSecond.toFixed(0).padStart(6)} req/s` +
            `  p50 ${measured.latencyMs.p50} ms  p99 ${measured.latencyMs.p99} ms  non-2xx ${measured.non2xx}  errors ${measured.errors}` +
            `  mismatches ${measured.mismatches ?? 'n/a'}  cpu ${measured.cpuMsPerRequest.gateway?.toFixed(2) ?? 'n/a'} ms/req  load ${measured.loadAverage.before.toFixed(1)}${batches}`,
        );
      }
    }
  }

  // The trail's figures, then stop every process (the trail writes what is pending on close) and verify the trail.
  const auditStats: AuditStats | null = await running.auditStats();
  await running.stop();
  system = null;
  let trail: { file: string; result: VerifyResult } | null = null;
  if (gateways.includes('govgraph')) {
    const file = join(data.dir, 'platform.sqlite');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      trail = { file, result: await verifyTrail(db, { jwks: readGatewayJwks(data.dir) }) };
    } finally {
      db.close();
    }
  }

  const summaries = scenarios.map((scenario) => summarise(scenario.name, measurements, gateways));
  console.log(`\n${formatTable(summaries)}\n`);
  console.log(`${formatRatios(summaries)}\n`);
  console.log('req/s, p50 and p99 are means over rounds; CPU ratios are of gateway CPU ms per request.');
  console.log('govgraph records every request in the audit trail; govgraph-no-audit does not; plain, plain-govgraph-transport, hive and hive-jit do no enforcement, no masking and no audit.');
  if (auditStats) {
    console.log(`\n${formatAuditBatches(summaries)}\n`);
    console.log(
      `Audit trail of govgraph over the whole run (verification and warm-up included): ${auditStats.records} records in ${auditStats.batches} commits, ` +
        `mean batch ${(auditStats.records / Math.max(1, auditStats.batches)).toFixed(2)}, largest ${auditStats.maxBatchSize}.`,
    );
  }
  if (trail) {
    const r = trail.result;
    console.log(
      r.ok
        ? `Audit trail verified intact: ${r.records} records, ${r.seals} seal(s) checked against the gateway JWKS (${trail.file}).`
        : `AUDIT TRAIL BROKEN at record ${r.sequence}: ${r.reason} (${trail.file}).`,
    );
    if (!r.ok) process.exitCode = 1;
  }
  const failures = measurements.filter((m) => m.non2xx > 0 || m.errors > 0 || (m.mismatches ?? 0) > 0);
  if (failures.length > 0) console.log(`WARNING: ${failures.length} run(s) had failures (non-2xx, errors or mismatched answers): their numbers are suspect.`);

  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsStem}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        command: ['npm run bench --', ...process.argv.slice(2)].join(' '),
        options,
        environment,
        /** The machine's 1-, 5- and 15-minute load averages: other work on the machine skews every figure. */
        loadAverage: { atStart: loadAverageAtStart, atEnd: loadavg() },
        population,
        applicants: applicants.map((applicant) => applicant.idNumber),
        notes: [
          'govgraph runs as bin/gateway.ts deploys it: audit trail on (group commit, synchronous = FULL), sealed every 60 s and every 1,000 records',
          'govgraph-no-audit is the same gateway with audit: null (it also skips collecting subjects for the record)',
          'plain does no enforcement, no masking and no audit; it sends each department a grant signed once at start, with the department itself as caller',
          'plain-govgraph-transport is plain on govgraph\'s HTTP handler and subgraph fetcher (undici request on a keep-alive pool)',
          'hive and hive-jit are Hive Gateway (@graphql-hive/gateway-runtime on node:http, one process), hive-jit with @graphql-mesh/plugin-jit as its CLI --jit; they send the departments the same grants and bindings as plain, from its onFetch hook',
        ],
        scenarios: scenarios.map((s) => ({
          name: s.name,
          description: s.description,
          purpose: s.purpose,
          variants: s.variants.map((variant) => variant.body),
          answerBytes: Object.fromEntries(gateways.map((g) => [g, verified.get(`${s.name}/${g}`)!.bytes])),
          answerChecked: Object.fromEntries(gateways.map((g) => [g, verified.get(`${s.name}/${g}`)!.expectedBodies.filter((b) => b !== null).length])),
        })),
        summaries,
        audit: { stats: auditStats, verification: trail?.result ?? null },
        profiles: options.profile ? profiles : null,
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
