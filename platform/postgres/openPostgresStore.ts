/**
 * Opens the platform store in PostgreSQL: connects (one pool for the process), applies the migrations (safe when
 * replicas start together), and returns the same asynchronous stores as the SQLite platform store. Chosen by
 * `openPlatformStore` when it is given `databaseUrl`.
 */
import type pg from 'pg';
import type { PlatformStore } from '../platformStore.ts';
import { CachedAgreementStore, type AgreementCacheOptions } from './agreementCache.ts';
import { connectPostgres, type PostgresConnectionOptions } from './connection.ts';
import { PlatformAgreementStore } from '../agreements/platformAgreementStore.ts';
import { PlatformSchemaVersions } from '../schemaRegistry/platformSchemaVersions.ts';
import { PlatformApplicationRecords } from '../workflow/platformApplications.ts';
import { PlatformDisputeRecords } from '../workflow/platformDisputes.ts';
import { PlatformObjectionRecords } from '../workflow/platformObjections.ts';
import { checkVerifyOptions, rangedIndexRows, verifyStore } from '../audit/verify.ts';
import { applyMigrations } from '../store/migrations.ts';
import type { Db } from '../store/db.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { postgresDb } from './postgresDb.ts';
import { PostgresAuditTrail, type PostgresAuditTrailOptions } from './pgAuditTrail.ts';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  now?: () => Date;
  audit?: Omit<PostgresAuditTrailOptions, 'pool'>;
  /**
   * Serve `agreements.agreementsFor` from an in-process cache kept true by LISTEN/NOTIFY and a poll (see
   * `CachedAgreementStore`): for gateways. Default off: every lookup reads the database.
   */
  agreementCache?: AgreementCacheOptions | false;
}

/** The platform store, with its pool. */
export interface PostgresPlatformStore extends PlatformStore {
  /** The pool, for tests and tools that need plain SQL on the store. */
  pool: pg.Pool;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresPlatformStore> {
  const { pool, clientConfig, schema, where } = connectPostgres(options);
  let audit: PostgresAuditTrail | null = null;
  try {
    const db = postgresDb(pool, schema);
    const migrations = await migrate(db, schema).catch((error: unknown) => {
      throw unreachable(error, where);
    });
    const trail = (audit = await new PostgresAuditTrail({ ...(options.now && { now: options.now }), ...options.audit, pool }, db).start());
    const stored = new PlatformAgreementStore({ db, ...(options.now && { now: options.now }) });
    const cache = options.agreementCache
      ? await new CachedAgreementStore({ ...options.agreementCache, store: stored, pool, schema, listener: { ...clientConfig, application_name: `govgraph agreements ${schema}`.slice(0, 63) } }).start()
      : null;
    let closed = false;
    return {
      agreements: cache ?? stored,
      audit: trail,
      workflowRecords: { applications: new PlatformApplicationRecords(db), objections: new PlatformObjectionRecords(db), disputes: new PlatformDisputeRecords(db) },
      schemaVersions: new PlatformSchemaVersions({ db, ...(options.now && { now: options.now }) }),
      schemaVersion: migrations.version,
      verifyAudit: async (verifyOptions) => {
        checkVerifyOptions(verifyOptions, 'verifyAudit');
        return verifyStore(db, verifyOptions, rangedIndexRows());
      },
      location: `${where} schema ${schema}`,
      pool,
      async close() {
        if (closed) return;
        closed = true;
        await cache?.close();
        await trail.close();
        if (!pool.ended) await pool.end();
      },
    };
  } catch (error) {
    await audit?.close().catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
}

/** The schema created (under the migrations lock: two replicas creating it at once would collide), then migrated. */
async function migrate(db: Db, schema: string) {
  await db.transaction(function* (tx) {
    yield* tx.lock('migrations');
    yield* tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  });
  return applyMigrations(db, POSTGRES_MIGRATIONS);
}

/** A connection failure says where and what to check; a migration error passes through as it is. */
function unreachable(error: unknown, where: string): unknown {
  const code = (error as { code?: string })?.code;
  if (code && ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000', '3D000'].includes(code)) {
    return new Error(
      `Platform store: cannot reach PostgreSQL at ${where} (${(error as Error).message}). ` +
        'Check DATABASE_URL (host, port, database, user, password) and that the server accepts connections (pg_isready).',
      { cause: error },
    );
  }
  if (error instanceof Error && error.message.startsWith('timeout exceeded when trying to connect')) {
    return new Error(`Platform store: PostgreSQL at ${where} did not answer within 5 s. Check DATABASE_URL and the server.`, { cause: error });
  }
  return error;
}
