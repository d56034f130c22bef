/** Checks a set of department subgraphs must pass before they are composed into the supergraph. */
export { checkSharingLevels, type SubgraphTypeDefs } from './sharingLevels.ts';
