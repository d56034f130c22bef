/**
 * A gateway with the explorer over a running test federation: the same departments, agreements and caller
 * keys, with the explorer options a test asks for (development identities need the federation's caller key,
 * which exists only once the federation has started).
 */
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import type { ExplorerOptions } from '../../gateway/explorer/index.ts';
import { DEVELOPMENT_ISSUER } from '../../gateway/identity/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { silentLogger, type TestFederation } from './federation.ts';

export function startExplorerGateway(federation: TestFederation, explorer: ExplorerOptions | false): Promise<RunningGateway> {
  return startGateway({
    supergraph: SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: federation.platform.agreements,
    grantSigning: federation.departments.grantKey,
    audit: federation.platform.audit,
    subgraphUrls: federation.departments.urls,
    explorer,
  });
}
