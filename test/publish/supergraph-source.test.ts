/**
 * How a watched supergraph file reaches the gateway: every new supergraph is checked before `update` is called
 * (gateway/supergraph/supergraphSource.ts); while one is checked only the newest that arrives waits, a superseded one is never
 * loaded, and a refused one is logged once and leaves the old one serving. The check is replaced by one the test
 * answers, so the order of events is the test's.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupergraphCheckResult } from '../../gateway/supergraph/supergraphCheck.ts';
import { hashSupergraph, supergraphSource } from '../../gateway/supergraph/supergraphSource.ts';

interface PendingCheck {
  sdl: string;
  answer(result: SupergraphCheckResult): void;
}

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function watchedFile(initial: string) {
  const directory = mkdtempSync(join(tmpdir(), 'govgraph-source-'));
  directories.push(directory);
  const file = join(directory, 'supergraph.graphql');
  writeFileSync(file, initial);
  const checks: PendingCheck[] = [];
  const updates: string[] = [];
  const errors: string[] = [];
  const debug: string[] = [];
  const loaded: string[] = [];
  const source = supergraphSource({
    location: file,
    pollIntervalMs: 1000,
    logger: { debug: (m) => debug.push(m), info() {}, warn() {}, error: (m) => errors.push(m) },
    onLoaded: (hash) => loaded.push(hash),
    check: (sdl) => new Promise((resolve) => checks.push({ sdl, answer: resolve })),
  });
  const { cleanup } = await source.initialize({
    update: (sdl: string) => void updates.push(sdl),
    healthCheck: async () => {},
    getDataSource: () => {
      throw new Error('not used');
    },
  });
  const replace = (content: string) => {
    writeFileSync(`${file}.tmp`, content);
    renameSync(`${file}.tmp`, file);
  };
  return { file, checks, updates, errors, debug, loaded, replace, cleanup: cleanup! };
}

describe('a watched supergraph file', () => {
  it('loads only the newest of the supergraphs that arrive while one is checked', async () => {
    const watched = await watchedFile('# A');
    try {
      watched.replace('# B');
      await waitFor(() => watched.checks.length === 1, 'the check of B');
      watched.replace('# C');
      await waitFor(() => watched.debug.some((line) => line.includes('arrived during a check')), 'C to arrive during the check of B');
      watched.checks[0]!.answer({ ok: true });
      await waitFor(() => watched.checks.length === 2, 'the check of C');
      expect(watched.checks.map((c) => c.sdl)).toEqual(['# B', '# C']);
      expect(watched.updates).toEqual([]);
      watched.checks[1]!.answer({ ok: true });
      await waitFor(() => watched.updates.length === 1, 'C to be loaded');
      expect(watched.updates).toEqual(['# C']);
      expect(watched.loaded.at(-1)).toBe(hashSupergraph('# C'));
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.cleanup();
    }
  });

  it('logs a supergraph the check refuses once, naming the one still serving, and never loads it', async () => {
    const watched = await watchedFile('# A');
    try {
      watched.replace('# broken');
      await waitFor(() => watched.checks.length === 1, 'the check');
      watched.checks[0]!.answer({ ok: false, error: 'Unknown graph NO_SUCH_DEPARTMENT' });
      await waitFor(() => watched.errors.length === 1, 'the refusal to be logged');
      watched.replace('# broken'); // the same content again: not checked again
      await new Promise((r) => setTimeout(r, 300));
      expect(watched.checks).toHaveLength(1);
      expect(watched.updates).toEqual([]);
      expect(watched.errors).toEqual([
        `[gateway] the new supergraph from ${watched.file} did not load; still serving ${hashSupergraph('# A').slice(0, 12)}: Unknown graph NO_SUCH_DEPARTMENT`,
      ]);
    } finally {
      await watched.cleanup();
    }
  });

  it('loads nothing once stopped, even when a check in progress answers', async () => {
    const watched = await watchedFile('# A');
    watched.replace('# B');
    await waitFor(() => watched.checks.length === 1, 'the check of B');
    await watched.cleanup();
    watched.checks[0]!.answer({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(watched.updates).toEqual([]);
  });
});
