/**
 * The embedded federation with tracing on everywhere: every department and the gateway export their spans to
 * one in-memory exporter (each under its own `service.name`), as a collector would receive them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { departments } from '../../subgraphs/departments.ts';
import { ensureDepartmentData, type RunningSubgraph } from '../../subgraphs/kit/index.ts';
import { TEST_POPULATION, startDepartmentIn } from '../harness/departments.ts';
import { silentLogger } from '../harness/federation.ts';

export interface TracedFederation {
  spans: InMemorySpanExporter;
  gateway: RunningGateway;
  platform: PlatformStore;
  subgraphs: Map<string, RunningSubgraph>;
  as(department: string, purpose?: string): Promise<Record<string, string>>;
  /** Stops one department (its process gone, as when its host is down). */
  stopSubgraph(id: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTracedFederation(): Promise<TracedFederation> {
  const spans = new InMemorySpanExporter();
  // One collector for all: a service that stops shuts down its own exporter, which must not stop the shared one.
  const collector: SpanExporter = { export: (batch, done) => spans.export(batch, done), shutdown: async () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-observability-'));
  const grantKey = await loadOrCreateGrantKey(dataDir);
  const callerKey = await loadOrCreateDevelopmentKey(dataDir);
  const platformFile = join(dataDir, 'platform.sqlite');
  const platform = await openPlatformStore({ file: platformFile });
  await seedDemoAgreements(platform.agreements);
  const subgraphs = new Map<string, RunningSubgraph>();
  await Promise.all(
    departments.map(async ({ definition }) => {
      const databaseFile = definition.id === 'platform' ? platformFile : join(dataDir, `${definition.id}.sqlite`);
      ensureDepartmentData(definition, databaseFile, TEST_POPULATION);
      const running = await startDepartmentIn(dataDir, {
        department: definition,
        databaseFile,
        gatewayKeys: grantKey.jwks,
        tracing: { serviceName: `govgraph-${definition.id}`, destination: { exporter: collector } },
      });
      subgraphs.set(definition.id, running);
    }),
  );
  const gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: platform.agreements,
    grantSigning: grantKey,
    audit: platform.audit,
    subgraphUrls: Object.fromEntries([...subgraphs].map(([id, s]) => [id, s.url])),
    tracing: { serviceName: 'govgraph-gateway', destination: { exporter: collector } },
  });
  const stopped = new Set<string>();
  return {
    spans,
    gateway,
    platform,
    subgraphs,
    async as(department, purpose) {
      const token = await mintToken(callerKey, { department, application: `${department}-app` });
      return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
    },
    async stopSubgraph(id) {
      stopped.add(id);
      await subgraphs.get(id)!.stop();
    },
    async stop() {
      await gateway.stop();
      await Promise.all([...subgraphs.values()].filter((s) => !stopped.has(s.department.id)).map((s) => s.stop().catch(() => {})));
      await platform.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
