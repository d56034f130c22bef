/**
 * `npm run bench:scale:reload -- [--departments 1000] [--layout shared|own] [--interval-ms 20]`
 *
 * Request latency while a gateway reloads a large supergraph. A gateway (child process, bench/scale/reloadChild.ts)
 * serves N synthetic departments from a watched file; this process sends `{ __typename }` (answered by the gateway
 * itself, through the whole request pipeline, no department needed) open-loop every `--interval-ms`, latency
 * counted from when each request was due (a stalled event loop shows as the whole stall). Then, in order:
 *   1. a broken supergraph is written (one field names a subgraph the supergraph does not declare): refused by the
 *      worker-thread check, the serving thread never builds it;
 *   2. a good new supergraph (the same one with a changed description, so the gateway rebuilds everything):
 *      checked in the worker, then built on the serving thread by @apollo/gateway and swapped in.
 * Latency is reported per phase: before, while the broken one is refused, while the good one is checked and
 * loaded, after. Results go to bench/results/scale-reload-<ISO timestamp>.json. A benchmark, not a test.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { composeSubgraphs } from '../schema/composition.ts';
import { describeEnvironment } from './environment.ts';
import type { ReloadChildMessage } from './scale/reloadChild.ts';
import { syntheticSubgraphs, type Layout } from './scale/syntheticDepartments.ts';

const { values } = parseArgs({ options: { departments: { type: 'string' }, layout: { type: 'string' }, 'interval-ms': { type: 'string' } } });
const departments = Number(values.departments ?? 1000);
const layout = (values.layout ?? 'shared') as Layout;
const intervalMs = Number(values['interval-ms'] ?? 20);
if (!Number.isSafeInteger(departments) || departments < 2) throw new Error(`--departments must be an integer of at least 2, got ${values.departments}`);
if (layout !== 'shared' && layout !== 'own') throw new Error(`--layout must be shared or own, got ${values.layout}`);
if (!(intervalMs >= 1)) throw new Error(`--interval-ms must be at least 1, got ${values['interval-ms']}`);

const startedAt = new Date();
const environment = describeEnvironment();
const loadAverageAtStart = loadavg();
console.log(`bench:scale:reload: ${departments} departments, layout ${layout}, a request every ${intervalMs} ms; load ${loadAverageAtStart[0]!.toFixed(1)}`);
const composing = performance.now();
const composed = composeSubgraphs(syntheticSubgraphs(departments, layout));
if (!composed.ok) throw new Error(composed.errors.slice(0, 3).join('\n'));
console.log(`composed in ${((performance.now() - composing) / 1000).toFixed(1)} s`);
const good = composed.supergraphSdl;
const broken = good.replace(/@join__field\(graph: SYNTHETIC_0001_\)/, '@join__field(graph: NO_SUCH_DEPARTMENT)');
const changed = good.replace(/^type Query$/m, '"Reloaded by the benchmark."\ntype Query');
if (broken === good || changed === good) throw new Error('could not derive the reload variants from the supergraph');

const work = mkdtempSync(join(tmpdir(), 'govgraph-reload-'));
const file = join(work, 'supergraph.graphql');
writeFileSync(file, good);
const child = fork(fileURLToPath(new URL('./scale/reloadChild.ts', import.meta.url)), ['--supergraph', file], {
  execArgv: ['--max-old-space-size=8192', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const logs: { level: string; message: string; at: number }[] = [];
const listening = new Promise<{ url: string; startMs: number }>((resolve, reject) => {
  child.on('message', (message: ReloadChildMessage) => {
    if (message.kind === 'listening') resolve(message);
    else logs.push(message);
  });
  child.once('exit', (code) => reject(new Error(`the gateway exited (code ${code})`)));
});

interface Sample { dueAt: number; latencyMs: number; ok: boolean }
const samples: Sample[] = [];
const now = () => performance.timeOrigin + performance.now();
let sending = true;
let inFlight = 0;

try {
  const { url, startMs } = await listening;
  console.log(`gateway started in ${(startMs / 1000).toFixed(1)} s at ${url}`);
  const loop = (async () => {
    let due = now();
    while (sending) {
      const dueAt = due;
      inFlight++;
      void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })
        .then(async (response) => ({ ok: response.status === 200 && (await response.text()).includes('"Query"') }))
        .catch(() => ({ ok: false }))
        .then(({ ok }) => {
          samples.push({ dueAt, latencyMs: now() - dueAt, ok });
          inFlight--;
        });
      due += intervalMs;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  const marks: Record<string, number> = {};
  const replace = (content: string) => {
    writeFileSync(`${file}.tmp`, content);
    renameSync(`${file}.tmp`, file);
  };
  const until = async (what: string, test: (line: string) => boolean, timeoutMs = 30 * 60_000) => {
    const deadline = now() + timeoutMs;
    for (;;) {
      const line = logs.find((l) => test(l.message));
      if (line) return line.at;
      if (now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await new Promise((r) => setTimeout(r, 5000));
  marks.brokenWritten = now();
  replace(broken);
  marks.brokenRefused = await until('the broken supergraph to be refused', (m) => m.includes('did not load'));
  await new Promise((r) => setTimeout(r, 3000));
  marks.goodWritten = now();
  replace(changed);
  marks.goodLoaded = await until('the new supergraph to load', (m) => m.includes('supergraph reloaded'));
  await new Promise((r) => setTimeout(r, 5000));
  marks.end = now();
  sending = false;
  await loop;
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));

  const phases = [
    { phase: 'before', from: marks.brokenWritten - 5000, to: marks.brokenWritten },
    { phase: 'broken supergraph refused (worker check)', from: marks.brokenWritten, to: marks.brokenRefused },
    { phase: 'good supergraph checked and loaded', from: marks.goodWritten, to: marks.goodLoaded },
    { phase: 'after', from: marks.goodLoaded, to: marks.end },
  ].map(({ phase, from, to }) => ({ phase, seconds: (to - from) / 1000, ...summarise(samples.filter((s) => s.dueAt >= from && s.dueAt < to)) }));
  const loadAverage = loadavg();
  console.log('\n| phase | seconds | requests | failed | p50 ms | p99 ms | max ms |\n|---|--:|--:|--:|--:|--:|--:|');
  for (const p of phases) console.log(`| ${p.phase} | ${p.seconds.toFixed(1)} | ${p.requests} | ${p.failed} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.max.toFixed(1)} |`);
  console.log(`load average at start ${loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${loadAverage.map((l) => l.toFixed(1)).join(' ')}`);
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  const out = `${resultsDir}scale-reload-${startedAt.toISOString().replaceAll(':', '-')}.json`;
  const command = ['npm run bench:scale:reload --', ...process.argv.slice(2)].join(' ');
  writeFileSync(out, JSON.stringify({ startedAt: startedAt.toISOString(), command, departments, layout, intervalMs, environment, loadAverageAtStart, loadAverage, gatewayStartMs: startMs, phases }, null, 2) + '\n');
  console.log(`Results: ${out}`);
} finally {
  sending = false;
  child.disconnect?.();
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  rmSync(work, { recursive: true, force: true });
}

function summarise(list: Sample[]): { requests: number; failed: number; p50: number; p99: number; max: number } {
  const latencies = list.map((s) => s.latencyMs).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
  return { requests: list.length, failed: list.filter((s) => !s.ok).length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 };
}
