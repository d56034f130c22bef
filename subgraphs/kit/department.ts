/**
 * What a department folder provides to the kit: its schema, resolvers, per-request loaders over its store,
 * and the seed that fills its database from the shared synthetic population. Everything else (server,
 * health, statement counting, data files) is the kit's.
 */
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { Kind, parse, visit, type ConstArgumentNode, type DocumentNode } from 'graphql';
import { sharingSpecDocument } from '../../schema/sharing/spec.ts';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Population } from '../synthetic/types.ts';
import type { GrantClaims } from '../../sharing/types.ts';
import type { Store } from './store.ts';

/** The context every department resolver receives. */
export interface SubgraphContext<Loaders> {
  /** Per-request DataLoaders, created by the department's `createLoaders`. */
  loaders: Loaders;
  store: Store;
  /** The grant the gateway signed for this department and request, verified before any resolver runs. */
  grant: GrantClaims;
}

export interface DepartmentDefinition<Loaders = unknown> {
  /** Kebab-case department id, e.g. `civil-affairs`; also the subgraph name in the supergraph. */
  id: string;
  /** Human-readable name, e.g. `Civil Affairs`. */
  title: string;
  /** The department's schema with the sharing spec appended; build it with `departmentTypeDefs`. */
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

/**
 * A department's typeDefs: its `schema.graphql` with every `@share` naming the department as `provider` (unless
 * it names one), followed by the sharing spec's definitions, so `buildSubgraphSchema` knows `@share` and
 * `ShareLevel` and the supergraph says which department provides each item (a key field such as
 * `Person.idNumber` is resolvable in many subgraphs but provided by one).
 */
export function departmentTypeDefs(id: string, moduleUrl: string): DocumentNode {
  const own = withProvider(loadTypeDefs(moduleUrl), id);
  return { kind: Kind.DOCUMENT, definitions: [...own.definitions, ...sharingSpecDocument().definitions] };
}

function withProvider(document: DocumentNode, provider: string): DocumentNode {
  return visit(document, {
    Directive(node) {
      if (node.name.value !== 'share' || node.arguments?.some((a) => a.name.value === 'provider')) return undefined;
      const argument: ConstArgumentNode = {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'provider' },
        value: { kind: Kind.STRING, value: provider },
      };
      return { ...node, arguments: [...(node.arguments ?? []), argument] };
    },
  });
}
