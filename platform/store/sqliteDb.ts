/**
 * The `Db` seam over one better-sqlite3 connection. Statements run synchronously (prepared once per text) and
 * resolve at once; a transaction's work runs to its end inside one IMMEDIATE transaction, synchronously, so the
 * writer lock is never held across a turn of the event loop.
 */
import type Database from 'better-sqlite3';
import { transactionStatements, type Db, type Statement, type Tx, type Work } from './db.ts';

/** Prepared statements kept per connection; the platform's statements are a fixed set, so this is only a backstop. */
const MAX_STATEMENTS = 500;

export function sqliteDb(database: Database.Database): Db {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statements.set(sql, (statement = database.prepare(sql)));
    }
    return statement;
  };
  const execute = ({ kind, sql, params }: Statement): unknown => {
    if (kind === 'all') return prepared(sql).all(...params);
    if (kind === 'get') return prepared(sql).get(...params);
    if (kind === 'run') return prepared(sql).run(...params).changes;
    if (kind === 'exec') database.exec(sql);
    return undefined; // 'lock': the IMMEDIATE transaction already holds the only write lock
  };
  const dialect = { dialect: 'sqlite', jsonEach: (json: string) => `json_each(${json})` } as const;
  const tx = transactionStatements(dialect, '');
  const inTransaction = database.transaction((work: (tx: Tx) => Work<unknown>) => {
    const steps = work(tx);
    let step = steps.next();
    while (!step.done) {
      let result: unknown;
      try {
        result = execute(step.value);
      } catch (error) {
        step = steps.throw(error);
        continue;
      }
      step = steps.next(result);
    }
    return step.value;
  });
  const settle = <T>(run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    ...dialect,
    where: database.name,
    all: (sql, params = []) => settle(() => execute({ kind: 'all', sql, params }) as never),
    get: (sql, params = []) => settle(() => execute({ kind: 'get', sql, params }) as never),
    run: (sql, params = []) => settle(() => execute({ kind: 'run', sql, params }) as number),
    transaction: <T>(work: (tx: Tx) => Work<T>) => settle(() => inTransaction.immediate(work) as T),
    // Deferred: a WAL reader's snapshot, taken at its first read, without the writer lock.
    snapshot: <T>(work: (tx: Tx) => Work<T>) => settle(() => inTransaction.deferred(work) as T),
  };
}
