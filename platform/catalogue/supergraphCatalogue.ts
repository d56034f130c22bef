/**
 * The catalogue kept in step with a supergraph file: read at start (an unreadable or invalid file fails the
 * start, naming it), and read again whenever the file's modification time or size changes, checked on each use
 * (a `stat`, microseconds). The composer replaces the file whole (rename), so a read never sees half of one. A new
 * file that cannot be read or parsed leaves the previous catalogue in use and is reported once, as the gateway
 * keeps serving its previous supergraph. Versions from `versionOf` are asked on each use, not when the file was
 * read: schema publishing records a version before it writes the file, but the lookup may learn of it a moment later.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPublishedCatalogue, versionedView, type PublishedCatalogue, type PublishedCatalogueOptions } from './publishedCatalogue.ts';

export interface SupergraphCatalogueOptions extends PublishedCatalogueOptions {
  /** Path of the supergraph SDL (the file the gateway loads). Required. */
  file: string;
  /** Told when a changed file cannot be read; the previous catalogue stays. Default: a line on stderr. */
  onReloadError?: (error: Error) => void;
}

export interface SupergraphCatalogue {
  /** The catalogue of the supergraph as it is now (re-read if it changed). */
  current(): PublishedCatalogue;
  /** Where the supergraph is read from: the file, or `store`. */
  readonly location: string;
  /** Stops any polling. */
  close(): void;
}

export function openSupergraphCatalogue(options: SupergraphCatalogueOptions): SupergraphCatalogue {
  if (typeof options?.file !== 'string' || options.file === '') {
    throw new TypeError('openSupergraphCatalogue: option `file` is required (the supergraph SDL the gateway loads).');
  }
  const file = resolve(options.file);
  const onReloadError = options.onReloadError ?? ((error) => console.error(`[platform] keeping the previous catalogue: ${error.message}`));
  const load = (): { stamp: string; catalogue: PublishedCatalogue } => {
    const stamp = stampOf(file);
    try {
      return { stamp, catalogue: readPublishedCatalogue(readFileSync(file, 'utf8')) };
    } catch (error) {
      throw new Error(`Cannot read the catalogue from the supergraph ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  let loaded = load();
  let failedStamp: string | null = null;
  const versioned = versionedView(options.versionOf);
  return {
    location: file,
    current: () => versioned(currentFile()),
    close: () => undefined,
  };

  function currentFile(): PublishedCatalogue {
    let stamp: string;
    try {
      stamp = stampOf(file);
    } catch {
      return loaded.catalogue; // moved away for a moment (a rename in progress): keep what we have
    }
    if (stamp === loaded.stamp || stamp === failedStamp) return loaded.catalogue;
    try {
      loaded = load();
      failedStamp = null;
    } catch (error) {
      failedStamp = stamp;
      onReloadError(error as Error);
    }
    return loaded.catalogue;
  }
}

function stampOf(file: string): string {
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}
