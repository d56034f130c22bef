/**
 * The processes under test, each a child of the benchmark so none shares an event loop with another or with the
 * load generator: the seven departments (bin/subgraph.ts, seeding their databases on first use) and the two
 * gateways over the same supergraph and the same departments. `stop` ends every child this module started.
 */
import { startChild, stopChildren, type Child } from '../bin/children.ts';
import { SUPERGRAPH_FILE } from '../schema/departmentsSupergraph.ts';
import { departments } from '../subgraphs/departments.ts';
import type { PopulationOptions } from '../subgraphs/synthetic/types.ts';
import { gatewayArgs } from './gateways/gatewayArgs.ts';

export type GatewayName = 'govgraph' | 'plain';
export const GATEWAYS: readonly GatewayName[] = ['govgraph', 'plain'];

export interface RunningSystem {
  /** Gateway -> its GraphQL URL. */
  gateways: Record<GatewayName, string>;
  /** Department id -> its subgraph URL. */
  departmentUrls: Record<string, string>;
  /** Process ids, for CPU accounting. */
  pids: { gateways: Record<GatewayName, number>; departments: number[] };
  stop(): Promise<void>;
}

const SUBGRAPH_SCRIPT = './subgraph.ts'; // relative to bin/children.ts
const GATEWAY_SCRIPTS: Record<GatewayName, string> = {
  govgraph: new URL('./gateways/govgraph.ts', import.meta.url).href,
  plain: new URL('./gateways/plain.ts', import.meta.url).href,
};

export async function startSystem(dataDir: string, population: PopulationOptions): Promise<RunningSystem> {
  const children: Child[] = [];
  try {
    const populationArgs = [
      '--data-dir', dataDir, '--people', String(population.people),
      '--enterprises', String(population.enterprises), '--seed', String(population.seed),
    ];
    const departmentChildren = departments.map(({ definition }) =>
      startChild(definition.id, SUBGRAPH_SCRIPT, ['--department', definition.id, '--port', '0', ...populationArgs]),
    );
    children.push(...departmentChildren);
    const departmentUrls = Object.fromEntries(
      await Promise.all(departmentChildren.map(async (child) => [child.name, (await child.ready).url] as const)),
    );
    const args = gatewayArgs({ dataDir, supergraph: SUPERGRAPH_FILE, subgraphUrls: departmentUrls });
    const gatewayChildren = GATEWAYS.map((name) => startChild(name, GATEWAY_SCRIPTS[name], args));
    children.push(...gatewayChildren);
    const urls = await Promise.all(gatewayChildren.map(async (child) => (await child.ready).url));
    return {
      gateways: { govgraph: urls[0]!, plain: urls[1]! },
      departmentUrls,
      pids: {
        gateways: { govgraph: gatewayChildren[0]!.process.pid!, plain: gatewayChildren[1]!.process.pid! },
        departments: departmentChildren.map((child) => child.process.pid!),
      },
      stop: () => stopChildren(children),
    };
  } catch (error) {
    await stopChildren(children);
    throw error;
  }
}
