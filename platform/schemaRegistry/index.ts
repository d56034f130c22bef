/** The schema registry: published versions of each department's subgraph (see types.ts). */
export { PlatformSchemaVersions, sha256, type PlatformSchemaVersionsOptions } from './platformSchemaVersions.ts';
export type { NewSchemaVersion, RecordedChange, SchemaVersion, SchemaVersionStore } from './types.ts';
export { createVersionLookup, type VersionLookup, type VersionLookupOptions } from './versionLookup.ts';
