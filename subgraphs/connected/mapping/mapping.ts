/**
 * The mapping file of a connected department (`subgraphs/<id>/mapping.json`): how an existing system's data
 * becomes the department's subgraph, with no TypeScript. `npm run department:connect` proposes one from the
 * system's schema; the department edits it (every level, reason, sensitivity and cycle is its decision) and the
 * kit serves it. The same shape serves a SQL database (`source.database`, fields name `column`s) and a REST/JSON
 * interface (`source.rest`, fields name a `path` in the JSON an endpoint answers).
 */
import type { ShareLevel } from '../../../sharing/types.ts';

export const SHARE_CYCLES = ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'ON_CHANGE'] as const;
export type ShareCycle = (typeof SHARE_CYCLES)[number];

/** Scalars a field may have, besides the mapping's own enums. */
export const FIELD_SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID', 'ResidentId', 'CreditCode'] as const;
export type FieldScalar = (typeof FIELD_SCALARS)[number];

/**
 * The graph's entities other departments own, which a connected department may add fields to: it names the
 * key column, the kit validates the key with the graph's scalar, and the key's level stays with the owner.
 */
export const GRAPH_ENTITIES: Readonly<Record<string, { key: string; scalar: FieldScalar; owner: string }>> = {
  Person: { key: 'idNumber', scalar: 'ResidentId', owner: 'public-security' },
  Enterprise: { key: 'creditCode', scalar: 'CreditCode', owner: 'market-regulation' },
};

/** The `@share` of one item. */
export interface ShareDeclaration {
  level: ShareLevel;
  /** The legal reason; required for CONDITIONAL and NONE. */
  reason?: string;
  /** Personal data, shown masked unless an agreement grants it raw. Default false. */
  sensitive?: boolean;
  cycle?: ShareCycle;
}

export interface FieldMapping {
  description: string;
  /** SQL: the column (of the type's table) the value is read from. */
  column?: string;
  /** REST: where the value sits in the JSON object, as dot-separated names (`pension.status`). Default the field name. */
  path?: string;
  /** A scalar of FIELD_SCALARS or an enum of the mapping's `enums`. Default String. */
  type?: string;
  /** False makes the field non-null (only an UNCONDITIONAL item or a key may be). Default true. */
  nullable?: boolean;
  /** The item's sharing attribute; required except for the key of a graph entity (Person.idNumber is public-security's). */
  share?: ShareDeclaration;
}

/**
 * A field whose value is another type's object(s). SQL: joined `on` local column -> target column (the target's
 * table), or a graph entity (Person, Enterprise) referenced by the one `column` holding its key. REST: the objects
 * an endpoint answers (`get`, with `{field}` placeholders filled from this object), or a graph entity whose key
 * sits at `path`.
 */
export interface RelationMapping {
  description: string;
  /** The target type: one of the mapping's types, or Person / Enterprise. */
  type: string;
  /** A list of the target (one-to-many). Default false. */
  many?: boolean;
  on?: Record<string, string>;
  column?: string;
  path?: string;
  get?: string;
  /** REST, `get` answering an object: where the list of items sits in it. Default: the answer is the list. */
  itemsAt?: string;
  share: ShareDeclaration;
}

/** One endpoint that answers many objects by key at once (REST). */
export interface BatchEndpoint {
  /** `GET /persons?ids={keys}` (keys joined by commas) or `POST /persons/batch` (JSON body `{ "<keysParameter>": [...] }`). */
  method: 'GET' | 'POST';
  path: string;
  /** POST: the body's property holding the keys. Default `keys`. */
  keysParameter?: string;
  /** Where the list of objects sits in the answer. Default: the answer is the list. */
  itemsAt?: string;
  /** Most keys in one call. Default 100. */
  maxKeys?: number;
}

export interface TypeMapping {
  description: string;
  /** SQL: the table or view the type's rows come from; optional for a graph entity with no table of its own. */
  table?: string;
  /**
   * The fields that identify one object: the table's primary key (possibly composite); the federation key of an
   * entity. May be left out only for a REST type with `entity: false` reached through a relation's `get`.
   */
  key: string[];
  /** Makes the type an entity other subgraphs can join (`@key`); always true for Person and Enterprise. Default true. */
  entity?: boolean;
  /** A `Query` field answering one object by its key. Default none. */
  lookup?: string;
  /** SQL: a `Query` field listing the objects in key order, a page at a time (`first`, `after`). Default none. */
  list?: string;
  /** REST: the endpoint answering one object, key fields as placeholders (`/persons/{idNumber}`); 404 means none. */
  get?: string;
  /** REST: an endpoint answering many objects at once; without one, `get` is called per key, at most `maxConcurrency` at a time. */
  batch?: BatchEndpoint;
  fields: Record<string, FieldMapping>;
  relations?: Record<string, RelationMapping>;
}

export interface EnumMapping {
  description: string;
  /** Stored code -> GraphQL enum value, e.g. `{ "20": "MARRIED" }`. */
  values: Record<string, string>;
}

export interface DatabaseSource {
  /**
   * `postgres://…`, `mysql://…` / `mariadb://…`, or `sqlite:<path>` (relative to the mapping file). `${NAME}` is
   * replaced by the environment variable NAME at start (keep passwords out of the file).
   */
  database: string;
  /** The schema (PostgreSQL) the tables are in. Default `public`; MySQL: the URL's database. */
  schema?: string;
  /** Connections in the pool. Default 4. */
  poolSize?: number;
  /** Deadline to connect, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /** Deadline of one statement, in ms. Default 5000. */
  statementTimeoutMs?: number;
  /**
   * `require` (default): refuse to start when the account may write any mapped table (connect with a read-only
   * role); `session`: accept such an account, with a warning, relying on read-only sessions alone.
   */
  readOnly?: 'require' | 'session';
  /** Most keys in one `WHERE key IN (...)` statement. Default 1000. */
  maxKeysPerStatement?: number;
}

export interface RestSource {
  /** Base URL of the interface, e.g. `http://10.1.2.3:8080/api`; `${NAME}` replaced from the environment. */
  baseUrl: string;
  /** Headers sent with every call (`${NAME}` replaced), e.g. an API key. Default none. */
  headers?: Record<string, string>;
  /** Deadline of one call, in ms. Default 5000. */
  timeoutMs?: number;
  /** Calls in flight at once, over all requests. Default 8. */
  maxConcurrency?: number;
}

export interface ConnectorMapping {
  /** The department id (kebab-case); the subgraph's name. */
  department: string;
  title: string;
  source: { database: DatabaseSource; rest?: never } | { rest: RestSource; database?: never };
  enums?: Record<string, EnumMapping>;
  types: Record<string, TypeMapping>;
}

export type SourceKind = 'database' | 'rest';

export function sourceKind(mapping: ConnectorMapping): SourceKind {
  return mapping.source.database ? 'database' : 'rest';
}
