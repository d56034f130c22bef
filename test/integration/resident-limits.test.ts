/**
 * A signed-in resident spends a share of the resident application's limits that is their own: one resident who
 * exhausts the rate limit or fills the operations in flight leaves every other resident (and every department's
 * application) untouched. Through the real gateway for the rate limit; on the limits step itself for the operations
 * in flight, where holding one resident's operations while another's arrives is deterministic.
 */
import { buildSchema, parse, getOperationAST } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SETTINGS } from '../../gateway/admit/applicationPolicy.ts';
import { useOperationLimits } from '../../gateway/admit/useOperationLimits.ts';
import { RESIDENT_APPLICATION } from '../../sharing/residents.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

const population = createPopulation(TEST_POPULATION);
const [alice, bob] = [population.person(3).idNumber, population.person(4).idNumber];
const MINE = 'query { myCorrections(first: 1) { totalCount } }';

describe('a resident\'s rate limit', () => {
  let federation: WorkflowFederation;
  beforeAll(async () => {
    federation = await startWorkflowFederation({}, { gateway: { applicationPolicy: { applications: { [RESIDENT_APPLICATION]: { rateLimit: { requestsPerSecond: 0.01, burst: 2 } } } } } });
  }, 120_000);
  afterAll(() => federation?.stop());

  const asResident = async (resident: string) => postGraphQL(federation.gateway.url, { query: MINE }, await federation.asResident(resident));

  it('is their own: once one resident has spent it, another is still served', async () => {
    expect((await asResident(alice)).status).toBe(200);
    expect((await asResident(alice)).status).toBe(200);
    const refused = await asResident(alice);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'rateLimit' });
    expect(refused.body.errors[0].message).toMatch(/^This resident's sign-in \(application resident-portal, limits per resident\) exceeded its rate limit/);
    expect(refused.body.errors[0].message).not.toContain(alice);
    // Bob has the resident application's whole burst to himself.
    expect((await asResident(bob)).status).toBe(200);
    expect((await asResident(bob)).status).toBe(200);
    expect((await asResident(bob)).status).toBe(429);
    // And a department's application keeps its own.
    const tax = await federation.as({ department: 'tax', application: 'tax-demo', purpose: 'property-tax-assessment' });
    expect((await postGraphQL(federation.gateway.url, { query: '{ enterprises(first: 1) { nodes { name } } }' }, tax)).status).toBe(200);
  });
});

describe('a resident\'s operations in flight', () => {
  const schema = buildSchema('type Query { mine: Int }');
  const document = parse('{ mine }');
  const settings = { ...BUILT_IN_SETTINGS, limits: { ...BUILT_IN_SETTINGS.limits, maxConcurrentRequests: 2 } };
  const limits = useOperationLimits();
  const start = async (caller: { application: string; resident?: string }) => {
    const contextValue = { caller: { department: 'resident', roles: [], anonymous: false, ...caller }, settings };
    const listener = (await limits.requestDidStart!({ contextValue } as never))!;
    const decided = listener.didResolveOperation!({ schema, document, operation: getOperationAST(document)!, request: { variables: {} }, contextValue } as never);
    return { decided, answered: () => listener.willSendResponse!({ contextValue } as never) };
  };

  it('are counted per resident: one resident at the limit does not hold back another, and answered ones free the slot', async () => {
    const held = [await start({ application: RESIDENT_APPLICATION, resident: alice }), await start({ application: RESIDENT_APPLICATION, resident: alice })];
    await Promise.all(held.map((h) => h.decided));
    const third = await start({ application: RESIDENT_APPLICATION, resident: alice });
    await expect(third.decided).rejects.toMatchObject({ extensions: { code: 'CONCURRENCY_LIMIT', limit: 'maxConcurrentRequests', allowed: 2 } });
    await expect(third.decided).rejects.toThrow(/^This resident's sign-in \(application resident-portal, limits per resident\) has 2 operations in flight/);
    const other = await start({ application: RESIDENT_APPLICATION, resident: bob });
    await expect(other.decided).resolves.toBeUndefined();
    await held[0]!.answered();
    await expect((await start({ application: RESIDENT_APPLICATION, resident: alice })).decided).resolves.toBeUndefined();
  });

  it('are counted per application for a department\'s callers, as before', async () => {
    const held = [await start({ application: 'tax-demo' }), await start({ application: 'tax-demo' })];
    await Promise.all(held.map((h) => h.decided));
    await expect((await start({ application: 'tax-demo' })).decided).rejects.toThrow(/^Application tax-demo has 2 operations in flight/);
  });
});
