/**
 * The sharing platform's own state, opened in one place and passed to whoever needs it. Callers see only
 * asynchronous stores; which database answers (SQLite in the embedded default, PostgreSQL when `databaseUrl` is
 * given: several gateway replicas sharing one store) is decided here.
 */
import type Database from 'better-sqlite3';
import type { AgreementStore } from './agreements/types.ts';
import { PlatformAgreementStore } from './agreements/platformAgreementStore.ts';
import { SqliteAuditTrail, type SqliteAuditTrailOptions } from './audit/sqliteAuditTrail.ts';
import type { AuditTrail } from './audit/trail.ts';
import { connectSqlite, openSqlite } from './store/sqlite.ts';
import { PlatformApplicationRecords } from './workflow/platformApplications.ts';
import { PlatformDisputeRecords } from './workflow/platformDisputes.ts';
import { PlatformObjectionRecords } from './workflow/platformObjections.ts';
import { verifyTrail, type VerifyOptions, type VerifyResult } from './audit/verify.ts';
import type { AgreementCacheOptions } from './postgres/agreementCache.ts';
import { openPostgresStore } from './postgres/openPostgresStore.ts';
import { PlatformSchemaVersions } from './schemaRegistry/platformSchemaVersions.ts';
import type { SchemaVersionStore } from './schemaRegistry/types.ts';
import type { WorkflowRecords } from './workflow/types.ts';

export interface PlatformStoreOptions {
  /** Path of the SQLite file; created, with its folder and schema, when missing. Required unless `databaseUrl` is given. */
  file?: string;
  /**
   * A PostgreSQL URL (`postgres://user@host:5432/db[?schema=name]`, DATABASE_URL in the commands): the store lives
   * there instead of in `file`, its migrations applied on open. Default none (SQLite).
   */
  databaseUrl?: string;
  /** With `databaseUrl`: the schema holding the store (created when missing). Default the URL's `?schema=`, else `public`. */
  schema?: string;
  /** How long a write waits for another process's write, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  /** The clock for reported statuses (EXPIRED) and history timestamps. Default `() => new Date()`. */
  now?: () => Date;
  /** Group commit and sealing of the audit trail (see `SqliteAuditTrailOptions`). Default: no automatic seals. */
  audit?: Omit<SqliteAuditTrailOptions, 'db'>;
  /**
   * PostgreSQL only (a SQLite lookup is a local read and is never cached): serve the gateway's per-request
   * `agreementsFor` from a cache kept true across replicas by LISTEN/NOTIFY and a poll, never older than
   * `maxStalenessMs` (default 1000; see `platform/postgres/agreementCache.ts`). Default off.
   */
  agreementCache?: AgreementCacheOptions | false;
}

export interface PlatformStore {
  agreements: AgreementStore;
  audit: AuditTrail;
  /** Applications, objections and disputes as stored, without rules or audit: use them through `openWorkflow`. */
  workflowRecords: WorkflowRecords;
  /** Published versions of each department's subgraph (`npm run publish`), with the supergraph each produced. */
  schemaVersions: SchemaVersionStore;
  /** Schema version of the database (the last migration applied). */
  schemaVersion: number;
  /** Verifies the audit trail as stored (chain, seals, index rows, truncation); see `verifyTrail`. */
  verifyAudit(options: VerifyOptions): Promise<VerifyResult>;
  /** Where the store is, for messages: the SQLite file, or PostgreSQL `host:port/database schema name` (no credentials). */
  location: string;
  close(): Promise<void>;
}

const KNOWN_OPTIONS = new Set(['file', 'databaseUrl', 'schema', 'busyTimeoutMs', 'now', 'audit', 'agreementCache']);

export async function openPlatformStore(options: PlatformStoreOptions): Promise<PlatformStore> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('openPlatformStore: options must be an object with `file` (SQLite) or `databaseUrl` (PostgreSQL).');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new TypeError(`openPlatformStore: unknown option \`${key}\` (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
    }
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError('openPlatformStore: option `now` must be a function returning a Date.');
  }
  if (options.databaseUrl !== undefined) {
    if (options.file !== undefined) {
      throw new TypeError('openPlatformStore: give either `file` (SQLite) or `databaseUrl` (PostgreSQL), not both.');
    }
    const { databaseUrl, schema, now, audit, agreementCache } = options;
    return openPostgresStore({ databaseUrl, ...(schema !== undefined && { schema }), ...(now && { now }), ...(audit && { audit }), ...(agreementCache && { agreementCache }) });
  }
  if (options.schema !== undefined) throw new TypeError('openPlatformStore: option `schema` applies to PostgreSQL only; give `databaseUrl` too.');
  const { db, sql, migrations } = await openSqlite({
    file: options.file!,
    ...(options.busyTimeoutMs !== undefined && { busyTimeoutMs: options.busyTimeoutMs }),
  });
  const agreements = new PlatformAgreementStore({ db: sql, ...(options.now && { now: options.now }) });
  let audit: SqliteAuditTrail;
  try {
    audit = await openAuditTrail(options, db);
  } catch (error) {
    db.close();
    throw error;
  }
  const workflowRecords = { applications: new PlatformApplicationRecords(sql), objections: new PlatformObjectionRecords(sql), disputes: new PlatformDisputeRecords(sql) };
  return {
    agreements,
    audit,
    workflowRecords,
    schemaVersions: new PlatformSchemaVersions({ db: sql, ...(options.now && { now: options.now }) }),
    schemaVersion: migrations.version,
    verifyAudit: (verifyOptions) => verifyTrail(audit.db, verifyOptions),
    location: options.file!,
    async close() {
      await audit.close();
      if (audit.db.open) audit.db.close();
      if (db.open) db.close();
    },
  };
}

/** The trail gets a connection of its own: it commits with synchronous = FULL, which the agreements need not pay for. */
async function openAuditTrail(options: PlatformStoreOptions, db: Database.Database): Promise<SqliteAuditTrail> {
  const auditDb = options.file === ':memory:' ? db : connectSqlite({
    file: options.file!,
    ...(options.busyTimeoutMs !== undefined && { busyTimeoutMs: options.busyTimeoutMs }),
  });
  try {
    return await new SqliteAuditTrail({ ...(options.now && { now: options.now }), ...options.audit, db: auditDb }).start();
  } catch (error) {
    if (auditDb !== db) auditDb.close();
    throw error;
  }
}
