/**
 * Child process: the baseline, plain @apollo/gateway in @apollo/server with their defaults (standalone server,
 * make-fetch-happen fetcher, no plugins but the disabled landing page, telemetry off). Its one addition is what
 * each department requires to answer at all: a grant signed ONCE at start per department, with the department
 * itself as the caller (so every department answers everything), and the binding of each request to it (one HMAC
 * over the body, bench/ownGrant.ts). It does no enforcement, no masking and no audit: it is what the federation
 * costs without the sharing rules.
 *
 * With `--govgraph-transport` (the variant `plain-govgraph-transport`) the same gateway runs on govgraph's own
 * transport: its HTTP handler on `node:http` (http/graphqlHandler.ts, without a context of govgraph's) and its
 * subgraph fetcher (undici `request` on a keep-alive pool, gateway/fetch/undiciFetcher.ts), so what enforcement costs is
 * measured apart from what the transport saves.
 *   tsx bench/gateways/plain.ts --data-dir <dir> --supergraph <file> --subgraph-url name=url... [--govgraph-transport]
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { reportReady, runAsChild } from '../../bin/children.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { createRequire } from 'node:module';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ownGrants } from '../ownGrant.ts';
import { Agent } from 'undici';
import { undiciFetcher } from '../../gateway/fetch/undiciFetcher.ts';
import { graphqlHandler } from '../../http/graphqlHandler.ts';
import { listen } from '../../http/listen.ts';
import { readGatewayArgs } from './gatewayArgs.ts';

/** Long enough for any benchmark run: the grant is never renewed. */
const GRANT_TTL_SECONDS = 24 * 3600;

process.env.APOLLO_TELEMETRY_DISABLED = '1';
const { dataDir, supergraph, subgraphUrls, govgraphTransport } = readGatewayArgs();
const grantKey = await loadOrCreateGrantKey(dataDir);
const own = ownGrants(grantKey);
const grants = new Map<string, string>();
for (const name of Object.keys(subgraphUrls)) grants.set(name, await own.grantFor(name, GRANT_TTL_SECONDS));
// @apollo/gateway's own default fetcher, exactly as RemoteGraphQLDataSource builds it.
// With --govgraph-transport, govgraph's fetcher on the keep-alive pool its gateway uses (32 connections per origin).
const defaultFetcher = govgraphTransport
  ? undiciFetcher(new Agent({ connections: 32, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 }))
  : (createRequire(import.meta.url)('make-fetch-happen') as { defaults(options: object): Fetcher }).defaults({ maxSockets: Infinity, retry: false });

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraph, 'utf8'),
  buildService({ name, url }) {
    const grant = grants.get(name);
    const target = subgraphUrls[name] ?? url;
    if (!grant || !target) throw new Error(`No URL was given for subgraph "${name}".`);
    return new RemoteGraphQLDataSource({
      url: target,
      willSendRequest({ request }) {
        request.http?.headers.set('authorization', `Bearer ${grant}`);
      },
      fetcher: (async (url: string, init: { headers: Record<string, string>; body: string }) =>
        defaultFetcher(url, { ...init, headers: { ...init.headers, ...(await own.bindingHeaders(name, target, grant, init.body)) } })) as unknown as Fetcher,
    });
  },
});
// stopOnTerminationSignals: false — the child's owner stops it (Apollo's own handlers race runAsChild and hang the stop).
const server = new ApolloServer({ gateway, plugins: [ApolloServerPluginLandingPageDisabled()], stopOnTerminationSignals: false });
if (govgraphTransport) {
  await server.start();
  const listening = await listen(graphqlHandler({ server, context: async () => ({}) }), { host: '127.0.0.1', port: 0 });
  runAsChild(async () => {
    await listening.close();
    await server.stop();
  });
  reportReady(`${listening.origin}/graphql`);
} else {
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  runAsChild(() => server.stop());
  reportReady(url);
}
