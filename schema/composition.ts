/**
 * Composes department subgraphs into one supergraph with @apollo/composition. A composition error is returned
 * with the composer's own messages, so nothing is written from a failed composition.
 */
import { composeServices } from '@apollo/composition';
import { printSchema, type DocumentNode } from 'graphql';

export interface SubgraphSource {
  /** Subgraph name, the department id. */
  name: string;
  /** Routing URL written into the supergraph. */
  url: string;
  typeDefs: DocumentNode;
}

export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

export function composeSubgraphs(subgraphs: readonly SubgraphSource[]): CompositionOutcome {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => e.message) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n',
    hints: result.hints.map((h) => h.toString()),
  };
}
