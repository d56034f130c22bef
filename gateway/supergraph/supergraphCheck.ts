/**
 * Checks a new supergraph in a worker thread before the serving gateway loads it: the worker builds everything
 * @apollo/gateway builds from a supergraph (see supergraphCheckWorker.ts), so a supergraph that would not load is
 * refused without costing the serving event loop anything, and only one that loads reaches `update`. At a
 * provincial size (1,000 departments and more) that build takes seconds; a broken supergraph used to take them
 * from every request in flight. A check that cannot run refuses the supergraph (fail closed).
 */
import { runInWorker } from '../../schema/workerThread.ts';

export interface SupergraphCheckInput {
  supergraphSdl: string;
}

export type SupergraphCheckResult = { ok: true } | { ok: false; error: string };

/** Resolves with the check's verdict; a worker that fails or is cancelled is a refusal naming why. */
export type SupergraphCheck = (supergraphSdl: string, signal: AbortSignal) => Promise<SupergraphCheckResult>;

export const checkSupergraphInWorker: SupergraphCheck = async (supergraphSdl, signal) => {
  try {
    return await runInWorker<SupergraphCheckResult>(new URL('./supergraphCheckWorker.ts', import.meta.url), { supergraphSdl } satisfies SupergraphCheckInput, {
      signal,
      label: 'the supergraph check',
    });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};
