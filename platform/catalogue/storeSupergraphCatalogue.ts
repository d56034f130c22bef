/**
 * The catalogue of the supergraph published to the platform store (`npm run publish`), for a platform whose
 * gateways serve `--supergraph store`: the newest published supergraph is read at start and polled every
 * `refreshMs`, as the gateway polls it; a new one that cannot be parsed leaves the previous catalogue in use and is
 * reported once. While the store holds no published supergraph, the catalogue is read from `fallbackFile`.
 */
import { openSupergraphCatalogue, type SupergraphCatalogue } from './supergraphCatalogue.ts';
import { readPublishedCatalogue, versionedView, type PublishedCatalogue, type PublishedCatalogueOptions } from './publishedCatalogue.ts';

/** The newest published supergraph (platform/schemaRegistry `SchemaVersionStore.newest`). */
export interface PublishedSupergraphs {
  newest(): Promise<{ supergraphSdl: string; department: string; version: number; sequence: number } | null>;
}

export interface StoreSupergraphCatalogueOptions extends PublishedCatalogueOptions {
  /** The platform store's published versions (`PlatformStore.schemaVersions`). Required. */
  store: PublishedSupergraphs;
  /** The supergraph file read while nothing is published (e.g. the committed schema/supergraph.graphql). Required. */
  fallbackFile: string;
  /** How often the store is asked for a newer supergraph, in milliseconds. Default 1,000; 0 never (tests). */
  refreshMs?: number;
  /** Told when the store cannot be read or a published supergraph cannot be parsed; the previous catalogue stays. Default: stderr. */
  onReloadError?: (error: Error) => void;
}

/** Resolves once the first catalogue is read, so the first `current()` is already the published one. */
export async function openStoreSupergraphCatalogue(options: StoreSupergraphCatalogueOptions): Promise<SupergraphCatalogue & { refresh(): Promise<void> }> {
  if (typeof options?.store?.newest !== 'function') throw new TypeError('openStoreSupergraphCatalogue: option `store` is required (PlatformStore.schemaVersions).');
  const refreshMs = options.refreshMs ?? 1_000;
  if (!Number.isInteger(refreshMs) || refreshMs < 0) throw new TypeError(`openStoreSupergraphCatalogue: option \`refreshMs\` must be a non-negative integer; got ${String(options.refreshMs)}.`);
  const onReloadError = options.onReloadError ?? ((error) => console.error(`[platform] keeping the previous catalogue: ${error.message}`));
  const fallback = openSupergraphCatalogue({ file: options.fallbackFile, onReloadError });
  let published: { sequence: number; catalogue: PublishedCatalogue } | null = null;
  let failedSequence: number | null = null;

  const refresh = async (): Promise<void> => {
    const newest = await options.store.newest();
    if (!newest || newest.sequence === published?.sequence || newest.sequence === failedSequence) return;
    try {
      published = { sequence: newest.sequence, catalogue: readPublishedCatalogue(newest.supergraphSdl) };
      failedSequence = null;
    } catch (error) {
      failedSequence = newest.sequence;
      throw new Error(`Cannot read the catalogue from the supergraph ${newest.department} v${newest.version} published: ${(error as Error).message}`, { cause: error });
    }
  };
  await refresh();
  const timer = refreshMs > 0 ? setInterval(() => refresh().catch((error: Error) => onReloadError(error)), refreshMs) : null;
  timer?.unref();
  const versioned = versionedView(options.versionOf);
  return {
    location: 'store',
    current: () => versioned(published?.catalogue ?? fallback.current()),
    refresh,
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}
