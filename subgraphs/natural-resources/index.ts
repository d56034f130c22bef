/** natural-resources: the unified real-estate register (certificates, their owners). */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const naturalResources: DepartmentDefinition<Loaders> = {
  id: 'natural-resources',
  title: 'Natural Resources',
  typeDefs: departmentTypeDefs('natural-resources', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
