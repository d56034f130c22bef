/** health: medical records the health authority keeps (diagnoses, birth certificates, vaccinations). */
import { departmentTypeDefs, type DepartmentDefinition } from '../kit/index.ts';
import { resolvers } from './resolvers.ts';
import { seed } from './seed.ts';
import { createLoaders, type Loaders } from './store.ts';

export const health: DepartmentDefinition<Loaders> = {
  id: 'health',
  title: 'Health',
  typeDefs: departmentTypeDefs('health', import.meta.url),
  resolvers,
  createLoaders,
  seed,
};
