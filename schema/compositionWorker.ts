/**
 * Worker thread (see composeInWorker.ts): composes the subgraphs it is given as SDL text and posts the
 * composition outcome, the same value `composeSubgraphs` returns in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parse } from 'graphql';
import { composeSubgraphs, type CompositionOutcome } from './composition.ts';
import type { CompositionWorkerInput } from './composeInWorker.ts';

const { subgraphs } = workerData as CompositionWorkerInput;
let outcome: CompositionOutcome;
try {
  outcome = composeSubgraphs(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
} catch (error) {
  outcome = { ok: false, errors: [`Composition failed: ${error instanceof Error ? error.message : String(error)}`] };
}
parentPort!.postMessage(outcome);
