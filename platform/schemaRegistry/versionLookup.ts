/**
 * The latest published version of each department, answered synchronously from a snapshot that follows the
 * store: what the catalogue's `versionOf(department)` hook needs (it is computed inside a synchronous read of the
 * supergraph). Publish records a version before it writes the supergraph file, so a snapshot refreshed after the
 * file changed already holds it; the snapshot is refreshed every `refreshMs` and on `refresh()`. A department that
 * never published answers null (the catalogue then falls back to its content hash).
 */
import type { SchemaVersionStore } from './types.ts';

export interface VersionLookupOptions {
  store: Pick<SchemaVersionStore, 'latestVersions'>;
  /** How often the snapshot is refreshed, in milliseconds; 0 for never (call `refresh()`). Default 1000. */
  refreshMs?: number;
  /** Told when a refresh fails (the previous snapshot stays). Default: a line on stderr. */
  onError?: (error: Error) => void;
}

export interface VersionLookup {
  /** `v<number>` of the department's latest published version, or null when it never published. */
  versionOf(department: string): string | null;
  /** Reads the store now. */
  refresh(): Promise<void>;
  /** Stops the periodic refresh. */
  close(): void;
}

/** Resolves once the first snapshot is read, so the first `versionOf` is already current. */
export async function createVersionLookup(options: VersionLookupOptions): Promise<VersionLookup> {
  const refreshMs = options.refreshMs ?? 1000;
  if (!Number.isInteger(refreshMs) || refreshMs < 0) throw new TypeError('createVersionLookup: `refreshMs` must be a non-negative integer.');
  const onError = options.onError ?? ((error) => console.error(`[platform] keeping the previous schema versions: ${error.message}`));
  let versions = await options.store.latestVersions();
  const refresh = async () => {
    versions = await options.store.latestVersions();
  };
  const timer = refreshMs > 0 ? setInterval(() => refresh().catch((error: Error) => onError(error)), refreshMs) : null;
  timer?.unref();
  return {
    versionOf: (department) => {
      const version = versions.get(department);
      return version === undefined ? null : `v${version}`;
    },
    refresh,
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}
