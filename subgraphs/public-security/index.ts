/** public-security: the household register (residents, their households and identity data); owns `Person`. */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const publicSecurity: DepartmentDefinition<Loaders> = {
  id: 'public-security',
  title: 'Public Security',
  typeDefs: departmentTypeDefs('public-security', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
