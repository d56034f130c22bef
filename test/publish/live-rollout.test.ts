/**
 * Live rollout: a gateway watching the supergraph file switches to what `publish` wrote without a restart and
 * without failing a request of a loop running through the switch; the operations it recorded in the audit
 * trail are the ones publish names as broken; a rollback switches it back.
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
let gateway: RunningGateway;

beforeAll(async () => {
  running = await startDepartments(departments.map((d) => d.definition));
  fixture = await publishFixture();
  gateway = await startGateway({
    supergraph: fixture.supergraphFile,
    port: 0,
    subgraphUrls: running.urls,
    // Every request comes from civil-affairs' application, recorded in the fixture's audit trail.
    anonymous: { application: 'rollout-app', department: 'civil-affairs' },
    grantSigning: running.grantKey,
    agreements: fixture.store.agreements,
    audit: fixture.store.audit,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await fixture?.stop();
  await running?.stop();
});

const MARKET_REGULATION = departmentSdl('market-regulation');
const WITHOUT_BUSINESS_SCOPE = edit(MARKET_REGULATION, /\n\s*"Business scope as registered."\n\s*businessScope: [^\n]*\n/, '\n');
const SCOPE_REVIEW = 'query ScopeReview { enterprises(first: 2) { nodes { creditCode businessScope } } }';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends a named operation back to back on `connections` connections until `stop()`; returns every status and error. */
function requestLoop(connections: number) {
  let looping = true;
  const outcomes: { status: number; errors: unknown }[] = [];
  const loops = Array.from({ length: connections }, async () => {
    while (looping) {
      const { status, body } = await postGraphQL(gateway.url, { query: 'query Ratings { enterprises(first: 5) { nodes { name taxCreditRating } } }' });
      outcomes.push({ status, errors: body.errors });
    }
  });
  return {
    outcomes,
    async stop() {
      looping = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

describe('publishing to a running gateway', () => {
  it('names the operation the gateway recorded that a removal would break', async () => {
    const baseline = await publishDepartment({ department: 'market-regulation', sdl: MARKET_REGULATION, actor: 'mr-admin' }, fixture.context);
    expect(baseline).toMatchObject({ status: 'published', version: { version: 1, changes: [] } });
    const review = await postGraphQL(gateway.url, { query: SCOPE_REVIEW });
    expect(review.status).toBe(200);
    expect(review.body.data.enterprises.nodes).toEqual([
      { creditCode: expect.any(String), businessScope: expect.any(String) },
      { creditCode: expect.any(String), businessScope: expect.any(String) },
    ]);
    const { records } = await fixture.store.audit.query({ item: 'Enterprise.businessScope' });
    expect(records.map((r) => [r.department, r.operationName])).toEqual([['civil-affairs', 'ScopeReview']]);

    const refused = await publishDepartment({ department: 'market-regulation', sdl: WITHOUT_BUSINESS_SCOPE, actor: 'mr-admin' }, fixture.context);
    expect(refused).toEqual({
      status: 'refused',
      stage: 'breaking',
      errors: [expect.stringMatching(/^1 breaking change\(s\) against the supergraph served now/)],
      changes: [{ kind: 'FIELD_REMOVED', coordinate: 'Enterprise.businessScope', breaking: true, description: 'Enterprise.businessScope was removed' }],
      affectedOperations: [
        { consumer: 'civil-affairs', operationName: 'ScopeReview', applications: ['rollout-app'], items: ['Enterprise.businessScope'], requests: 1, lastSeen: records[0]!.time },
      ],
    });
  });

  it('switches the gateway to the published supergraph under a loop of requests with zero failed requests, and back on rollback', async () => {
    const before = gateway.supergraphHash();
    const loop = requestLoop(4);
    await waitFor(() => loop.outcomes.length > 20, 'requests before the switch');
    const published = await publishDepartment(
      { department: 'market-regulation', sdl: WITHOUT_BUSINESS_SCOPE, allowBreaking: true, reason: 'civil-affairs moved ScopeReview to the licence register', actor: 'mr-admin' },
      fixture.context,
    );
    if (published.status !== 'published') throw new Error(`not published: ${JSON.stringify(published)}`);
    expect(published.version.supergraphHash).not.toBe(before);
    await waitFor(() => gateway.supergraphHash() === published.version.supergraphHash, 'the gateway to load the published supergraph');
    const switchedAt = loop.outcomes.length;
    await waitFor(() => loop.outcomes.length > switchedAt + 20, 'requests after the switch');
    const outcomes = await loop.stop();
    expect(outcomes.filter((o) => o.status !== 200 || o.errors !== undefined)).toEqual([]);
    expect(await postGraphQL(gateway.url, { query: SCOPE_REVIEW })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Cannot query field "businessScope" on type "Enterprise".',
            locations: [{ line: 1, column: 64 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });

    const rolledBack = await publishDepartment({ department: 'market-regulation', rollback: 1, actor: 'mr-admin' }, fixture.context);
    if (rolledBack.status !== 'published') throw new Error(`not rolled back: ${JSON.stringify(rolledBack)}`);
    expect(rolledBack.version).toMatchObject({ version: 3, rollbackOf: 1, supergraphHash: before });
    await waitFor(() => gateway.supergraphHash() === before, 'the gateway to load the rolled-back supergraph');
    const review = await postGraphQL(gateway.url, { query: SCOPE_REVIEW });
    expect(review.status).toBe(200);
    expect(review.body.data.enterprises.nodes).toHaveLength(2);
  });
});
