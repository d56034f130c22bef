/**
 * The platform store tests run against both stores: SQLite (a fresh file per test) and PostgreSQL (a fresh
 * schema per test in database `test` at 127.0.0.1:5432, or GOVGRAPH_TEST_DATABASE_URL). `forEachStore` wraps a
 * suite in one describe per store. When PostgreSQL cannot be reached the PostgreSQL suites are skipped with the
 * reason, except in CI (env CI set), where that is an error: CI must run the PostgreSQL variant.
 *
 * A location also gives the raw access a test needs to play the part of someone with write access to the
 * database (tamper: the append-only triggers dropped), to count rows, and to verify the trail as stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe } from 'vitest';

export const TEST_DATABASE_URL = process.env.GOVGRAPH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreKind = 'sqlite' | 'postgres';

/** Where one test's store lives. `?` placeholders in every statement, for both stores. */
export interface StoreLocation {
  kind: StoreKind;
  /** Spread into `openPlatformStore`. */
  options: { file: string } | { databaseUrl: string; schema: string };
  /** What the store names itself by in messages (the file, or `host:port/db schema name`). */
  location: string;
  /** Runs statements as the database owner, with the append-only triggers dropped first. */
  tamper(sql: string, ...params: unknown[]): Promise<void>;
  /** Runs statements as they are (no triggers dropped). */
  exec(sql: string, ...params: unknown[]): Promise<void>;
  /** The first column of the first row. */
  value(sql: string, ...params: unknown[]): Promise<unknown>;
  /** Every row, as objects. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
}

export interface StoreUnderTest {
  kind: StoreKind;
  fresh(): StoreLocation;
}

const SQLITE_GUARDS = ['audit_records_append_only_update', 'audit_records_append_only_delete', 'audit_seals_append_only_update', 'audit_seals_append_only_delete', 'audit_head_only_forward'];
const POSTGRES_GUARDS = [
  'audit_records_append_only ON audit_records', 'audit_records_no_truncate ON audit_records', 'audit_seals_append_only ON audit_seals',
  'audit_seals_no_truncate ON audit_seals', 'audit_head_only_forward ON audit_head',
];

function sqliteStore(): StoreUnderTest {
  let dir: string | null = null;
  let count = 0;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const withDb = <T>(file: string, work: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    fresh() {
      dir ??= mkdtempSync(join(tmpdir(), 'govgraph-store-'));
      const file = join(dir, `store-${++count}`, 'platform.sqlite');
      const run = (db: Database.Database, sql: string, params: unknown[]) => (params.length > 0 ? db.prepare(sql).run(...params) : db.exec(sql));
      return {
        kind: 'sqlite',
        options: { file },
        location: file,
        async tamper(sql, ...params) {
          withDb(file, (db) => {
            for (const trigger of SQLITE_GUARDS) db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
            run(db, sql, params);
          });
        },
        async exec(sql, ...params) {
          withDb(file, (db) => run(db, sql, params));
        },
        async value(sql, ...params) {
          return withDb(file, (db) => db.prepare(sql).pluck().get(...params));
        },
        async rows<T>(sql: string, ...params: unknown[]) {
          return withDb(file, (db) => db.prepare(sql).all(...params) as T[]);
        },
      };
    },
  };
}

function postgresStore(): StoreUnderTest {
  // bigint (count(*), sequences) as numbers, as the store itself reads them.
  const getTypeParser = ((oid: number, format?: 'text') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, types: { getTypeParser } });
  pool.on('error', () => {});
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });
  let count = 0;
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    kind: 'postgres',
    fresh() {
      const schema = `govgraph_test_${process.pid}_${++count}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      const inSchema = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
        const client = await pool.connect();
        try {
          await client.query(`SET search_path = ${schema}`);
          return await work(client);
        } finally {
          await client.query('RESET search_path').catch(() => {});
          client.release();
        }
      };
      const run = (client: pg.PoolClient, sql: string, params: unknown[]) => client.query(params.length > 0 ? numbered(sql) : sql, params);
      const url = new URL(TEST_DATABASE_URL);
      return {
        kind: 'postgres',
        options: { databaseUrl: TEST_DATABASE_URL, schema },
        location: `${url.hostname}:${url.port || 5432}${url.pathname} schema ${schema}`,
        async tamper(sql, ...params) {
          await inSchema(async (client) => {
            for (const trigger of POSTGRES_GUARDS) await client.query(`DROP TRIGGER IF EXISTS ${trigger}`);
            await run(client, sql, params);
          });
        },
        async exec(sql, ...params) {
          await inSchema((client) => run(client, sql, params));
        },
        async value(sql, ...params) {
          const { rows } = await inSchema((client) => client.query({ text: numbered(sql), values: params, rowMode: 'array' }));
          return (rows[0] as unknown[] | undefined)?.[0];
        },
        async rows<T>(sql: string, ...params: unknown[]) {
          return (await inSchema((client) => client.query({ text: numbered(sql), values: params }))).rows as T[];
        },
      };
    },
  };
}

/** Whether PostgreSQL answers; null when it does, else why not. */
async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await postgresProblem();
if (unreachable && process.env.CI) {
  throw new Error(
    `PostgreSQL is unreachable at ${new URL(TEST_DATABASE_URL).host} (${unreachable}); CI runs the platform store tests against it. ` +
      'Start it (pg_ctlcluster 15 main start) or set GOVGRAPH_TEST_DATABASE_URL.',
  );
}
if (unreachable) {
  console.warn(`[platform stores] PostgreSQL unreachable at ${new URL(TEST_DATABASE_URL).host} (${unreachable}): the PostgreSQL variants are SKIPPED.`);
}

/** Whether the PostgreSQL variants run in this process. */
export const postgresAvailable = unreachable === null;

/** Defines `suite` once per store, in a describe named after it; the PostgreSQL one skipped (locally) when unreachable. */
export function forEachStore(suite: (store: StoreUnderTest) => void): void {
  describe('sqlite', () => suite(sqliteStore()));
  if (postgresAvailable) describe('postgres', () => suite(postgresStore()));
  // Off CI a developer may have no PostgreSQL: the SQLite half still runs and the skip names why (see the warning
  // above). In CI (`CI` set, as .ci/run sets it) an unreachable server throws at import instead, so nothing is skipped there.
  else describe.skip(`postgres (skipped: PostgreSQL unreachable: ${unreachable})`, () => suite(postgresStore()));
}

/** A fresh PostgreSQL schema outside `forEachStore` (for PostgreSQL-only tests); dropped after the file. */
export function postgresLocations(): StoreUnderTest {
  return postgresStore();
}
