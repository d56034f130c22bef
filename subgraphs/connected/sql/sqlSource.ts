/**
 * What the connector needs from a SQL database, whatever its engine: parameterized reads (counted, so a test can
 * prove one statement per loader per request), its schema as the catalogue tables describe it, and which mapped
 * tables the connected account could write. Each driver (`postgresSource.ts`, `mysqlSource.ts`, `sqliteSource.ts`)
 * opens its sessions read-only whatever the account may do; `writableTables` lets the start refuse an account
 * that could write anyway (a read-only role is the second, independent guarantee).
 */

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

export interface ColumnSchema {
  name: string;
  /** The engine's type name, lowercase (`character varying`, `varchar`, `integer`, `date`…). */
  dataType: string;
  nullable: boolean;
}

export interface ForeignKey {
  /** Local columns, in constraint order. */
  columns: string[];
  /** The referenced table (same schema). */
  table: string;
  /** Referenced columns, in the same order. */
  references: string[];
}

export interface TableSchema {
  name: string;
  kind: 'table' | 'view';
  columns: ColumnSchema[];
  /** Primary key columns in order; empty for a view or a table without one. */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

export interface WritePrivilege {
  /** The table, or `*` for a privilege on every table (a superuser, a global or schema grant). */
  table: string;
  privilege: string;
}

export type Row = Record<string, unknown>;

export interface SqlSource {
  readonly dialect: Dialect;
  /** Where it reads, for messages: no password (`postgres://reader@127.0.0.1:5432/legacy schema hy`). */
  readonly location: string;
  /** Statements run since it was opened. */
  readonly statementsExecuted: number;
  /** Runs one read with `?` placeholders (rewritten for the engine). Rejects with a `SourceFailure`. */
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Every table and view of the connected schema. */
  describe(): Promise<TableSchema[]>;
  /** The write privileges the account holds on any of `tables` (empty: read-only). */
  writePrivileges(tables: readonly string[]): Promise<WritePrivilege[]>;
  /** Quotes an identifier for this engine. */
  quote(identifier: string): string;
  /** A table of the connected schema, quoted and qualified where the engine needs it. */
  qualify(table: string): string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Why a read failed, without the statement or the engine's message (which may name tables or values). */
export class SourceFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'error',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SourceFailure';
  }
}

/** Options every driver takes, from the mapping's `source.database`. */
export interface SqlSourceOptions {
  /** Connections in the pool. */
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** The application name the database sees (`govgraph-<department>`). */
  applicationName: string;
}
