/**
 * The `Db` seam over the store's pg pool: `?` placeholders numbered (`$1`, `$2`, … once per statement text), a
 * transaction on one pooled connection (READ COMMITTED) running its work one round trip per statement, rows locked
 * with `FOR UPDATE`, and named locks as transaction-scoped advisory locks of the store's schema, so two replicas'
 * writers of one kind go one at a time.
 */
import type pg from 'pg';
import { transactionStatements, type Db, type Statement, type Tx, type Work } from '../store/db.ts';
import { inTransaction } from './connection.ts';

const MAX_STATEMENTS = 500;

/** A statement's `?` placeholders as PostgreSQL's `$1`, `$2`, … (the statements hold no `?` of their own). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function postgresDb(pool: pg.Pool, schema: string): Db {
  const texts = new Map<string, string>();
  const numbered = (sql: string): string => {
    let text = texts.get(sql);
    if (text === undefined) {
      if (texts.size >= MAX_STATEMENTS) texts.clear();
      texts.set(sql, (text = numberedPlaceholders(sql)));
    }
    return text;
  };
  const execute = async (on: pg.Pool | pg.PoolClient, { kind, sql, params }: Statement): Promise<unknown> => {
    if (kind === 'exec') return void (await on.query(sql));
    if (kind === 'lock') return void (await on.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`govgraph-${sql}:${schema}`]));
    const result = await on.query(numbered(sql), params as unknown[]);
    return kind === 'all' ? result.rows : kind === 'get' ? result.rows[0] : (result.rowCount ?? 0);
  };
  const dialect = { dialect: 'postgres', jsonEach: (json: string) => `jsonb_array_elements_text(CAST(${json} AS jsonb)) AS value` } as const;
  const tx = transactionStatements(dialect, ' FOR UPDATE');
  const run = <T>(work: (tx: Tx) => Work<T>, begin: string) =>
    inTransaction(pool, async (client) => {
      const steps = work(tx);
      let step = steps.next();
      while (!step.done) {
        let result: unknown;
        try {
          result = await execute(client, step.value);
        } catch (error) {
          step = steps.throw(error);
          continue;
        }
        step = steps.next(result);
      }
      return step.value;
    }, begin);
  return {
    ...dialect,
    where: `(PostgreSQL schema ${schema})`,
    all: (sql, params = []) => execute(pool, { kind: 'all', sql, params }) as Promise<never>,
    get: (sql, params = []) => execute(pool, { kind: 'get', sql, params }) as Promise<never>,
    run: (sql, params = []) => execute(pool, { kind: 'run', sql, params }) as Promise<number>,
    transaction: (work) => run(work, 'BEGIN'),
    snapshot: (work) => run(work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
  };
}
