/**
 * Opens the platform store's SQLite file (creating it and its folder when missing) and brings its schema up to
 * date. WAL lets the gateway's per-request reads run while another process writes; NORMAL synchronous is safe
 * under WAL (a power loss may drop the last commits, never corrupt the file); the busy timeout makes a writer
 * wait for another process's write instead of failing at once; foreign keys are off by default in SQLite and
 * must be switched on per connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations, PLATFORM_MIGRATIONS, type Migration, type MigrationResult } from './migrations.ts';
import type { Db } from './db.ts';
import { sqliteDb } from './sqliteDb.ts';

export interface SqliteOptions {
  /** Path of the SQLite file. Required; created (with its folder) when missing. */
  file: string;
  /** How long a statement waits for another connection's write lock, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  /** The schema history to apply. Default `PLATFORM_MIGRATIONS`; tests pass their own. */
  migrations?: readonly Migration[];
}

export interface SqliteDatabase {
  db: Database.Database;
  /** The same connection as the stores' seam. */
  sql: Db;
  migrations: MigrationResult;
}

const KNOWN_OPTIONS = new Set(['file', 'busyTimeoutMs', 'migrations']);

export async function openSqlite(options: SqliteOptions): Promise<SqliteDatabase> {
  const db = connectSqlite(options);
  const sql = sqliteDb(db);
  try {
    return { db, sql, migrations: await applyMigrations(sql, options.migrations ?? PLATFORM_MIGRATIONS) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A connection with the pragmas above, its schema left as it is (for a process whose store was opened and migrated already). */
export function connectSqlite(options: SqliteOptions): Database.Database {
  validateSqliteOptions(options);
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function validateSqliteOptions(options: SqliteOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Platform store: options must be an object with at least `file`.');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new TypeError(`Platform store: unknown option \`${key}\` (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
    }
  }
  if (typeof options.file !== 'string' || options.file.trim() === '') {
    throw new TypeError('Platform store: option `file` is required (path of the SQLite database).');
  }
  const timeout = options.busyTimeoutMs;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
    throw new TypeError(`Platform store: option \`busyTimeoutMs\` must be a non-negative integer (milliseconds); got ${String(timeout)}.`);
  }
  if (options.migrations !== undefined && !Array.isArray(options.migrations)) {
    throw new TypeError('Platform store: option `migrations` must be an array of { version, name, sql }.');
  }
}
