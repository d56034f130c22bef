/** civil-affairs: marriage registration and social assistance (minimum living allowance, 低保). */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const civilAffairs: DepartmentDefinition<Loaders> = {
  id: 'civil-affairs',
  title: 'Civil Affairs',
  typeDefs: departmentTypeDefs('civil-affairs', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
