/**
 * Feeds the gateway its supergraph and keeps it current: a file is watched and re-read when its content
 * changes; a URL is polled; `store` polls the platform store for the newest published supergraph (every replica
 * over one store follows every `npm run publish`). A new supergraph is first loaded in a worker thread
 * (supergraphCheck.ts): one that fails there, or fails to load in the gateway, leaves the old one serving, and the
 * reason is logged, without the serving event loop having paid for the failed build. Only the gateway's own build
 * of a supergraph that loads runs on the serving thread. Changes arriving while one is checked are coalesced: the
 * newest is loaded next. Requests in flight finish on the schema they started with (the gateway swaps atomically).
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import type { GatewayLogger } from '../options.ts';
import { checkSupergraphInWorker, type SupergraphCheck } from './supergraphCheck.ts';

export interface SupergraphSourceOptions {
  /** File path, http(s) URL, or `store`. */
  location: string;
  /** With `store`: the published versions (`PlatformStore.schemaVersions`); the newest one's supergraph is served. */
  store?: PublishedSupergraphs | null;
  pollIntervalMs: number;
  logger: GatewayLogger;
  /** Called after every supergraph that loaded, with its hash (sha256 of the SDL). */
  onLoaded?: (hash: string) => void;
  /** How a new supergraph is checked before the gateway loads it. Default: built in a worker thread (supergraphCheck.ts). */
  check?: SupergraphCheck;
}

/** What the `store` source reads: the newest published version of any department (see platform/schemaRegistry). */
export interface PublishedSupergraphs {
  newest(): Promise<{ supergraphSdl: string; department: string; version: number } | null>;
}

export const STORE_LOCATION = 'store';

export function supergraphSource(options: SupergraphSourceOptions): SupergraphManager {
  if (options.location === STORE_LOCATION) return storeSource(options);
  return /^https?:\/\//.test(options.location) ? urlSource(options) : fileSource(options);
}

export function hashSupergraph(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}

type Update = (sdl: string) => void;

interface Applier {
  /** Checks `sdl` and loads it when it differs from the one serving; returns at once (the check runs in a worker). */
  apply(sdl: string, origin: string): void;
  /** Cancels a check in progress; nothing is loaded afterwards. */
  stop(): void;
}

/**
 * Applies new supergraphs one at a time: checked in a worker, then handed to the gateway. While one is checked
 * only the newest that arrives waits (it replaces any other); content seen last is not checked twice, so a broken
 * supergraph is reported once, not at every poll.
 */
function applier(options: SupergraphSourceOptions, update: Update, initialHash: string): Applier {
  const check = options.check ?? checkSupergraphInWorker;
  const stopping = new AbortController();
  let current = initialHash; // serving
  let newest = initialHash; // seen last
  let waiting: { sdl: string; origin: string; hash: string } | null = null;
  let draining = false;

  const refused = (origin: string, reason: string) =>
    options.logger.error(`[gateway] the new supergraph from ${origin} did not load; still serving ${current.slice(0, 12)}: ${reason}`);
  const load = async (sdl: string, origin: string, hash: string) => {
    const verdict = await check(sdl, stopping.signal);
    if (stopping.signal.aborted || newest !== hash) return; // stopped, or superseded while it was checked
    if (!verdict.ok) return refused(origin, verdict.error);
    try {
      update(sdl);
      current = hash;
      options.onLoaded?.(hash);
      options.logger.info(`[gateway] supergraph reloaded from ${origin} (${hash.slice(0, 12)})`);
    } catch (error) {
      refused(origin, errorMessage(error));
    }
  };
  const drain = async () => {
    draining = true;
    try {
      while (waiting !== null && !stopping.signal.aborted) {
        const { sdl, origin, hash } = waiting;
        waiting = null;
        await load(sdl, origin, hash);
      }
    } finally {
      draining = false;
    }
  };
  return {
    apply(sdl, origin) {
      const hash = hashSupergraph(sdl);
      if (hash === newest) return;
      newest = hash;
      waiting = hash === current ? null : { sdl, origin, hash };
      if (draining) options.logger.debug(`[gateway] a newer supergraph from ${origin} (${hash.slice(0, 12)}) arrived during a check; it is loaded next`);
      else if (waiting !== null) void drain();
    },
    stop: () => stopping.abort(),
  };
}

