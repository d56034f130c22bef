/**
 * Before a gateway loads a new supergraph it is built in a worker thread (gateway/supergraph/supergraphCheck.ts): one that
 * would not load is refused there with the error the gateway's own build gives, and the serving event loop keeps
 * running while the check builds.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import { syntheticSubgraphs } from '../../bench/scale/syntheticDepartments.ts';
import { checkSupergraphInWorker } from '../../gateway/supergraph/supergraphCheck.ts';
import { composeSubgraphs } from '../../schema/composition.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';

const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');

/** The message of what loading `sdl` on this thread throws, as @apollo/gateway loads it. */
function loadError(sdl: string): string {
  try {
    const supergraph = Supergraph.build(sdl, { validateSupergraph: true });
    supergraph.apiSchema().toGraphQLJSSchema();
    new QueryPlanner(supergraph);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the supergraph not to load');
}

const never = new AbortController().signal;

describe('the supergraph check in a worker thread', () => {
  it('accepts the committed supergraph', async () => {
    expect(await checkSupergraphInWorker(committed, never)).toEqual({ ok: true });
  });

  it('refuses a supergraph that does not parse, with the parser error', async () => {
    const broken = 'schema { query: Query } type Query { broken: ';
    expect(await checkSupergraphInWorker(broken, never)).toEqual({ ok: false, error: loadError(broken) });
    expect(loadError(broken)).toMatch(/^Syntax Error/);
  });

  it('refuses a supergraph that parses but names a subgraph it does not declare, with the error the gateway gives', async () => {
    const broken = committed.replace('@join__field(graph: TAX)', '@join__field(graph: NO_SUCH_DEPARTMENT)');
    expect(broken).not.toBe(committed);
    const verdict = await checkSupergraphInWorker(broken, never);
    expect(verdict).toEqual({ ok: false, error: loadError(broken) });
  });

  it('is a refusal, saying why, when cancelled', async () => {
    const controller = new AbortController();
    const checking = checkSupergraphInWorker(committed, controller.signal);
    controller.abort();
    expect(await checking).toEqual({ ok: false, error: 'the supergraph check was cancelled' });
  });

  it('leaves the event loop running while it builds a supergraph of 150 departments', async () => {
    const composed = composeSubgraphs(syntheticSubgraphs(150, 'shared'));
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const checking = checkSupergraphInWorker(composed.supergraphSdl, never);
      const ticksAtStart = ticks;
      expect(await checking).toEqual({ ok: true });
      expect(ticks - ticksAtStart).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(timer);
    }
  });
});
