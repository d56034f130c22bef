/**
 * `npm run bench:scale -- [--sizes 50,200,1000,2000] [--profile] [--layout shared|own] [--original]`
 *
 * How cost grows with the graph: for each number of synthetic departments (20 catalogue items each, levels mixed,
 * the key entity Person extended by all of them; bench/scale/syntheticDepartments.ts) it measures composition
 * (@apollo/composition, in process), the govgraph gateway's start (a child process: `startGateway` over the
 * composed supergraph, its time and the heap it keeps after a full GC), and the per-request decision of one fixed
 * query (in process, the median of batches of many iterations). With --profile, composition and the gateway's
 * start are profiled (V8 sampling profiler) and their top functions printed. Results go to bench/results/scale-<ISO timestamp>.json.
 * Each size runs once: at 1,000 and 2,000 departments composition takes minutes. `--layout own` generates the
 * same items without the shared entity (each department its own keyed type), to show what the sharing costs.
 * `--original` runs Apollo's original algorithms instead of govgraph's patch of them (patches/; composition in
 * process and the gateway's child alike), for a same-machine comparison; results go to scale-original-<…>.json.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appliedApolloPatch, withOriginalApolloAlgorithms } from '../schema/apolloPatch.ts';
import { composeSubgraphs } from '../schema/composition.ts';
import { describeEnvironment } from './environment.ts';
import { summariseProfile, type CpuProfile } from './profile/summariseProfile.ts';
import { timeDecisions, type DecisionTiming } from './scale/decisionTiming.ts';
import type { GatewayStartReport } from './scale/gatewayChild.ts';
import { ITEMS_PER_DEPARTMENT, syntheticSubgraphs, type Layout } from './scale/syntheticDepartments.ts';

interface SizeResult {
  departments: number;
  catalogueItems: number;
  generateMs: number;
  compositionMs: number;
  supergraphBytes: number;
  gateway: { wallMs: number; startMs: number; heapUsedMiB: number; rssMiB: number } | { error: string };
  decision: DecisionTiming;
  loadAverage: number[];
  compositionProfile?: { file: string; top: TopFunction[] };
  gatewayStartProfile?: { file: string; top: TopFunction[] };
}

type TopFunction = { function: string; location: string; ms: number; share: number };

function topOf(file: string): TopFunction[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return summariseProfile(profile, 12).topFunctions.map(({ function: f, location, ms, share }) => ({ function: f, location, ms, share }));
}

const GATEWAY_TIMEOUT_MS = 20 * 60_000;

const { values } = parseArgs({ options: { sizes: { type: 'string' }, profile: { type: 'boolean' }, layout: { type: 'string' }, original: { type: 'boolean' } } });
const original = values.original === true;
const layout = (values.layout ?? 'shared') as Layout;
if (layout !== 'shared' && layout !== 'own') {
  console.error(`--layout must be "shared" (every department extends Person) or "own" (each its own keyed type), got "${values.layout}".`);
  process.exit(2);
}
const sizes = (values.sizes ?? '50,200,1000,2000').split(',').map((text) => {
  const size = Number(text.trim().replaceAll('_', ''));
  if (!Number.isSafeInteger(size) || size < 1) {
    console.error(`--sizes must be comma-separated department counts of at least 1, got "${text}".`);
    process.exit(2);
  }
  return size;
});

const startedAt = new Date();
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const stem = `${resultsDir}scale-${layout === 'own' ? 'own-' : ''}${original ? 'original-' : ''}${startedAt.toISOString().replaceAll(':', '-')}`;
const work = mkdtempSync(join(tmpdir(), 'govgraph-scale-'));
const environment = describeEnvironment();
const loadAverageAtStart = loadavg();
const results: SizeResult[] = [];
const algorithms = original ? "Apollo's original algorithms" : `govgraph's patch of them (${appliedApolloPatch() ?? 'NOT APPLIED: run npm install'})`;
console.log(`govgraph bench:scale: ${environment.cores} cores, Node ${environment.node}; sizes ${sizes.join(', ')} departments x ${ITEMS_PER_DEPARTMENT} items; layout ${layout}; ${algorithms}`);
try {
  for (const departments of sizes) {
    const generating = performance.now();
    const subgraphs = syntheticSubgraphs(departments, layout);
    const generateMs = performance.now() - generating;
    const session = values.profile ? await startProfiling() : null;
    const composing = performance.now();
    const outcome = original ? withOriginalApolloAlgorithms(() => composeSubgraphs(subgraphs)) : composeSubgraphs(subgraphs);
    const compositionMs = performance.now() - composing;
    let compositionProfile: SizeResult['compositionProfile'];
    if (session) {
      const file = `${stem}-compose-${departments}.cpuprofile`;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      compositionProfile = { file, top: topOf(file) };
    }
    if (!outcome.ok) throw new Error(`Composition of ${departments} synthetic departments failed:\n${outcome.errors.slice(0, 5).join('\n')}`);
    const supergraphFile = join(work, `supergraph-${departments}.graphql`);
    writeFileSync(supergraphFile, outcome.supergraphSdl);
    const gatewayProfileFile = values.profile ? `${stem}-gateway-start-${departments}.cpuprofile` : null;
    const gateway = await startGatewayChild(supergraphFile, gatewayProfileFile).catch((error: Error) => ({ error: error.message }));
    const gatewayProfile = gatewayProfileFile && !('error' in gateway) ? topOf(gatewayProfileFile) : undefined;
    const decision = timeDecisions(outcome.supergraphSdl, outcome.apiSchemaSdl, layout);
    const result: SizeResult = {
      departments,
      catalogueItems: departments * ITEMS_PER_DEPARTMENT,
      generateMs,
      compositionMs,
      supergraphBytes: Buffer.byteLength(outcome.supergraphSdl),
      gateway,
      decision,
      loadAverage: loadavg(),
      ...(compositionProfile && { compositionProfile }),
      ...(gatewayProfile && { gatewayStartProfile: { file: gatewayProfileFile!, top: gatewayProfile } }),
    };
    results.push(result);
    writeResults();
    const g = 'error' in gateway ? `gateway failed: ${gateway.error}` : `gateway start ${ms(gateway.startMs)} (process ${ms(gateway.wallMs)}), heap ${gateway.heapUsedMiB.toFixed(0)} MiB, rss ${gateway.rssMiB.toFixed(0)} MiB`;
    console.log(
      `${String(departments).padStart(5)} departments (${result.catalogueItems} items, supergraph ${(result.supergraphBytes / 2 ** 20).toFixed(1)} MiB): ` +
        `composition ${ms(compositionMs)}; ${g}; decision median ${decision.medianUs.toFixed(1)} µs (p90 ${decision.p90Us.toFixed(1)}); load ${loadavg()[0]!.toFixed(1)}`,
    );
    if (compositionProfile) {
      console.log('  composition, top self time:');
      for (const f of compositionProfile.top.slice(0, 8)) console.log(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.function}  ${f.location}`);
    }
    if (gatewayProfile) {
      console.log('  gateway start, top self time:');
      for (const f of gatewayProfile.slice(0, 8)) console.log(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.function}  ${f.location}`);
    }
  }
  console.log(`\n${formatScaleTable(results)}`);
  console.log(`Results: ${writeResults()}`);
} catch (error) {
  console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Written after every size, so a run stopped during a long size keeps the sizes already measured. */
