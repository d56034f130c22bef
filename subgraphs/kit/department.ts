/**
 * What a department folder provides to the kit: its schema, resolvers, per-request loaders over its store,
 * and the seed that fills its database from the shared synthetic population. Everything else (server,
 * health, statement counting, data files) is the kit's.
 */
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Population } from '../synthetic/types.ts';
import type { Store } from './store.ts';

/** The context every department resolver receives. */
export interface SubgraphContext<Loaders> {
  /** Per-request DataLoaders, created by the department's `createLoaders`. */
  loaders: Loaders;
  store: Store;
}

export interface DepartmentDefinition<Loaders = unknown> {
  /** Kebab-case department id, e.g. `civil-affairs`; also the subgraph name in the supergraph. */
  id: string;
  /** Human-readable name, e.g. `Civil Affairs`. */
  title: string;
  typeDefs: DocumentNode;
  // The resolver map is typed by the department against its generated `Resolvers`; the kit only passes it on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  createLoaders(store: Store): Loaders;
  /** Creates the department's tables and fills them from `population`, inside the kit's transaction. */
  seed(db: Database.Database, population: Population): void;
}

/** Reads a department's `schema.graphql` next to the module that calls it. */
export function loadTypeDefs(moduleUrl: string, file = 'schema.graphql'): DocumentNode {
  return parse(readFileSync(new URL(file, moduleUrl), 'utf8'));
}
