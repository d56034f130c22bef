/** The explorer: GraphiQL and the catalogue pages served by the gateway, built locally with Vite. */
export { explorerRoutes, type ExplorerRouteOptions, type ExplorerRoutes } from './routes.ts';
export { DEVELOPMENT_ROLES, type DevelopmentIdentityOptions, type ExplorerOptions } from './options.ts';
export { queryPlanExposure, QUERY_PLAN_HEADER, type QueryPlanExposure } from './queryPlan.ts';
export { buildExplorer, ensureExplorerBuild, explorerBuildState, EXPLORER_ASSETS_DIR } from './build.ts';
export type * from './views.ts';
