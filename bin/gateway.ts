/**
 * Runs the gateway: tsx bin/gateway.ts [--port 4000] [--host 127.0.0.1] [--supergraph file|url]
 *   [--subgraph-url name=url]...
 */
import { parseArgs } from 'node:util';
import { startGateway } from '../gateway/index.ts';
import { reportReady, runAsChild } from './children.ts';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    supergraph: { type: 'string' },
    'subgraph-url': { type: 'string', multiple: true },
  },
});
const subgraphUrls: Record<string, string> = {};
for (const pair of flags['subgraph-url'] ?? []) {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--subgraph-url expects name=url, got "${pair}".`);
  subgraphUrls[pair.slice(0, at)] = pair.slice(at + 1);
}
const running = await startGateway({
  port: flags.port === undefined ? (process.env.GOVGRAPH_PORT ? Number(process.env.GOVGRAPH_PORT) : undefined) : Number(flags.port),
  host: flags.host ?? process.env.GOVGRAPH_HOST,
  supergraph: flags.supergraph ?? process.env.GOVGRAPH_SUPERGRAPH,
  subgraphUrls,
});
runAsChild(() => running.stop());
reportReady(running.url);
