/**
 * The whole embedded federation for integration tests: every department subgraph seeded from the test
 * population, the platform store with the demo agreements, the platform subgraph reading that same store, and the
 * gateway over the committed supergraph with development identities (auditing into that store), all on ephemeral
 * loopback ports in a temporary directory.
 */
import { join } from 'node:path';
import { startGateway, type GatewayLogger, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { departments } from '../../subgraphs/departments.ts';
import { bringsOwnResources } from '../../subgraphs/kit/index.ts';
import { startDepartments, type TestDepartments } from './departments.ts';
import { TEST_MASKING_KEY } from './sharing.ts';

export interface TestFederation {
  departments: TestDepartments;
  gateway: RunningGateway;
  platform: PlatformStore;
  callerKey: DevelopmentKey;
  /** Headers of a caller: a fresh development token, and the purpose when given. */
  as(caller: { department: string; application?: string; roles?: string[]; purpose?: string; ttl?: string }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export const silentLogger: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function startFederation(gatewayOptions: GatewayOptions = {}): Promise<TestFederation> {
  const running = await startDepartments(departments.map((d) => d.definition));
  const callerKey = await loadOrCreateDevelopmentKey(running.dataDir);
  // The platform subgraph was started over <dataDir>/platform.sqlite (the harness names a file after its
  // department): the file the gateway audits into here, so the audit views read what the gateway wrote.
  const platformFile = join(running.dataDir, 'platform.sqlite');
  const platformReads = running.byId('platform').store.db.name;
  if (platformReads !== platformFile) {
    await running.stop();
    throw new Error(`The platform subgraph reads ${platformReads}, not the gateway's ${platformFile}.`);
  }
  const platform = await openPlatformStore({ file: platformFile, audit: { sealSigner: running.grantKey } });
  await seedDemoAgreements(platform.agreements);
  const gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: platform.agreements,
    grantSigning: running.grantKey,
    audit: platform.audit,
    maskingKey: TEST_MASKING_KEY,
    ...gatewayOptions,
    subgraphUrls: { ...running.urls, ...gatewayOptions.subgraphUrls },
  });
  return {
    departments: running,
    gateway,
    platform,
    callerKey,
    async as({ department, application, roles, purpose, ttl }) {
      const token = await mintToken(callerKey, { department, application: application ?? `${department}-app`, roles, ttl });
      return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
    },
    async stop() {
      await gateway.stop();
      await platform.close();
      await running.stop();
    },
  };
}

/** Statements each seeded department executed while `action` ran (the platform reads its own store, uncounted). */
export async function countStatements(federation: TestFederation, action: () => Promise<unknown>): Promise<Record<string, number>> {
  const seeded = federation.departments.subgraphs.filter((s) => !bringsOwnResources(s.department));
  const before = Object.fromEntries(seeded.map((s) => [s.department.id, s.store.statementsExecuted]));
  await action();
  return Object.fromEntries(seeded.map((s) => [s.department.id, s.store.statementsExecuted - before[s.department.id]!]));
}
