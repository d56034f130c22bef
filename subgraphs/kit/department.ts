/**
 * What a department folder provides to the kit: its schema and resolvers, and how its resolvers reach its data.
 * Most departments serve a SQLite database the kit seeds from the shared synthetic population and opens
 * read-only: they give per-request loaders over that store and the seed. A department that keeps its data
 * elsewhere (the platform's own subgraph reads the platform store the gateway writes) brings its own resources
 * instead. Everything else (server, grant verification, shield enforcement, health, data files) is the kit's,
 * the same for both.
 */
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { Kind, parse, visit, type ConstArgumentNode, type DocumentNode } from 'graphql';
import { sharingSpecDocument } from '../../sharing/spec/spec.ts';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Population } from '../synthetic/types.ts';
import type { ReportingContext } from './reporting/useServedReport.ts';
import type { Store } from './store.ts';

/**
 * What every department request carries, whatever the department: the verified grant and the binding of this
 * request to it, the gateway's request id the binding names, and the collector of what the request served.
 */
export type BoundRequestContext = ReportingContext;

/** The context every resolver of a seeded department receives. */
export interface SubgraphContext<Loaders> extends BoundRequestContext {
  /** Per-request DataLoaders, created by the department's `createLoaders`. */
  loaders: Loaders;
  store: Store;
}

/** The context every resolver of a department that brings its own resources receives. */
export interface ResourceContext<Resources> extends BoundRequestContext {
  /** What the department's `openResources` gives each request (created per request, so per-request caches stay with it). */
  resources: Resources;
}

interface DefinitionBase {
  /** Kebab-case department id, e.g. `civil-affairs`; also the subgraph name in the supergraph. */
  id: string;
  /** Human-readable name, e.g. `Civil Affairs`. */
  title: string;
  /** The department's schema with the sharing spec appended; build it with `departmentTypeDefs`. */
  typeDefs: DocumentNode;
  // The resolver map is typed by the department against its generated `Resolvers`; the kit only passes it on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
}

/** A department over its own SQLite database, generated from the synthetic population (the embedded default's seven). */
export interface SeededDepartmentDefinition<Loaders = unknown> extends DefinitionBase {
  createLoaders(store: Store): Loaders;
  /** Creates the department's tables and fills them from `population`, inside the kit's transaction. */
  seed(db: Database.Database, population: Population): void;
}

/** What a department that brings its own resources opened, once per process. */
export interface DepartmentResources<Resources> {
  /** The `resources` of one request's context; called once per request. */
  forRequest(): Resources;
  /** Releases what was opened; called once, when the subgraph stops. */
  close(): Promise<void>;
  /** Resolves when the resources can serve (checked by `/ready`), rejects saying why not. Default: not checked. */
  ready?(): Promise<void>;
}

/**
 * A department whose data the kit neither seeds nor opens: it opens its own resources from its data file (the
 * platform subgraph: the platform store). The kit still serves it like any department: grant verification,
 * shield rules from its @share levels, `/health` (a read-only ping of the data file).
 */
export interface ResourceDepartmentDefinition<Resources = unknown> extends DefinitionBase {
  /**
   * Opens what the resolvers read from `file`, the department's data file (the kit's `databaseFile`); may create
   * it when missing. Must not write data others own: the kit opens the file read-only right after, for `/health`.
   */
  openResources(file: string): Promise<DepartmentResources<Resources>>;
}

export type DepartmentDefinition<Loaders = unknown> = SeededDepartmentDefinition<Loaders> | ResourceDepartmentDefinition;

/** True for a department that brings its own resources (nothing to seed, no kit loaders). */
export function bringsOwnResources(department: DepartmentDefinition): department is ResourceDepartmentDefinition {
  return typeof (department as Partial<ResourceDepartmentDefinition>).openResources === 'function';
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
  return departmentTypeDefsOf(id, loadTypeDefs(moduleUrl));
}

/** The same, for a department schema given as a document (`npm run publish -- <id> --schema file`). */
export function departmentTypeDefsOf(id: string, document: DocumentNode): DocumentNode {
  const own = withProvider(document, id);
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
