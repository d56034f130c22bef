/**
 * The schema registry: every version a department published, in order, with what it changed. Versions are
 * append-only (a rollback is a new version that republishes an old schema), so the history a department or an
 * auditor reads is the history that was served. Asynchronous although the embedded SQLite store works
 * synchronously, so a PostgreSQL registry can replace it without changing a caller.
 */

/** One change between two supergraphs, as `schema/publish` computes it and the registry keeps it. */
export interface RecordedChange {
  /** e.g. `FIELD_REMOVED`, `LEVEL_TIGHTENED`, `FIELD_ADDED`. */
  kind: string;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`. */
  coordinate: string;
  breaking: boolean;
  /** One sentence, e.g. `Enterprise.businessScope was removed`. */
  description: string;
}

export interface NewSchemaVersion {
  department: string;
  /** The department's own SDL as published (its schema.graphql), without the sharing spec the kit appends. */
  sdl: string;
  /** The routing URL the supergraph names for the department. */
  url: string;
  /** The whole supergraph this publish produced, so a gateway (or a rollback) can read it from the store. */
  supergraphSdl: string;
  /** Who published: a person or a pipeline. */
  actor: string;
  /** Why; required by the publish command when the change is breaking. */
  reason: string | null;
  /** Every change against the supergraph served before, breaking or not. */
  changes: RecordedChange[];
  /** The version this one republishes (`--rollback`), else null. */
  rollbackOf: number | null;
}

export interface SchemaVersion extends NewSchemaVersion {
  /** 1, 2, 3… per department, without gaps. */
  version: number;
  /** sha256 (hex) of `sdl`. */
  schemaHash: string;
  /** sha256 (hex) of `supergraphSdl`. */
  supergraphHash: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** Order of publication across every department (1, 2, 3…). */
  sequence: number;
}

export interface SchemaVersionStore {
  /** Records `next` as the department's next version (latest + 1) and returns it. */
  record(next: NewSchemaVersion): Promise<SchemaVersion>;
  /** The department's latest version, or null when it never published. */
  latest(department: string): Promise<SchemaVersion | null>;
  /** One version of a department, or null. */
  get(department: string, version: number): Promise<SchemaVersion | null>;
  /** Versions oldest first: one department's, or every department's in publication order. */
  list(department?: string): Promise<SchemaVersion[]>;
  /** The most recently published version of any department: its `supergraphSdl` is the supergraph to serve. */
  newest(): Promise<SchemaVersion | null>;
  /** Latest version number per department that published (for the catalogue's `versionOf`). */
  latestVersions(): Promise<Map<string, number>>;
}
