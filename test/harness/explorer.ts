/**
 * A gateway with the explorer over a running test federation: the same departments, agreements and caller
 * keys, with the explorer options a test asks for (development identities need the federation's caller key,
 * which exists only once the federation has started).
 */
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import type { ExplorerOptions } from '../../gateway/explorer/index.ts';
import { DEVELOPMENT_ISSUER } from '../../gateway/identify/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { silentLogger, type TestFederation } from './federation.ts';

/** What the gateway needs of a running federation (the harness's, or one with a workflow clock). */
export type ExplorerFederation = Pick<TestFederation, 'callerKey' | 'platform' | 'departments'>;

export function startExplorerGateway(
  federation: ExplorerFederation, explorer: ExplorerOptions | false, supergraph: string = SUPERGRAPH_FILE, residents: GatewayOptions['residents'] = null,
): Promise<RunningGateway> {
  return startGateway({
    residents,
    supergraph,
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
