/**
 * Composition in a worker thread: the same outcome as `composeSubgraphs`, without stopping the caller's event loop
 * for the seconds (at a provincial size, tens of seconds) composition takes. The subgraphs travel as SDL text and
 * are parsed again in the worker; composition reads their definitions, not their source positions, so the outcome
 * is the same (test/schema/composeInWorker.test.ts). A worker that cannot run is a refused composition, saying why.
 */
import { print } from 'graphql';
import type { CompositionOutcome, SubgraphSource } from './composition.ts';
import { runInWorker } from './workerThread.ts';

export interface CompositionWorkerInput {
  subgraphs: { name: string; url: string; sdl: string }[];
}

export async function composeSubgraphsInWorker(subgraphs: readonly SubgraphSource[], options: { signal?: AbortSignal } = {}): Promise<CompositionOutcome> {
  const input: CompositionWorkerInput = { subgraphs: subgraphs.map(({ name, url, typeDefs }) => ({ name, url, sdl: print(typeDefs) })) };
  try {
    return await runInWorker<CompositionOutcome>(new URL('./compositionWorker.ts', import.meta.url), input, { ...options, label: 'the composition worker' });
  } catch (error) {
    return { ok: false, errors: [`Composition could not run: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
