/** human-resources: social insurance (pension accounts) and registered employment. */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const humanResources: DepartmentDefinition<Loaders> = {
  id: 'human-resources',
  title: 'Human Resources and Social Security',
  typeDefs: departmentTypeDefs('human-resources', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
