/**
 * The embedded default's supergraph: every registered department at its default loopback port. Both
 * `npm run compose` and the staleness test use this one function, so they cannot disagree.
 */
import { fileURLToPath } from 'node:url';
import { departments } from '../subgraphs/departments.ts';
import { composeSubgraphs, type CompositionOutcome } from './composition.ts';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
export const API_SCHEMA_FILE = fileURLToPath(new URL('./api.graphql', import.meta.url));

export function composeDepartments(): CompositionOutcome {
  return composeSubgraphs(
    departments.map(({ definition, defaultPort }) => ({
      name: definition.id,
      url: `http://127.0.0.1:${defaultPort}/graphql`,
      typeDefs: definition.typeDefs,
    })),
  );
}
