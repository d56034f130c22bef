/**
 * Child process of the reload benchmark (bench/scaleReload.ts): the govgraph gateway over a supergraph file it
 * watches (anonymous callers, no trail), reporting over IPC when it listens and every line it logs, so the parent
 * can tell when a reload was refused or done.
 *   node --import tsx bench/scale/reloadChild.ts --supergraph <file>
 */
import { parseArgs } from 'node:util';
import { startGateway } from '../../gateway/index.ts';

export type ReloadChildMessage = { kind: 'listening'; url: string; startMs: number } | { kind: 'log'; level: string; message: string; at: number };

const { values } = parseArgs({ options: { supergraph: { type: 'string' } } });
if (!values.supergraph) throw new Error('--supergraph is required.');
const report = (message: ReloadChildMessage) => process.send?.(message);
const forward = (level: string) => (message: string) => report({ kind: 'log', level, message, at: performance.timeOrigin + performance.now() });
const started = performance.now();
const running = await startGateway({
  supergraph: values.supergraph,
  port: 0,
  logger: { debug() {}, info: forward('info'), warn: forward('warn'), error: forward('error') },
  anonymous: { application: 'scale-bench', department: 'synthetic-0001' },
});
report({ kind: 'listening', url: running.url, startMs: performance.now() - started });
process.on('disconnect', () => void running.stop().finally(() => process.exit(0)));
