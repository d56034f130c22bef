/**
 * Composition in a worker thread gives the outcome composition in process gives (supergraph, API schema, hints,
 * errors), and the calling thread's event loop keeps running while it composes.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { syntheticSubgraphs } from '../../bench/scale/syntheticDepartments.ts';
import { composeSubgraphsInWorker } from '../../schema/composeInWorker.ts';
import { composeSubgraphs, type SubgraphSource } from '../../schema/composition.ts';
import { departments } from '../../subgraphs/departments.ts';
import { compatSubgraphs } from '../fixtures/federation-compat/index.ts';

const departmentSources: SubgraphSource[] = departments.map(({ definition, defaultPort }) => ({
  name: definition.id,
  url: `http://127.0.0.1:${defaultPort}/graphql`,
  typeDefs: definition.typeDefs,
}));

const disagreeing: SubgraphSource[] = ['Int', 'String'].map((type, index) => ({
  name: `s${index}`,
  url: `http://127.0.0.1:${index + 1}/graphql`,
  typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
    type Query { q${index}: Thing }
    type Thing @shareable { value: ${type} }`),
}));

describe('composition in a worker thread', () => {
  it('composes the departments to the supergraph composed in process', async () => {
    const outcome = await composeSubgraphsInWorker(departmentSources);
    expect(outcome.ok).toBe(true);
    expect(outcome).toEqual(composeSubgraphs(departmentSources));
  });

  it('composes the federation compatibility subgraphs to the supergraph and hints composed in process', async () => {
    const sources = compatSubgraphs.map(({ name, typeDefs }) => ({ name, url: `http://127.0.0.1:1/${name}`, typeDefs }));
    const outcome = await composeSubgraphsInWorker(sources);
    expect(outcome.ok && outcome.hints.length).toBeGreaterThan(0);
    expect(outcome).toEqual(composeSubgraphs(sources));
  });

  it('refuses with the composer messages composition in process gives', async () => {
    const outcome = await composeSubgraphsInWorker(disagreeing);
    expect(outcome).toEqual(composeSubgraphs(disagreeing));
    expect(outcome).toEqual({ ok: false, errors: [expect.stringContaining('Type of field "Thing.value" is incompatible across subgraphs')] });
  });

  it('leaves the event loop running while it composes', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const composing = composeSubgraphsInWorker(syntheticSubgraphs(60, 'shared'));
      const ticksAtStart = ticks;
      const outcome = await composing;
      expect(outcome.ok).toBe(true);
      // In process the whole composition would run between two ticks; in a worker the timer keeps firing.
      expect(ticks - ticksAtStart).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(timer);
    }
  });

  it('is a refused composition, saying why, when cancelled', async () => {
    const controller = new AbortController();
    const composing = composeSubgraphsInWorker(syntheticSubgraphs(60, 'shared'), { signal: controller.signal });
    controller.abort();
    expect(await composing).toEqual({ ok: false, errors: ['Composition could not run: the composition worker was cancelled'] });
  });
});
