/**
 * The thin seam every platform store is written against, once for SQLite and PostgreSQL: statements with `?`
 * placeholders, rows as plain objects, and transactions that take the write lock at once. What truly differs stays
 * with the dialect (`sqliteDb.ts`, `postgres/postgresDb.ts`): table definitions (the migrations), locks, batch
 * inserts and LISTEN/NOTIFY. Shared statements are written to mean the same in both: `CAST(? AS TEXT) IS NULL` for
 * an optional filter, JSON decoded with `fromJson` (PostgreSQL's jsonb arrives parsed, SQLite's text does not),
 * times as ISO strings compared as text (every PostgreSQL text column is `COLLATE "C"`, byte order as in SQLite).
 *
 * A transaction's work is a generator that yields its statements (`const row = yield* tx.get(…)`), not an async
 * function: SQLite runs it to the end synchronously inside better-sqlite3's IMMEDIATE transaction, so nothing else
 * runs on the thread while the single writer lock is held. (An `await` there would let another connection of the
 * same thread, the trail's, ask for that lock, and its busy wait would block the very thread that holds it.)
 * PostgreSQL runs the same generator one round trip per statement. Work never awaits anything else inside a
 * transaction: sign, fetch or compute before it.
 */

export type Dialect = 'sqlite' | 'postgres';

/** One statement of a transaction, handed to the dialect that runs it. */
export interface Statement {
  kind: 'all' | 'get' | 'run' | 'exec' | 'lock';
  sql: string;
  params: readonly unknown[];
}

/** The work of a transaction: yields statements, receives their results, returns its own. */
export type Work<T> = Generator<Statement, T, unknown>;

/** The little SQL that differs between the dialects, for statements written once. */
export interface DialectSql {
  readonly dialect: Dialect;
  /**
   * A table of the elements of a JSON array (a column, or `?` for a parameter such as `JSON.stringify(ids)`), as text
   * in a column `value`: `id IN (SELECT value FROM ${jsonEach('?')})`. SQLite's `json_each`, PostgreSQL's
   * `jsonb_array_elements_text`.
   */
  jsonEach(json: string): string;
}

/** What a transaction's work may do: each method yields one statement (`yield* tx.run(…)`). */
export interface Tx extends DialectSql {
  /** Appended to a SELECT, locks its rows until the transaction ends: ` FOR UPDATE` in PostgreSQL; nothing in SQLite (the transaction holds the only write lock). */
  readonly forUpdate: string;
  all<R>(sql: string, params?: readonly unknown[]): Work<R[]>;
  get<R>(sql: string, params?: readonly unknown[]): Work<R | undefined>;
  /** How many rows the statement changed. */
  run(sql: string, params?: readonly unknown[]): Work<number>;
  /** Statements without parameters, several separated by `;` (migrations). */
  exec(sql: string): Work<void>;
  /**
   * Holds the lock `name` until the transaction ends, so writers of one kind go one at a time across processes.
   * SQLite: nothing more to take; PostgreSQL: a transaction-scoped advisory lock of the store's schema.
   */
  lock(name: string): Work<void>;
}

export interface Db extends DialectSql {
  /** Where the store is, for messages: the SQLite file, or `(PostgreSQL schema <name>)`; never credentials. */
  readonly where: string;
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  get<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one transaction and commits, or rolls back and rejects with what it threw (a failing statement is
   * thrown into it first, so it may name the failure, `isUniqueViolation`, and rethrow). SQLite: IMMEDIATE, the writer lock taken
   * before anything is read. PostgreSQL: one pooled connection, READ COMMITTED: lock what is read to decide a write
   * (`tx.forUpdate`, `tx.lock`).
   */
  transaction<T>(work: (tx: Tx) => Work<T>): Promise<T>;
  /** Runs reads that must agree (a page and its count) in one snapshot, writing nothing and locking out no writer. */
  snapshot<T>(work: (tx: Tx) => Work<T>): Promise<T>;
}

/** Whether `error` is a unique or primary key violation (an id another writer took first), in either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The statements of a transaction in `dialect`; the dialect's driver runs what they yield. */
export function transactionStatements(sql: DialectSql, forUpdate: string): Tx {
  return {
    ...sql,
    forUpdate,
    *all<R>(sql: string, params: readonly unknown[] = []): Work<R[]> {
      return (yield { kind: 'all', sql, params }) as R[];
    },
    *get<R>(sql: string, params: readonly unknown[] = []): Work<R | undefined> {
      return (yield { kind: 'get', sql, params }) as R | undefined;
    },
    *run(sql: string, params: readonly unknown[] = []): Work<number> {
      return (yield { kind: 'run', sql, params }) as number;
    },
    *exec(sql: string): Work<void> {
      yield { kind: 'exec', sql, params: [] };
    },
    *lock(name: string): Work<void> {
      yield { kind: 'lock', sql: name, params: [] };
    },
  };
}

/** A JSON column as a value: PostgreSQL's jsonb arrives decoded, SQLite's text is parsed. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
