/**
 * One department's failure must not stop the others: a department that hangs, answers garbage, cuts
 * connections or is killed mid-run yields partial data with an error naming it while the rest answers; its
 * circuit opens after consecutive failures (the department is no longer called) and a probe closes it again;
 * a query whose connection failed is retried once, a mutation never; requests waiting for a slow department
 * are bounded. Small deadlines come from options; nothing asserts on time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startDepartments } from '../harness/departments.ts';
import { TEST_MASKING_KEY, masked as maskedFor } from '../harness/sharing.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { startFaultProxy, type FaultProxy } from './faultProxy.ts';

const population = createPopulation(TEST_POPULATION);
const person = population.person(5);
// civil-affairs' pseudonym of the ID (test/harness/sharing.ts).
const masked = maskedFor(person.idNumber, 'civil-affairs');
let federation: TestFederation;
let civilAffairs: FaultProxy;
let platform: FaultProxy;

beforeAll(async () => {
  // The proxies need the departments' URLs, known once the federation runs; then its gateway is replaced by one
  // that reaches civil-affairs and platform through them.
  federation = await startFederation();
  civilAffairs = await startFaultProxy(federation.departments.urls['civil-affairs']!);
  platform = await startFaultProxy(federation.departments.urls.platform!);
  await federation.gateway.stop();
  federation = await restartGateway();
});
afterAll(async () => {
  await federation?.stop();
  await civilAffairs?.close();
  await platform?.close();
});

/** The gateway again, over the same departments, reaching civil-affairs and platform through the proxies. */
async function restartGateway(): Promise<TestFederation> {
  const { startGateway } = await import('../../gateway/index.ts');
  const { silentLogger } = await import('../harness/federation.ts');
  const { DEVELOPMENT_ISSUER } = await import('../../gateway/identify/index.ts');
  const { SUPERGRAPH_FILE } = await import('../../schema/departmentsSupergraph.ts');
  const gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE,
    port: 0,
    logger: silentLogger,
    identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: federation.platform.agreements,
    grantSigning: federation.departments.grantKey,
    audit: federation.platform.audit,
    maskingKey: TEST_MASKING_KEY,
    subgraphUrls: { ...federation.departments.urls, 'civil-affairs': civilAffairs.url, platform: platform.url },
    // Short deadlines only for the two departments behind proxies: the healthy ones keep the default.
    subgraphResilience: { timeouts: { 'civil-affairs': 1500, platform: 1500 }, retries: 1, maxPending: 4, breaker: { failureThreshold: 3, cooldownMs: 150 } },
  });
  return { ...federation, gateway, stop: async () => { await gateway.stop(); await federation.platform.close(); await federation.departments.stop(); } };
}

const query = { query: 'query($id: ResidentId!) { person(idNumber: $id) { idNumber name maritalStatus } }', variables: { id: person.idNumber } };
const ask = async () => postGraphQL(federation.gateway.url, query, await federation.as({ department: 'civil-affairs' }));
const partial = { person: { idNumber: masked, name: person.name, maritalStatus: null } };

async function untilCircuitCloses(): Promise<Awaited<ReturnType<typeof ask>>> {
  for (let tries = 0; tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await ask();
    if (!response.body.errors) return response;
  }
  throw new Error('the circuit never closed');
}

