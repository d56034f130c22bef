/**
 * Child process: a peer, Hive Gateway (@graphql-hive/gateway-runtime, the runtime its CLI serves, on Node's own
 * HTTP server as `hive-gateway supergraph` runs it in one process), with `--jit` as its CLI applies it
 * (@graphql-mesh/plugin-jit) when asked. Like plain @apollo/gateway (bench/gateways/plain.ts) it does no
 * enforcement, no masking and no audit; its one addition is what each department requires to answer at all: a
 * grant signed once at start per department with the department itself as caller, and each request bound to it
 * (bench/ownGrant.ts), added in Hive's own `onFetch` hook. The routing URLs of the supergraph are the departments'
 * bench ports.
 *   tsx bench/gateways/hive.ts --data-dir <dir> --supergraph <file> --subgraph-url name=url... [--jit]
 */
import { readFileSync } from 'node:fs';
import { reportReady, runAsChild } from '../../bin/children.ts';
import { listen } from '../../http/listen.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { ownGrants } from '../ownGrant.ts';
import { readGatewayArgs } from './gatewayArgs.ts';

/** Long enough for any benchmark run: the grant is never renewed. */
const GRANT_TTL_SECONDS = 24 * 3600;

const { dataDir, supergraph, subgraphUrls, jit } = readGatewayArgs();
const grantKey = await loadOrCreateGrantKey(dataDir);
const own = ownGrants(grantKey);
const grants = new Map<string, string>();
for (const name of Object.keys(subgraphUrls)) grants.set(name, await own.grantFor(name, GRANT_TTL_SECONDS));
const departmentOf = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));

// The supergraph as composed, each department's routing URL its bench port.
let sdl = readFileSync(supergraph, 'utf8');
for (const [name, url] of Object.entries(subgraphUrls)) {
  sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
}

// Loaded by a computed specifier so that TypeScript does not load their typings: graphql-yoga's augment
// GraphQLErrorExtensions for every file of the project, and govgraph's own `extensions.http` no longer type-checks.
interface FetchPayload {
  url: string;
  options: { body?: unknown; headers?: unknown };
  setOptions(options: object): void;
}
interface HiveRuntime {
  createGatewayRuntime(config: object): ((request: never, response: never) => void) & { dispose(): Promise<void> };
}
const runtimePackage: string = '@graphql-hive/gateway-runtime';
const jitPackage: string = '@graphql-mesh/plugin-jit';
const { createGatewayRuntime } = (await import(runtimePackage)) as HiveRuntime;
const { useJIT } = (await import(jitPackage)) as { useJIT(): object };

const binding = {
  onFetch({ url, options, setOptions }: FetchPayload) {
    const name = departmentOf.get(url);
    const grant = name ? grants.get(name) : undefined;
    if (!name || !grant) return;
    const body = typeof options.body === 'string' ? options.body : '';
    return own.bindingHeaders(name, url, grant, body).then((headers) => {
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${grant}`, ...headers } });
    });
  },
};

const gateway = createGatewayRuntime({
  supergraph: sdl,
  logging: 'error',
  landingPage: false,
  graphiql: false,
  plugins: () => (jit ? [useJIT(), binding] : [binding]),
});
// On Node's HTTP server, as the CLI serves it (keep-alive and timeouts as every bench gateway has them).
const listening = await listen(gateway as never, { host: '127.0.0.1', port: 0 });
runAsChild(async () => {
  await listening.close();
  await gateway.dispose();
});
reportReady(`${listening.origin}/graphql`);
