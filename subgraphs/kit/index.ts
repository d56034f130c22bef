/** The kit every department subgraph is built from: server start, store, per-request loaders, scalars, seeding. */
export {
  bringsOwnResources,
  departmentTypeDefs,
  departmentTypeDefsOf,
  loadTypeDefs,
  type DepartmentDefinition,
  type DepartmentResources,
  type ResourceContext,
  type ResourceDepartmentDefinition,
  type SeededDepartmentDefinition,
  type SubgraphContext,
} from './department.ts';
export { manyByKey, oneByKey } from './loaders.ts';
export { CreditCodeScalar, ResidentIdScalar } from './scalars.ts';
export { ensureDepartmentData, readSeedMeta, type SeedResult } from './seeding.ts';
export { startSubgraph, type RunningSubgraph, type SubgraphServerOptions } from './server.ts';
export { Store, type Statement, type StoreOptions } from './store.ts';
