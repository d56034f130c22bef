/**
 * Child process: the govgraph gateway under test, with enforcement as the embedded default runs it: caller
 * identity from the development key in the data directory, agreements from `<data-dir>/platform.sqlite`, grants
 * signed with the gateway grant key. Nothing is logged but errors.
 *   tsx bench/gateways/govgraph.ts --data-dir <dir> --supergraph <file> --subgraph-url name=url...
 */
import { join } from 'node:path';
import { startGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey } from '../../gateway/identity/index.ts';
import { openPlatformStore } from '../../platform/index.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { reportReady, runAsChild } from '../../bin/children.ts';
import { readGatewayArgs } from './gatewayArgs.ts';

const { dataDir, supergraph, subgraphUrls } = readGatewayArgs();
const callerKey = await loadOrCreateDevelopmentKey(dataDir);
const platform = await openPlatformStore({ file: join(dataDir, 'platform.sqlite') });
const running = await startGateway({
  supergraph,
  port: 0,
  subgraphUrls,
  logger: { debug() {}, info() {}, warn: (m) => console.warn(m), error: (m) => console.error(m) },
  identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
  agreements: platform.agreements,
  grantSigning: await loadOrCreateGrantKey(dataDir),
});
runAsChild(async () => {
  await running.stop();
  await platform.close();
});
reportReady(running.url);
