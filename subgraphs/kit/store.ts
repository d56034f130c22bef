/**
 * A department's own SQLite database, opened once per process. Every statement is prepared once and counted
 * when it runs, so tests can prove that resolving N entities costs one statement, not N.
 */
import Database from 'better-sqlite3';

export interface Statement<Row> {
  all(...params: unknown[]): Row[];
  get(...params: unknown[]): Row | undefined;
}

export interface StoreOptions {
  /** Path of the SQLite file. Required. */
  file: string;
  /** Open read-only (a department subgraph only reads its data). Default true. */
  readonly?: boolean;
}

export class Store {
  readonly db: Database.Database;
  #executed = 0;
  readonly #prepared = new Map<string, Statement<unknown>>();

  constructor(options: StoreOptions) {
    if (!options.file) throw new Error('Store: option `file` is required (path of the SQLite database).');
    this.db = new Database(options.file, { readonly: options.readonly ?? true, fileMustExist: true });
    this.db.pragma('query_only = ' + ((options.readonly ?? true) ? 'ON' : 'OFF'));
  }

  /** Number of statements executed since the store was opened. */
  get statementsExecuted(): number {
    return this.#executed;
  }

  /** Prepares `sql` once (cached by text) and returns a counted statement. */
  prepare<Row>(sql: string): Statement<Row> {
    const cached = this.#prepared.get(sql);
    if (cached) return cached as Statement<Row>;
    const statement = this.db.prepare(sql);
    const counted: Statement<Row> = {
      all: (...params) => {
        this.#executed++;
        return statement.all(...params) as Row[];
      },
      get: (...params) => {
        this.#executed++;
        return statement.get(...params) as Row | undefined;
      },
    };
    this.#prepared.set(sql, counted as Statement<unknown>);
    return counted;
  }

  /** Throws when the database cannot answer (used by the health endpoint). */
  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    this.db.close();
  }
}
