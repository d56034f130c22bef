/**
 * Builds the explorer's static assets with Vite into `gateway/explorer/dist/` (gitignored), and says whether a
 * build is current: a fingerprint of the client sources, the Vite config and the versions of the bundled
 * packages is written beside the assets, so `npm install` (postinstall) and `npm start` rebuild only when
 * something changed. Run directly: `npm run build:explorer [-- --force]`. Builds are serialized by a lock
 * directory beside the assets (parallel test files, a start during an install), written into a temporary folder
 * and swapped into place, so a gateway never reads a half-written build.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXPLORER_ASSETS_DIR = fileURLToPath(new URL('./dist/', import.meta.url));
const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const VIEWS = fileURLToPath(new URL('./views.ts', import.meta.url));
const BUILD_INFO = 'build-info.json';
const BUNDLED_PACKAGES = ['graphiql', '@graphiql/react', '@graphiql/plugin-explorer', '@graphiql/toolkit', 'react', 'react-dom', 'vite'];

export type ExplorerBuildState = { state: 'current' } | { state: 'missing' | 'stale'; reason: string };

/** Whether `dir` holds a build of the current sources. */
export function explorerBuildState(dir: string = EXPLORER_ASSETS_DIR): ExplorerBuildState {
  const infoFile = join(dir, BUILD_INFO);
  if (!existsSync(infoFile) || !['graphiql', 'catalog', 'dashboard'].every((page) => existsSync(join(dir, `${page}.html`)))) {
    return { state: 'missing', reason: `no build in ${dir}` };
  }
  let recorded: string | undefined;
  try {
    recorded = (JSON.parse(readFileSync(infoFile, 'utf8')) as { fingerprint?: string }).fingerprint;
  } catch {
    return { state: 'stale', reason: `${infoFile} is unreadable` };
  }
  return recorded === sourceFingerprint() ? { state: 'current' } : { state: 'stale', reason: 'the client sources or bundled packages changed' };
}

/** sha256 over the client sources, the Vite config and the bundled packages' versions. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = [VITE_CONFIG, VIEWS, ...readdirSync(CLIENT_DIR).sort().map((name) => join(CLIENT_DIR, name))];
  for (const file of files) hash.update(file.slice(CLIENT_DIR.length - 'client/'.length)).update('\0').update(readFileSync(file)).update('\0');
  const require = createRequire(import.meta.url);
  for (const name of BUNDLED_PACKAGES) {
    const version = (require(`${name}/package.json`) as { version: string }).version;
    hash.update(`${name}@${version}\0`);
  }
  return hash.digest('hex');
}

/**
 * Builds in a child process (Vite and Rolldown stay out of the caller's process): always with `force`, else only
 * when no current build exists once the build lock is held. Resolves with what the child did.
 */
export function buildExplorer(options: { force?: boolean } = {}): Promise<'built' | 'current'> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), ...(options.force ? ['--force'] : [])],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`The explorer's assets did not build: ${stderr.trim() || error.message}`))
          : resolve(stdout.includes(CURRENT_MESSAGE) ? 'current' : 'built'),
    );
  });
}

/** Builds unless a current build exists; returns what it did. */
export async function ensureExplorerBuild(): Promise<'built' | 'current'> {
  if (explorerBuildState().state === 'current') return 'current';
  return buildExplorer();
}

const CURRENT_MESSAGE = '[explorer] assets are current';
const LOCK = join(EXPLORER_ASSETS_DIR, '..', 'dist.lock');
/** A lock older than this is a crashed build's: taken over. */
const STALE_LOCK_MS = 5 * 60_000;

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds into a sibling folder, then swaps it in for the old build. */
async function buildHere(): Promise<void> {
  const { build } = await import('vite');
  const fingerprint = sourceFingerprint();
  const fresh = join(EXPLORER_ASSETS_DIR, '..', `dist.building-${process.pid}`);
  const old = join(EXPLORER_ASSETS_DIR, '..', `dist.old-${process.pid}`);
  try {
    await build({ configFile: VITE_CONFIG, build: { outDir: fresh, emptyOutDir: true } });
    writeFileSync(join(fresh, BUILD_INFO), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2) + '\n');
    if (existsSync(EXPLORER_ASSETS_DIR)) renameSync(EXPLORER_ASSETS_DIR, old);
    renameSync(fresh, EXPLORER_ASSETS_DIR);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await withBuildLock(async () => {
    if (explorerBuildState().state === 'current' && !process.argv.includes('--force')) {
      console.log(CURRENT_MESSAGE);
      return;
    }
    const started = performance.now();
    await buildHere();
    console.log(`[explorer] built the GraphiQL, catalogue and dashboard pages into ${EXPLORER_ASSETS_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
