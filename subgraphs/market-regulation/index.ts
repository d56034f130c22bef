/** market-regulation: the register of market entities (enterprises, their legal representatives). */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const marketRegulation: DepartmentDefinition<Loaders> = {
  id: 'market-regulation',
  title: 'Market Regulation',
  typeDefs: departmentTypeDefs('market-regulation', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