function writeResults(): string {
  const file = `${stem}.json`;
  const command = ['npm run bench:scale --', ...process.argv.slice(2)].join(' ');
  writeFileSync(file, JSON.stringify({ startedAt: startedAt.toISOString(), writtenAt: new Date().toISOString(), command, layout, algorithms, environment, loadAverageAtStart, results }, null, 2) + '\n');
  return file;
}

function formatScaleTable(rows: readonly SizeResult[]): string {
  return [
    '| departments | catalogue items | supergraph MiB | composition s | gateway start s | gateway heap MiB | decision µs (median) | decision µs (p90) |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => {
      const g = 'error' in r.gateway ? null : r.gateway;
      return `| ${r.departments} | ${r.catalogueItems} | ${(r.supergraphBytes / 2 ** 20).toFixed(1)} | ${(r.compositionMs / 1000).toFixed(1)} | ${g ? (g.startMs / 1000).toFixed(1) : 'failed'} | ${g ? g.heapUsedMiB.toFixed(0) : 'n/a'} | ${r.decision.medianUs.toFixed(1)} | ${r.decision.p90Us.toFixed(1)} |`;
    }),
  ].join('\n');
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

async function startProfiling(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return session;
}

/** The gateway over `supergraphFile` in a child of its own; resolves with its start report, then stops it. */
function startGatewayChild(supergraphFile: string, profileFile: string | null): Promise<{ wallMs: number; startMs: number; heapUsedMiB: number; rssMiB: number }> {
  const forked = performance.now();
  const child = fork(fileURLToPath(new URL('./scale/gatewayChild.ts', import.meta.url)), ['--supergraph', supergraphFile, ...(profileFile ? ['--profile', profileFile] : [])], {
    execArgv: ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, GOVGRAPH_APOLLO_ORIGINAL: original ? '1' : '0' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start within ${GATEWAY_TIMEOUT_MS / 60_000} min`));
    }, GATEWAY_TIMEOUT_MS);
    child.on('message', (message: GatewayStartReport) => {
      if (message?.kind !== 'gateway-started') return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      const wallMs = performance.now() - forked;
      child.once('exit', () => resolve({ wallMs, startMs: message.startMs, heapUsedMiB: message.heapUsedMiB, rssMiB: message.rssMiB }));
      child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
    const exitedEarly = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited before it started (${signal ?? `code ${code}`})`));
    };
    child.once('exit', exitedEarly);
  });
}
