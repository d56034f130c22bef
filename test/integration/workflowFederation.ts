/**
 * The embedded federation with the platform subgraph configured by the test (reply period, calendar, the
 * supergraph file, which the gateway then loads too) and a
 * workflow clock the test can set (`clock.set(iso)`, `clock.set(null)` for the real time): otherwise as the
 * harness's `startFederation`, every department and the gateway on ephemeral ports over one platform store.
 */
import { join } from 'node:path';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, loadOrCreateDevelopmentResidentKey, mintResidentToken, mintToken, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { DEVELOPMENT_RESIDENT_ISSUER } from '../../sharing/residents.ts';
import { openPlatformStore, seedDemoAgreements, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { departments } from '../../subgraphs/departments.ts';
import { platformDepartment, type PlatformSubgraphOptions } from '../../subgraphs/platform/index.ts';
import { startDepartments, type TestDepartments } from '../harness/departments.ts';
import { silentLogger } from '../harness/federation.ts';

export interface WorkflowFederation {
  departments: TestDepartments;
  gateway: RunningGateway;
  platform: PlatformStore;
  platformFile: string;
  clock: { set(iso: string | null): void };
  as(caller: { department: string; application?: string; roles?: string[]; purpose?: string }): Promise<Record<string, string>>;
  /** Headers of a signed-in resident (the development resident issuer, which the gateway trusts). */
  asResident(resident: string): Promise<Record<string, string>>;
  /** The development resident key the gateway's residents' sign-in trusts. */
  residentKey: DevelopmentKey;
  stop(): Promise<void>;
}

export interface WorkflowFederationOptions {
  /**
   * Serves the platform subgraph from elsewhere (e.g. a separate process over the same store): called once the data
   * directory, keys and store exist, before the gateway starts; returns the platform subgraph's URL.
   */
  platformUrl?: (paths: { dataDir: string; platformFile: string }) => Promise<string>;
  /** More gateway options (e.g. an application policy). */
  gateway?: Partial<GatewayOptions>;
}

export async function startWorkflowFederation(options: PlatformSubgraphOptions = {}, federationOptions: WorkflowFederationOptions = {}): Promise<WorkflowFederation> {
  let fixed: Date | null = null;
  const platform = platformDepartment({ ...options, workflow: { ...options.workflow, now: () => fixed ?? new Date() } });
  const running = await startDepartments(departments.map((d) => (d.definition.id === 'platform' ? platform : d.definition)));
  const callerKey = await loadOrCreateDevelopmentKey(running.dataDir);
  const residentKey = await loadOrCreateDevelopmentResidentKey(running.dataDir);
  const platformFile = join(running.dataDir, 'platform.sqlite');
  const store = await openPlatformStore({ file: platformFile, audit: { sealSigner: running.grantKey } });
  await seedDemoAgreements(store.agreements);
  const platformUrl = await federationOptions.platformUrl?.({ dataDir: running.dataDir, platformFile });
  const gateway = await startGateway({
    supergraph: options.supergraph ?? SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    residents: { jwks: residentKey.jwks, issuers: [DEVELOPMENT_RESIDENT_ISSUER] },
    agreements: store.agreements,
    grantSigning: running.grantKey,
    audit: store.audit,
    subgraphUrls: { ...running.urls, ...(platformUrl && { platform: platformUrl }) },
    ...federationOptions.gateway,
  });
  return {
    departments: running,
    gateway,
    platform: store,
    platformFile,
    clock: { set: (iso) => (fixed = iso === null ? null : new Date(iso)) },
    async as({ department, application, roles, purpose }) {
      const token = await mintToken(callerKey, { department, application: application ?? `${department}-app`, roles });
      return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
    },
    residentKey,
    async asResident(resident) {
      return { authorization: `Bearer ${await mintResidentToken(residentKey, { resident })}` };
    },
    async stop() {
      await gateway.stop();
      await store.close();
      await running.stop();
    },
  };
}
