/**
 * The whole embedded federation for integration tests: every department subgraph seeded from the test
 * population and the gateway over the committed supergraph, all on ephemeral loopback ports.
 */
import { startGateway, type GatewayLogger, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import { departments } from '../../subgraphs/departments.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { startDepartments, type TestDepartments } from './departments.ts';

export interface TestFederation {
  departments: TestDepartments;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

export const silentLogger: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function startFederation(gatewayOptions: GatewayOptions = {}): Promise<TestFederation> {
  const running = await startDepartments(departments.map((d) => d.definition));
  const gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    ...gatewayOptions,
    subgraphUrls: { ...running.urls, ...gatewayOptions.subgraphUrls },
  });
  return {
    departments: running,
    gateway,
    async stop() {
      await gateway.stop();
      await running.stop();
    },
  };
}

/** Statements each department executed while `action` ran. */
export async function countStatements(federation: TestFederation, action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = Object.fromEntries(federation.departments.subgraphs.map((s) => [s.department.id, s.store.statementsExecuted]));
  await action();
  return Object.fromEntries(
    federation.departments.subgraphs.map((s) => [s.department.id, s.store.statementsExecuted - before[s.department.id]!]),
  );
}
