/**
 * The arguments the benchmark gateways take: the shared data directory, the supergraph, subgraph URLs, and for
 * the govgraph gateway whether its audit trail is on (`--no-audit` turns it off; plain has none either way).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface GatewayArgs {
  dataDir: string;
  supergraph: string;
  /** Subgraph name -> URL where its department child listens. */
  subgraphUrls: Record<string, string>;
  /**
   * The govgraph gateway records every request in the audit trail, as deployed (written by a worker thread).
   * `'inline'`: written on the gateway's event loop instead. Default true.
   */
  audit?: boolean | 'inline';
  /** Hive Gateway only: graphql-jit on, as its CLI's `--jit`. Default false. */
  jit?: boolean;
  /** Plain @apollo/gateway only: govgraph's HTTP handler and subgraph fetcher instead of Apollo's. Default false. */
  govgraphTransport?: boolean;
}

export function readGatewayArgs(argv: string[] = process.argv.slice(2)): Required<GatewayArgs> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      supergraph: { type: 'string' },
      'subgraph-url': { type: 'string', multiple: true },
      'no-audit': { type: 'boolean' },
      'inline-audit': { type: 'boolean' },
      jit: { type: 'boolean' },
      'govgraph-transport': { type: 'boolean' },
    },
  });
  if (!values['data-dir'] || !values.supergraph) throw new Error('--data-dir and --supergraph are required.');
  const subgraphUrls: Record<string, string> = {};
  for (const pair of values['subgraph-url'] ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--subgraph-url expects name=url, got "${pair}".`);
    subgraphUrls[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { dataDir: resolve(values['data-dir']), supergraph: values.supergraph, subgraphUrls, audit: values['no-audit'] === true ? false : values['inline-audit'] === true ? 'inline' : true, jit: values.jit === true, govgraphTransport: values['govgraph-transport'] === true };
}

export function gatewayArgs(args: GatewayArgs): string[] {
  return [
    '--data-dir', args.dataDir, '--supergraph', args.supergraph,
    ...Object.entries(args.subgraphUrls).flatMap(([name, url]) => ['--subgraph-url', `${name}=${url}`]),
    ...(args.audit === false ? ['--no-audit'] : args.audit === 'inline' ? ['--inline-audit'] : []),
    ...(args.jit ? ['--jit'] : []),
    ...(args.govgraphTransport ? ['--govgraph-transport'] : []),
  ];
}
