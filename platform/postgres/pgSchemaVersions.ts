/**
 * The schema registry in the PostgreSQL platform store (table `schema_versions`), with the SQLite registry's
 * answers (`platform/schemaRegistry/sqliteSchemaVersions.ts`). Publishing locks the table for its transaction, so
 * two publishes from two processes get versions 1 and 2, never 1 twice; a trigger keeps versions append-only.
 */
import type pg from 'pg';
import { sha256 } from '../schemaRegistry/sqliteSchemaVersions.ts';
import { SCHEMA_VERSION_COLUMNS, toSchemaVersion, type SchemaVersionRow } from '../schemaRegistry/rows.ts';
import type { NewSchemaVersion, SchemaVersion, SchemaVersionStore } from '../schemaRegistry/types.ts';
import { inTransaction } from './connection.ts';

export class PostgresSchemaVersions implements SchemaVersionStore {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(options: { pool: pg.Pool; now?: () => Date }) {
    this.#pool = options.pool;
    this.#now = options.now ?? (() => new Date());
  }

  async record(next: NewSchemaVersion): Promise<SchemaVersion> {
    validate(next);
    const row = await inTransaction(this.#pool, async (client) => {
      await client.query('LOCK TABLE schema_versions IN SHARE ROW EXCLUSIVE MODE');
      const { rows: [found] } = await client.query<{ latest: number }>(
        'SELECT coalesce(max(version), 0) AS latest FROM schema_versions WHERE department = $1', [next.department],
      );
      const latest = found!.latest;
      const { rows } = await client.query<SchemaVersionRow>(
        `INSERT INTO schema_versions (department, version, schema_hash, sdl, url, supergraph, supergraph_hash, published_at, actor, reason, changes, rollback_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${SCHEMA_VERSION_COLUMNS}`,
        [next.department, latest + 1, sha256(next.sdl), next.sdl, next.url, next.supergraphSdl, sha256(next.supergraphSdl),
          this.#now().toISOString(), next.actor, next.reason, JSON.stringify(next.changes), next.rollbackOf],
      );
      return rows[0]!;
    });
    return toSchemaVersion(row);
  }

  async latest(department: string): Promise<SchemaVersion | null> {
    return this.#one(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = $1 ORDER BY version DESC LIMIT 1`, [department]);
  }

  async get(department: string, version: number): Promise<SchemaVersion | null> {
    return this.#one(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = $1 AND version = $2`, [department, version]);
  }

  async list(department?: string): Promise<SchemaVersion[]> {
    const { rows } = department === undefined
      ? await this.#pool.query<SchemaVersionRow>(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions ORDER BY sequence`)
      : await this.#pool.query<SchemaVersionRow>(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions WHERE department = $1 ORDER BY version`, [department]);
    return rows.map(toSchemaVersion);
  }

  async newest(): Promise<SchemaVersion | null> {
    return this.#one(`SELECT ${SCHEMA_VERSION_COLUMNS} FROM schema_versions ORDER BY sequence DESC LIMIT 1`, []);
  }

  async latestVersions(): Promise<Map<string, number>> {
    const { rows } = await this.#pool.query<{ department: string; version: number }>(
      'SELECT department, max(version) AS version FROM schema_versions GROUP BY department ORDER BY department',
    );
    return new Map(rows.map((r) => [r.department, r.version]));
  }

  async #one(sql: string, params: unknown[]): Promise<SchemaVersion | null> {
    const { rows } = await this.#pool.query<SchemaVersionRow>(sql, params);
    return rows[0] ? toSchemaVersion(rows[0]) : null;
  }
}

function validate(next: NewSchemaVersion): void {
  const missing = (['department', 'sdl', 'url', 'supergraphSdl', 'actor'] as const).filter(
    (key) => typeof next[key] !== 'string' || next[key].trim() === '',
  );
  if (missing.length > 0) throw new TypeError(`schemaVersions.record: ${missing.join(', ')} must be non-empty strings.`);
  if (!Array.isArray(next.changes)) throw new TypeError('schemaVersions.record: changes must be an array (empty when nothing changed).');
  if (next.rollbackOf !== null && !(Number.isInteger(next.rollbackOf) && next.rollbackOf >= 1)) {
    throw new TypeError('schemaVersions.record: rollbackOf must be a version number (1, 2, …) or null.');
  }
}