describe('a failing department', () => {
  it('answers normally through the proxy', async () => {
    civilAffairs.mode = 'pass';
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.person.name).toBe(person.name);
  });

  it('that hangs: the rest answers, and the error names the department and the deadline', async () => {
    civilAffairs.mode = 'hang';
    const response = await ask();
    expect(response).toEqual({
      status: 200,
      body: {
        errors: [{
          message: 'The civil-affairs subgraph is unavailable (no answer within 1500 ms); the fields it provides are null in this response. Try again later.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs', reason: 'timeout' },
        }],
        data: partial,
      },
    });
    civilAffairs.mode = 'pass';
    await untilCircuitCloses();
  });

  it('that answers garbage: an error saying so, without its text', async () => {
    civilAffairs.mode = 'garbage';
    const garbage = await ask();
    expect(garbage.body).toEqual({
      errors: [{
        message: 'The civil-affairs subgraph answered with something that is not a GraphQL response (its answer is not JSON); the fields it provides are null in this response.',
        extensions: { code: 'SUBGRAPH_INVALID_RESPONSE', serviceName: 'civil-affairs', reason: 'invalid-response' },
      }],
      data: partial,
    });
    civilAffairs.mode = 'not-graphql';
    const notGraphQL = await ask();
    expect(notGraphQL.body.errors[0].message).toContain('its answer is not a GraphQL response (no data, no errors)');
    civilAffairs.mode = 'pass';
    await untilCircuitCloses();
  });

  it('retries a query once when its connection is cut, and serves it', async () => {
    civilAffairs.mode = 'reset-once';
    const before = civilAffairs.received;
    const response = await ask();
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.person.name).toBe(person.name);
    expect(civilAffairs.received - before).toBe(2);
  });

  it('never retries a mutation', async () => {
    platform.mode = 'reset';
    const before = platform.received;
    const response = await postGraphQL(
      federation.gateway.url,
      { query: 'mutation { revokeAgreement(input: { id: "AGR-2025-0001", reason: "test" }) { id } }' },
      await federation.as({ department: 'public-security', roles: ['dept-admin'] }),
    );
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'platform' });
    expect(platform.received - before).toBe(1);
    platform.mode = 'pass';
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it('opens its circuit after consecutive failures, stops calling it, and probes it back', async () => {
    civilAffairs.mode = 'reset';
    for (let i = 0; i < 3; i++) {
      const failed = await ask();
      expect(failed.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs' });
    }
    const received = civilAffairs.received;
    const refused = await ask();
    expect(refused.body.errors[0]).toMatchObject({
      message: expect.stringContaining('it failed 3 times in a row; the gateway stops calling it for a while'),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs', reason: 'circuit-open' },
    });
    expect(refused.body.data).toEqual(partial);
    expect(civilAffairs.received).toBe(received);
    civilAffairs.mode = 'pass';
    const recovered = await untilCircuitCloses();
    expect(recovered.body.data.person.maritalStatus).not.toBeNull();
    // One probe went through, then the circuit was closed again.
    expect(civilAffairs.received).toBeGreaterThan(received);
  });

  it('that answers slowly: requests waiting for it are bounded, all are answered, the others still serve', async () => {
    platform.mode = 'hang';
    platform.mostOpen = platform.open;
    const headers = await federation.as({ department: 'tax' });
    const slow = Array.from({ length: 12 }, () => postGraphQL(federation.gateway.url, { query: '{ myAccesses(first: 1) { nodes { sequence } } }' }, headers));
    const others = await ask();
    expect(others.body).toEqual({ data: { person: { idNumber: masked, name: person.name, maritalStatus: expect.any(String) } } });
    for (const response of await Promise.all(slow)) {
      expect(response.status).toBe(200);
      expect(response.body.data).toBeNull();
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'platform' });
      expect(['timeout', 'overloaded', 'circuit-open']).toContain(response.body.errors[0].extensions.reason);
    }
    // maxPending is 4: the slow department never held more than 4 of the gateway's requests.
    expect(platform.mostOpen).toBeLessThanOrEqual(4);
    platform.mode = 'pass';
  });

  it('that is killed mid-run: every request is answered, the others still serve', async () => {
    // At most 4 at once: maxPending is 4 per department in this suite.
    const requests = Array.from({ length: 3 }, ask);
    await federation.departments.byId('civil-affairs').stop();
    const responses = [...(await Promise.all(requests)), await ask()];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.data.person.name).toBe(person.name);
      const errors = response.body.errors ?? [];
      expect(errors.every((e: { extensions: { serviceName: string } }) => e.extensions.serviceName === 'civil-affairs')).toBe(true);
    }
    expect(responses.at(-1)!.body.data).toEqual(partial);
  });
});
