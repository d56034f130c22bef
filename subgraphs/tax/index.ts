/** tax: the tax authority's taxpayer register (tax credit ratings, tax arrears of enterprises). */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const tax: DepartmentDefinition<Loaders> = {
  id: 'tax',
  title: 'Taxation',
  typeDefs: departmentTypeDefs('tax', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
