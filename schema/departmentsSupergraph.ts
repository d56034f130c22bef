/**
 * The embedded default's supergraph: every registered department at its default loopback port. Both
 * `npm run compose` and the staleness test use this one function, so they cannot disagree. Departments whose
 * items are not all levelled (see checks/sharingLevels.ts) are refused before composition, so nothing is written.
 */
import { fileURLToPath } from 'node:url';
import { departments, type RegisteredDepartment } from '../subgraphs/departments.ts';
import { checkSharingLevels } from './checks/index.ts';
import { composeSubgraphs, type CompositionOutcome, type SubgraphSource } from './composition.ts';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
export const API_SCHEMA_FILE = fileURLToPath(new URL('./api.graphql', import.meta.url));

/** Composes `registered` (default: every registered department) as the embedded default serves them. */
export function composeDepartments(registered: readonly RegisteredDepartment[] = departments): CompositionOutcome {
  const subgraphs: SubgraphSource[] = registered.map(({ definition, defaultPort }) => ({
    name: definition.id,
    url: `http://127.0.0.1:${defaultPort}/graphql`,
    typeDefs: definition.typeDefs,
  }));
  const errors = checkSharingLevels(subgraphs);
  if (errors.length > 0) return { ok: false, errors };
  return composeSubgraphs(subgraphs);
}
