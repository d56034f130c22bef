/**
 * How a stored `schema_versions` row reads as a `SchemaVersion`, for the SQLite and the PostgreSQL registries
 * alike; `changes` is decoded by the registry (PostgreSQL's jsonb arrives parsed, SQLite's text does not).
 */
import type { RecordedChange, SchemaVersion } from './types.ts';

export interface SchemaVersionRow {
  sequence: number;
  department: string;
  version: number;
  schema_hash: string;
  sdl: string;
  url: string;
  supergraph: string;
  supergraph_hash: string;
  published_at: string;
  actor: string;
  reason: string | null;
  changes: RecordedChange[];
  rollback_of: number | null;
}

export const SCHEMA_VERSION_COLUMNS =
  `sequence, department, version, schema_hash, sdl, url, supergraph, supergraph_hash, published_at, actor, reason, changes, rollback_of`;

export function toSchemaVersion(row: SchemaVersionRow): SchemaVersion {
  return {
    sequence: row.sequence,
    department: row.department,
    version: row.version,
    schemaHash: row.schema_hash,
    sdl: row.sdl,
    url: row.url,
    supergraphSdl: row.supergraph,
    supergraphHash: row.supergraph_hash,
    publishedAt: row.published_at,
    actor: row.actor,
    reason: row.reason,
    changes: row.changes,
    rollbackOf: row.rollback_of,
  };
}
