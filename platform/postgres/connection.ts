/**
 * Connects to the PostgreSQL platform store: one pool per process, every connection with its `search_path` set
 * to the store's schema, so one database can hold several stores (a test per schema, a staging store beside
 * production). The schema comes from the `schema` option or a `?schema=` parameter of the URL (the option wins);
 * default `public`. Connection strings are never echoed in errors: they may hold a password.
 */
import pg from 'pg';

export interface PostgresConnectionOptions {
  /** `postgres://user[:password]@host[:port]/database[?schema=name]`. Required. */
  databaseUrl: string;
  /** The schema holding the store's tables; created when missing. Default the URL's `?schema=`, else `public`. */
  schema?: string;
  /** Most connections this process opens. Default 10. */
  maxConnections?: number;
}

export interface PostgresConnection {
  pool: pg.Pool;
  /** The pool's connection settings, for a connection of its own (the agreement cache's listener). */
  clientConfig: pg.ClientConfig;
  schema: string;
  /** Host, port and database, without credentials: for messages. */
  where: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function connectPostgres(options: PostgresConnectionOptions): PostgresConnection {
  const { databaseUrl } = options;
  if (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl) || !URL.canParse(databaseUrl)) {
    throw new TypeError('Platform store: `databaseUrl` (DATABASE_URL) must be a postgres:// or postgresql:// URL, e.g. postgres://govgraph@db.internal:5432/govgraph.');
  }
  const url = new URL(databaseUrl);
  // node-pg, unlike psql, falls back to USER only: without it the server answers with a protocol error deep in pg.
  if (url.username === '' && !process.env.PGUSER && !process.env.USER) {
    throw new TypeError(
      `Platform store: DATABASE_URL names no user, and neither PGUSER nor USER is set (node-pg, unlike psql, has no other default): add one, e.g. postgres://govgraph@${url.host || '127.0.0.1:5432'}${url.pathname}.`,
    );
  }
  const schema = options.schema ?? url.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`Platform store: the PostgreSQL schema must be a lower-case identifier (letters, digits, _; at most 63); got "${schema}".`);
  }
  url.searchParams.delete('schema');
  const max = options.maxConnections ?? 10;
  if (!Number.isInteger(max) || max < 2) {
    throw new TypeError(`Platform store: option \`maxConnections\` must be an integer of at least 2; got ${String(max)}.`);
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: url.toString(),
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5_000,
    application_name: 'govgraph',
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  };
  const pool = new pg.Pool({ ...clientConfig, max, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server must not crash the process; the next query gets a new one.
  pool.on('error', () => {});
  return { pool, clientConfig, schema, where: `${url.hostname}:${url.port || 5432}${url.pathname}` };
}

/** bigint columns (sequences, counters, ids) as numbers: they stay far below 2^53. */
function typeParser(oid: number, format?: string): unknown {
  if (oid === pg.types.builtins.INT8 && format !== 'binary') return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

/**
 * Runs `work` in one transaction on one connection; rolls back and rethrows on any error. `begin` is the statement
 * that opens it, or null when `work` sends it itself (to save a round trip).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin: string | null = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    if (begin) await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
