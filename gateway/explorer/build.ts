/**
 * Builds the explorer's static assets with Vite into `gateway/explorer/dist/` (gitignored), and says whether a
 * build is current: a fingerprint of the client sources, the Vite config and the versions of the bundled
 * packages is written beside the assets, so `npm install` (postinstall) and `npm start` rebuild only when
 * something changed. Run directly: `npm run build:explorer [-- --force]`.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  if (!existsSync(infoFile) || !existsSync(join(dir, 'graphiql.html')) || !existsSync(join(dir, 'catalog.html'))) {
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

/** Builds in a child process (Vite and Rolldown stay out of the caller's process); resolves when written. */
export function buildExplorer(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--force'],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`The explorer's assets did not build: ${stderr.trim() || error.message}`)) : resolve()),
    );
  });
}

/** Builds unless a current build exists; returns what it did. */
export async function ensureExplorerBuild(): Promise<'built' | 'current'> {
  if (explorerBuildState().state === 'current') return 'current';
  await buildExplorer();
  return 'built';
}

async function buildHere(): Promise<void> {
  const { build } = await import('vite');
  const fingerprint = sourceFingerprint();
  await build({ configFile: VITE_CONFIG });
  writeFileSync(join(EXPLORER_ASSETS_DIR, BUILD_INFO), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const state = explorerBuildState();
  if (state.state === 'current' && !process.argv.includes('--force')) {
    console.log('[explorer] assets are current');
  } else {
    const started = performance.now();
    await buildHere();
    console.log(`[explorer] built the GraphiQL and catalogue pages into ${EXPLORER_ASSETS_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
