/**
 * The schema registry in the platform store (table `schema_versions`, see the migrations), SQLite or PostgreSQL. The
 * next version number is taken inside the write transaction, under the registry's lock (SQLite's IMMEDIATE
 * transaction, a PostgreSQL advisory lock), so two publishes of one department from two processes get 1 and 2,
 * never 1 twice; a trigger keeps versions append-only.
 */
import { createHash } from 'node:crypto';
import { fromJson, type Db } from '../store/db.ts';
import { SCHEMA_VERSION_COLUMNS, toSchemaVersion, type SchemaVersionRow } from './rows.ts';
import type { NewSchemaVersion, RecordedChange, SchemaVersion, SchemaVersionStore } from './types.ts';

export interface PlatformSchemaVersionsOptions {
  /** The platform store's seam, migrated. Required. */
  db: Db;
  /** The clock for `publishedAt`. Default `() => new Date()`. */
  now?: () => Date;
}

const SELECT = `SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions`;

export class PlatformSchemaVersions implements SchemaVersionStore {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(options: PlatformSchemaVersionsOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
  }

  async record(next: NewSchemaVersion): Promise<SchemaVersion> {
    validate(next);
    const publishedAt = this.#now().toISOString();
    const row = await this.#db.transaction(function* (tx) {
      yield* tx.lock('schema-versions');
      const { latest } = (yield* tx.get<{ latest: number }>('SELECT coalesce(max(version), 0) AS latest FROM schema_versions WHERE department = ?', [next.department]))!;
      return (yield* tx.get<SchemaVersionRow>(
        `INSERT INTO schema_versions (department, version, schema_hash, sdl, url, supergraph, supergraph_hash, published_at, actor, reason, changes, rollback_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${SCHEMA_VERSION_COLUMNS}`,
        [next.department, latest + 1, sha256(next.sdl), next.sdl, next.url, next.supergraphSdl, sha256(next.supergraphSdl),
          publishedAt, next.actor, next.reason, JSON.stringify(next.changes), next.rollbackOf],
      ))!;
    });
    return fromRow(row);
  }

  async latest(department: string): Promise<SchemaVersion | null> {
    return this.#one(`${SELECT} WHERE department = ? ORDER BY version DESC LIMIT 1`, [department]);
  }

  async get(department: string, version: number): Promise<SchemaVersion | null> {
    return this.#one(`${SELECT} WHERE department = ? AND version = ?`, [department, version]);
  }

  async list(department?: string): Promise<SchemaVersion[]> {
    const rows = department === undefined
      ? await this.#db.all<SchemaVersionRow>(`${SELECT} ORDER BY sequence`)
      : await this.#db.all<SchemaVersionRow>(`${SELECT} WHERE department = ? ORDER BY version`, [department]);
    return rows.map(fromRow);
  }

  async newest(): Promise<SchemaVersion | null> {
    return this.#one(`${SELECT} ORDER BY sequence DESC LIMIT 1`, []);
  }

  async latestVersions(): Promise<Map<string, number>> {
    const rows = await this.#db.all<{ department: string; version: number }>(
      'SELECT department, max(version) AS version FROM schema_versions GROUP BY department ORDER BY department',
    );
    return new Map(rows.map((r) => [r.department, r.version]));
  }

  async #one(sql: string, params: unknown[]): Promise<SchemaVersion | null> {
    const row = await this.#db.get<SchemaVersionRow>(sql, params);
    return row ? fromRow(row) : null;
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

function fromRow(row: SchemaVersionRow): SchemaVersion {
  return toSchemaVersion({ ...row, changes: fromJson<RecordedChange[]>(row.changes) });
}
