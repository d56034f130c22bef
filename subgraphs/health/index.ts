/** health: medical records the health authority keeps (diagnoses, birth certificates, vaccinations). */
import { loadTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const health: DepartmentDefinition<Loaders> = {
  id: 'health',
  title: 'Health',
  typeDefs: loadTypeDefs(import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
