/**
 * platform: the sharing platform's own subgraph. It serves what the platform store knows and what the supergraph
 * says: the catalogue, the sharing workflow (applications, decisions, revocations, objections) and the audit
 * views (who accessed which items, as each department may see it). It brings its own resources: the platform
 * store the gateway writes, and the supergraph file the gateway loads (for the catalogue).
 */
import { departmentTypeDefs, type ResourceDepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { COMMITTED_SUPERGRAPH, openPlatformResources, type PlatformResourceOptions, type PlatformResources } from './resources.ts';

export type PlatformSubgraphOptions = Partial<PlatformResourceOptions>;

/**
 * The platform subgraph with its options: `supergraph` (default the committed schema/supergraph.graphql, the
 * file the embedded default's gateway loads), `versionOf` and `workflow` (see `PlatformResourceOptions`).
 */
export function platformDepartment(options: PlatformSubgraphOptions = {}): ResourceDepartmentDefinition<PlatformResources> {
  const resourceOptions: PlatformResourceOptions = { ...options, supergraph: options.supergraph ?? COMMITTED_SUPERGRAPH };
  return {
    id: 'platform',
    title: 'Data Sharing Platform',
    typeDefs: departmentTypeDefs('platform', import.meta.url),
    resolvers,
    openResources: (file) => openPlatformResources(file, resourceOptions),
  };
}

/** The platform subgraph of the embedded default. */
export const platform = platformDepartment();
