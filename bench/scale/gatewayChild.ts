/**
 * Child process of the scale benchmark: starts the govgraph gateway over a given supergraph (anonymous callers,
 * no agreements, no trail: what is measured is what the graph's size costs at start) and reports over IPC how
 * long `startGateway` took and the heap afterwards (after a full GC, so only what the gateway keeps is counted).
 * With `--profile <file>` the start is profiled (V8 sampling profiler) into that `.cpuprofile`.
 *   node --expose-gc --import tsx bench/scale/gatewayChild.ts --supergraph <file> [--profile <file>]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { startGateway } from '../../gateway/index.ts';

export interface GatewayStartReport {
  kind: 'gateway-started';
  startMs: number;
  heapUsedMiB: number;
  rssMiB: number;
}

const { values } = parseArgs({ options: { supergraph: { type: 'string' }, profile: { type: 'string' } } });
if (!values.supergraph) throw new Error('--supergraph is required.');
const quiet = { debug() {}, info() {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
const session = values.profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
}
const started = performance.now();
const running = await startGateway({
  supergraph: values.supergraph,
  port: 0,
  logger: quiet,
  anonymous: { application: 'scale-bench', department: 'synthetic-0001' },
});
const startMs = performance.now() - started;
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(values.profile!, JSON.stringify(profile));
  session.disconnect();
}
globalThis.gc?.();
const memory = process.memoryUsage();
process.send?.({
  kind: 'gateway-started',
  startMs,
  heapUsedMiB: memory.heapUsed / 2 ** 20,
  rssMiB: memory.rss / 2 ** 20,
} satisfies GatewayStartReport);
process.on('disconnect', () => void running.stop().finally(() => process.exit(0)));
