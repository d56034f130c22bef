/**
 * The `store` supergraph source: gateways that poll the platform store serve the newest published supergraph,
 * so every replica over one store follows a publish (and a rollback) without a shared file; a store with
 * nothing published refuses the start with what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { publishDepartment } from '../../schema/publish/index.ts';
import { departments } from '../../subgraphs/departments.ts';
import { silentLogger } from '../harness/federation.ts';
import { postGraphQL, startDepartments, type TestDepartments } from '../harness/departments.ts';
import { departmentSdl, edit, publishFixture, type PublishFixture } from './harness.ts';

let running: TestDepartments;
let fixture: PublishFixture;

beforeAll(async () => {
  running = await startDepartments(departments.map((d) => d.definition));
  fixture = await publishFixture();
});
afterAll(async () => {
  await fixture?.stop();
  await running?.stop();
});

const MARKET_REGULATION = departmentSdl('market-regulation');
const WITHOUT_BUSINESS_SCOPE = edit(MARKET_REGULATION, /\n\s*"Business scope as registered."\n\s*businessScope: [^\n]*\n/, '\n');
const SCOPE = '{ enterprises(first: 1) { nodes { businessScope } } }';

function replica(logger = silentLogger): Promise<RunningGateway> {
  return startGateway({
    supergraph: 'store',
    supergraphStore: fixture.store.schemaVersions,
    pollIntervalMs: 100,
    port: 0,
    subgraphUrls: running.urls,
    anonymous: { application: 'store-test', department: 'tax' },
    grantSigning: running.grantKey,
    logger,
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('gateways polling the platform store', () => {
  it('refuse to start while nothing was published, saying what to do', async () => {
    await expect(replica()).rejects.toThrow(
      'The gateway could not load its supergraph (store): the platform store holds no published supergraph yet: run `npm run publish -- <department>` first, or pass --supergraph <file|url>.',
    );
  });

  it('serve the newest published supergraph, and every replica follows a publish and a rollback', async () => {
    const first = await publishDepartment({ department: 'market-regulation', sdl: MARKET_REGULATION, actor: 'mr-admin' }, fixture.context);
    if (first.status !== 'published') throw new Error(JSON.stringify(first));
    const replicas = [await replica(), await replica()];
    try {
      for (const gateway of replicas) {
        expect(gateway.supergraphHash()).toBe(first.version.supergraphHash);
        expect((await postGraphQL(gateway.url, { query: SCOPE })).status).toBe(200);
      }
      const second = await publishDepartment(
        { department: 'market-regulation', sdl: WITHOUT_BUSINESS_SCOPE, allowBreaking: true, reason: 'moved to the licence register', actor: 'mr-admin' },
        fixture.context,
      );
      if (second.status !== 'published') throw new Error(JSON.stringify(second));
      for (const gateway of replicas) {
        await waitFor(() => gateway.supergraphHash() === second.version.supergraphHash, 'each replica to load version 2');
        expect((await postGraphQL(gateway.url, { query: SCOPE })).status).toBe(400);
      }
      const rolledBack = await publishDepartment({ department: 'market-regulation', rollback: 1, actor: 'mr-admin' }, fixture.context);
      if (rolledBack.status !== 'published') throw new Error(JSON.stringify(rolledBack));
      for (const gateway of replicas) {
        await waitFor(() => gateway.supergraphHash() === first.version.supergraphHash, 'each replica to load the rollback');
        expect((await postGraphQL(gateway.url, { query: SCOPE })).status).toBe(200);
      }
    } finally {
      await Promise.all(replicas.map((g) => g.stop()));
    }
  });

  it('keep serving the supergraph they have when the newest one in the store does not load, and say why', async () => {
    const logged: string[] = [];
    const gateway = await replica({ debug() {}, info() {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) });
    try {
      const serving = gateway.supergraphHash();
      // Written past publish's checks (publish never records a supergraph that does not compose).
      await fixture.store.schemaVersions.record({
        department: 'tax', sdl: departmentSdl('tax'), url: 'http://127.0.0.1:4005/graphql', supergraphSdl: 'schema { query: Query } type Query { broken: ',
        actor: 'test', reason: 'a broken row', changes: [], rollbackOf: null,
      });
      await waitFor(() => logged.some((line) => line.includes('did not load')), 'the failure to be logged');
      expect(logged.find((line) => line.includes('did not load'))).toMatch(
        new RegExp(`^\\[gateway\\] the new supergraph from the platform store \\(tax v1\\) did not load; still serving ${serving.slice(0, 12)}: Syntax Error`),
      );
      expect(gateway.supergraphHash()).toBe(serving);
      expect((await postGraphQL(gateway.url, { query: SCOPE })).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
