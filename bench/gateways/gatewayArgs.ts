/** The arguments both benchmark gateways take: the shared data directory, the supergraph, and subgraph URLs. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface GatewayArgs {
  dataDir: string;
  supergraph: string;
  /** Subgraph name -> URL where its department child listens. */
  subgraphUrls: Record<string, string>;
}

export function readGatewayArgs(argv: string[] = process.argv.slice(2)): GatewayArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      supergraph: { type: 'string' },
      'subgraph-url': { type: 'string', multiple: true },
    },
  });
  if (!values['data-dir'] || !values.supergraph) throw new Error('--data-dir and --supergraph are required.');
  const subgraphUrls: Record<string, string> = {};
  for (const pair of values['subgraph-url'] ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--subgraph-url expects name=url, got "${pair}".`);
    subgraphUrls[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { dataDir: resolve(values['data-dir']), supergraph: values.supergraph, subgraphUrls };
}

export function gatewayArgs(args: GatewayArgs): string[] {
  return [
    '--data-dir', args.dataDir, '--supergraph', args.supergraph,
    ...Object.entries(args.subgraphUrls).flatMap(([name, url]) => ['--subgraph-url', `${name}=${url}`]),
  ];
}
