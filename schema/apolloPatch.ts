/**
 * govgraph runs @apollo/federation-internals, @apollo/query-graphs and @apollo/composition 2.14.4 with its own
 * patches (`patches/`, applied by patch-package on every `npm install`): composition and the gateway's query graph
 * no longer grow with the cube of the number of departments that share an entity, and hold half the memory
 * (issue #17; docs/PERFORMANCE.md, "How cost grows with the graph"). The patches change how much work is done, never
 * its result: composition gives the same supergraph, hints and errors, and the planner the same plans
 * (test/schema/apolloPatch.test.ts compares both ways).
 *
 * This module is the one place govgraph reaches the patch: which one is applied, and the switch back to Apollo's
 * original algorithms (also `GOVGRAPH_APOLLO_ORIGINAL=1` in the environment, read when the process starts).
 */
import { createRequire } from 'node:module';

interface PatchSwitch {
  useOriginalAlgorithms(on: boolean): boolean;
  originalAlgorithms(): boolean;
  GOVGRAPH_PATCH_VERSION: string;
}

/** The patch this code base expects (the version written by `patches/@apollo+federation-internals+2.14.4.patch`). */
export const EXPECTED_APOLLO_PATCH = '2.14.4-govgraph.2';

const require = createRequire(import.meta.url);

function patchSwitch(): PatchSwitch | null {
  try {
    return require('@apollo/federation-internals/dist/govgraphPatch.js') as PatchSwitch;
  } catch {
    return null;
  }
}

/** The version of the applied patch, or null when Apollo's packages are unpatched (then `npm install` was skipped or failed). */
export function appliedApolloPatch(): string | null {
  return patchSwitch()?.GOVGRAPH_PATCH_VERSION ?? null;
}

/**
 * Runs `work` with Apollo's original algorithms, then restores the patched ones (or whatever was selected before).
 * Synchronous only: query graphs read the switch when they are built, the other patched sites on every call.
 */
export function withOriginalApolloAlgorithms<T>(work: () => T): T {
  const patch = patchSwitch();
  if (!patch) throw new Error('Apollo\'s packages are not patched: run `npm install` (its postinstall applies patches/).');
  const previous = patch.useOriginalAlgorithms(true);
  try {
    return work();
  } finally {
    patch.useOriginalAlgorithms(previous);
  }
}

/** Runs `work` with the patched algorithms (the default), whatever the environment selected. */
export function withPatchedApolloAlgorithms<T>(work: () => T): T {
  const patch = patchSwitch();
  if (!patch) throw new Error('Apollo\'s packages are not patched: run `npm install` (its postinstall applies patches/).');
  const previous = patch.useOriginalAlgorithms(false);
  try {
    return work();
  } finally {
    patch.useOriginalAlgorithms(previous);
  }
}
