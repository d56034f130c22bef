/**
 * Child process of the scale benchmark: starts the govgraph gateway over a given supergraph (anonymous callers,
 * no agreements, no trail: what is measured is what the graph's size costs at start) and reports over IPC how
 * long `startGateway` took and the heap afterwards (after a full GC, so only what the gateway keeps is counted).
 *   node --expose-gc --import tsx bench/scale/gatewayChild.ts --supergraph <file>
 */
import { parseArgs } from 'node:util';
import { startGateway } from '../../gateway/index.ts';

export interface GatewayStartReport {
  kind: 'gateway-started';
  startMs: number;
  heapUsedMiB: number;
  rssMiB: number;
}

const { values } = parseArgs({ options: { supergraph: { type: 'string' } } });
if (!values.supergraph) throw new Error('--supergraph is required.');
const quiet = { debug() {}, info() {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
const started = performance.now();
const running = await startGateway({
  supergraph: values.supergraph,
  port: 0,
  logger: quiet,
  anonymous: { application: 'scale-bench', department: 'synthetic-0001' },
});
const startMs = performance.now() - started;
globalThis.gc?.();
const memory = process.memoryUsage();
process.send?.({
  kind: 'gateway-started',
  startMs,
  heapUsedMiB: memory.heapUsed / 2 ** 20,
  rssMiB: memory.rss / 2 ** 20,
} satisfies GatewayStartReport);
process.on('disconnect', () => void running.stop().finally(() => process.exit(0)));
