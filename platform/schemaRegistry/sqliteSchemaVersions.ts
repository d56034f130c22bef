/**
 * The schema registry in the platform store's SQLite file (table `schema_versions`, see the migrations). The next
 * version number is taken inside the write transaction (IMMEDIATE), so two publishes of one department from two
 * processes get 1 and 2, never 1 twice.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SCHEMA_VERSION_COLUMNS, toSchemaVersion, type SchemaVersionRow } from './rows.ts';
import type { NewSchemaVersion, RecordedChange, SchemaVersion, SchemaVersionStore } from './types.ts';

export interface SqliteSchemaVersionsOptions {
  db: Database.Database;
  /** The clock for `publishedAt`. Default `() => new Date()`. */
  now?: () => Date;
}

/** A row as SQLite returns it, its changes still JSON text. */
interface Row extends Omit<SchemaVersionRow, 'changes'> {
  changes: string;
}

export class SqliteSchemaVersions implements SchemaVersionStore {
  readonly #db: Database.Database;
  readonly #now: () => Date;

  constructor(options: SqliteSchemaVersionsOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
  }

  async record(next: NewSchemaVersion): Promise<SchemaVersion> {
    validate(next);
    const insert = this.#db.transaction(() => {
      const { latest } = this.#db
        .prepare('SELECT coalesce(max(version), 0) AS latest FROM schema_versions WHERE department = ?')
        .get(next.department) as { latest: number };
      const row = this.#db
        .prepare(
          `INSERT INTO schema_versions (department, version, schema_hash, sdl, url, supergraph, supergraph_hash, published_at, actor, reason, changes, rollback_of)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${SCHEMA_VERSION_COLUMNS}`,
        )
        .get(
          next.department,
          latest + 1,
          sha256(next.sdl),
          next.sdl,
          next.url,
          next.supergraphSdl,
          sha256(next.supergraphSdl),
          this.#now().toISOString(),
          next.actor,
          next.reason,
          JSON.stringify(next.changes),
          next.rollbackOf,
        ) as Row;
      return row;
    });
    return fromRow(insert.immediate());
  }

  async latest(department: string): Promise<SchemaVersion | null> {
    const row = this.#db
      .prepare(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = ? ORDER BY version DESC LIMIT 1`)
      .get(department) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  async get(department: string, version: number): Promise<SchemaVersion | null> {
    const row = this.#db
      .prepare(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = ? AND version = ?`)
      .get(department, version) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  async list(department?: string): Promise<SchemaVersion[]> {
    const rows = (
      department === undefined
        ? this.#db.prepare(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions ORDER BY sequence`).all()
        : this.#db.prepare(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = ? ORDER BY version`).all(department)
    ) as Row[];
    return rows.map(fromRow);
  }

  async newest(): Promise<SchemaVersion | null> {
    const row = this.#db.prepare(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions ORDER BY sequence DESC LIMIT 1`).get() as Row | undefined;
    return row ? fromRow(row) : null;
  }

  async latestVersions(): Promise<Map<string, number>> {
    const rows = this.#db
      .prepare('SELECT department, max(version) AS version FROM schema_versions GROUP BY department ORDER BY department')
      .all() as { department: string; version: number }[];
    return new Map(rows.map((r) => [r.department, r.version]));
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function validate(next: NewSchemaVersion): void {
  const missing = (['department', 'sdl', 'url', 'supergraphSdl', 'actor'] as const).filter(
    (key) => typeof next[key] !== 'string' || next[key].trim() === '',
  );
  if (missing.length > 0) {
    throw new TypeError(`schemaVersions.record: ${missing.join(', ')} must be non-empty strings.`);
  }
  if (!Array.isArray(next.changes)) throw new TypeError('schemaVersions.record: changes must be an array (empty when nothing changed).');
  if (next.rollbackOf !== null && !(Number.isInteger(next.rollbackOf) && next.rollbackOf >= 1)) {
    throw new TypeError('schemaVersions.record: rollbackOf must be a version number (1, 2, …) or null.');
  }
}

function fromRow(row: Row): SchemaVersion {
  return toSchemaVersion({ ...row, changes: JSON.parse(row.changes) as RecordedChange[] });
}
