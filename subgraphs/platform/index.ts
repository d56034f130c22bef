/**
 * platform: the sharing platform's own subgraph. It serves what the platform store knows, beginning with the audit
 * views (who accessed which items, as each department may see it); catalogue, applications and objections follow.
 * It brings its own resources: the platform store the gateway writes, read and never written here.
 */
import { departmentTypeDefs, type ResourceDepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { openPlatformResources, type PlatformResources } from './resources.ts';

export const platform: ResourceDepartmentDefinition<PlatformResources> = {
  id: 'platform',
  title: 'Data Sharing Platform',
  typeDefs: departmentTypeDefs('platform', import.meta.url),
  resolvers,
  openResources: openPlatformResources,
};