function fileSource(options: SupergraphSourceOptions): SupergraphManager {
  const file = resolve(options.location);
  return {
    async initialize({ update }) {
      const supergraphSdl = readSupergraphFile(file);
      const initialHash = hashSupergraph(supergraphSdl);
      options.onLoaded?.(initialHash);
      const { apply, stop } = applier(options, update, initialHash);
      let timer: NodeJS.Timeout | undefined;
      // Watch the directory, not the file: editors and `compose` replace the file, which ends a file watch.
      const watcher: FSWatcher = watch(dirname(file), (_event, name) => {
        if (name !== null && name !== basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          let sdl: string;
          try {
            sdl = readFileSync(file, 'utf8');
          } catch (error) {
            options.logger.warn(`[gateway] cannot read ${file} (${errorMessage(error)}); keeping the current supergraph`);
            return;
          }
          apply(sdl, file);
        }, 50);
      });
      return {
        supergraphSdl,
        cleanup: async () => {
          clearTimeout(timer);
          watcher.close();
          stop();
        },
      };
    },
  };
}

function readSupergraphFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the supergraph file ${file}: ${errorMessage(error)}. Run \`npm run compose\` or pass --supergraph <file|url>.`,
    );
  }
}

function urlSource(options: SupergraphSourceOptions): SupergraphManager {
  const url = options.location;
  return {
    async initialize({ update }) {
      const first = await fetchSupergraph(url, undefined);
      if (first.kind !== 'changed') throw new Error(`The supergraph URL ${url} returned no supergraph.`);
      let etag = first.etag;
      const initialHash = hashSupergraph(first.sdl);
      options.onLoaded?.(initialHash);
      const { apply, stop } = applier(options, update, initialHash);
      const timer = setInterval(async () => {
        try {
          const next = await fetchSupergraph(url, etag);
          if (next.kind === 'changed') {
            etag = next.etag;
            apply(next.sdl, url);
          }
        } catch (error) {
          options.logger.warn(`[gateway] polling ${url} failed (${errorMessage(error)}); keeping the current supergraph`);
        }
      }, options.pollIntervalMs);
      timer.unref();
      return { supergraphSdl: first.sdl, cleanup: async () => (clearInterval(timer), stop()) };
    },
  };
}

function storeSource(options: SupergraphSourceOptions): SupergraphManager {
  const { store } = options;
  if (!store) throw new Error('The supergraph source `store` needs the platform store (gateway option `supergraphStore`).');
  return {
    async initialize({ update }) {
      const first = await store.newest();
      if (!first) {
        throw new Error('the platform store holds no published supergraph yet: run `npm run publish -- <department>` first, or pass --supergraph <file|url>.');
      }
      const initialHash = hashSupergraph(first.supergraphSdl);
      options.onLoaded?.(initialHash);
      const { apply, stop } = applier(options, update, initialHash);
      let reading = false;
      const timer = setInterval(async () => {
        if (reading) return; // a slow store is not read twice at once
        reading = true;
        try {
          const next = await store.newest();
          if (next) apply(next.supergraphSdl, `the platform store (${next.department} v${next.version})`);
        } catch (error) {
          options.logger.warn(`[gateway] reading the published supergraph from the platform store failed (${errorMessage(error)}); keeping the current supergraph`);
        } finally {
          reading = false;
        }
      }, options.pollIntervalMs);
      timer.unref();
      return { supergraphSdl: first.supergraphSdl, cleanup: async () => (clearInterval(timer), stop()) };
    },
  };
}

type Fetched = { kind: 'changed'; sdl: string; etag: string | undefined } | { kind: 'unchanged' };

async function fetchSupergraph(url: string, etag: string | undefined): Promise<Fetched> {
  const response = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(10_000) });
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return { kind: 'changed', sdl: await response.text(), etag: response.headers.get('etag') ?? undefined };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
