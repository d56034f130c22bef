/**
 * The embedded federation with connected departments beside the seven: every department seeded from the test
 * population, the connected ones served from their mapping files over the systems the test created, all composed
 * into a supergraph of their own (a temporary file the gateway and the platform's catalogue read, so agreements
 * can be applied for the connected department's items), and the gateway over it with development identities.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { TEST_MASKING_KEY } from '../harness/sharing.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements, type PlatformStore } from '../../platform/index.ts';
import { composeDepartments } from '../../schema/departmentsSupergraph.ts';
import type { ConnectedDepartmentDefinition } from '../../subgraphs/connected/index.ts';
import { departments } from '../../subgraphs/departments.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/index.ts';
import { platformDepartment } from '../../subgraphs/platform/index.ts';
import { startDepartments, type TestDepartments, startDepartmentIn } from '../harness/departments.ts';
import { silentLogger } from '../harness/federation.ts';

export interface ConnectedFederation {
  departments: TestDepartments;
  connected: RunningSubgraph[];
  gateway: RunningGateway;
  platform: PlatformStore;
  supergraphFile: string;
  as(caller: { department: string; application?: string; roles?: string[]; purpose?: string }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts `connected` (definitions from `connectedDepartment`) with every registered department and a gateway over all of them. */
export async function startConnectedFederation(connected: readonly ConnectedDepartmentDefinition[]): Promise<ConnectedFederation> {
  const base = departments.filter((d) => d.definition.id !== 'platform');
  const composed = composeDepartments([
    ...base,
    ...connected.map((definition, i) => ({ definition, defaultPort: 4100 + i })),
    ...departments.filter((d) => d.definition.id === 'platform'),
  ]);
  if (!composed.ok) throw new Error(`The federation does not compose with ${connected.map((c) => c.id).join(', ')}:\n${composed.errors.join('\n')}`);
  const directory = mkdtempSync(join(tmpdir(), 'govgraph-connected-'));
  const supergraphFile = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
  const running = await startDepartments([...base.map((d) => d.definition), platformDepartment({ supergraph: supergraphFile })]);
  const started: RunningSubgraph[] = [];
  try {
    for (const definition of connected) {
      started.push(await startDepartmentIn(running.dataDir, { department: definition, databaseFile: `connected:${definition.mappingFile}`, gatewayKeys: running.grantKey.jwks }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    await running.stop();
    throw error;
  }
  const callerKey = await loadOrCreateDevelopmentKey(running.dataDir);
  const platform = await openPlatformStore({ file: join(running.dataDir, 'platform.sqlite'), audit: { sealSigner: running.grantKey } });
  await seedDemoAgreements(platform.agreements);
  const gateway = await startGateway({
    supergraph: supergraphFile,
    port: 0,
    logger: silentLogger,
    identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: platform.agreements,
    grantSigning: running.grantKey,
    audit: platform.audit,
    maskingKey: TEST_MASKING_KEY,
    subgraphUrls: { ...running.urls, ...Object.fromEntries(started.map((s) => [s.department.id, s.url])) },
  });
  return {
    departments: running,
    connected: started,
    gateway,
    platform,
    supergraphFile,
    async as({ department, application, roles, purpose }) {
      const token = await mintToken(callerKey, { department, application: application ?? `${department}-app`, roles });
      return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
    },
    async stop() {
      await gateway.stop();
      await platform.close();
      await Promise.all(started.map((s) => s.stop()));
      await running.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
