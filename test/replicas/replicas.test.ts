/**
 * Several gateway replicas on one PostgreSQL platform store: two `bin/gateway.ts` processes serving the supergraph
 * published to the store (`--supergraph store`) behind a loopback round-robin balancer. A revocation or an approval
 * made anywhere is enforced by both; a newly published supergraph reaches both; concurrent requests through both
 * form one verifiable chain; a replica killed with SIGKILL mid-load leaves the chain intact and no served response
 * without its record. (Replicas migrating one empty schema at once: test/platform/agreements.test.ts.)
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateDevelopmentKey, mintToken, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { openPlatformStore, openWorkflow, seedDemoAgreements, type PlatformStore, type Workflow } from '../../platform/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { findDepartment } from '../../subgraphs/departments.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';
import { postgresAvailable, postgresLocations, type StoreLocation } from '../harness/platformStores.ts';
import { createReplicaSealing, startPlatformSubgraph, startReplica, type GatewayReplica, type ReplicaSealing } from './gatewayReplica.ts';
import { startBalancer, type LoopbackBalancer } from './loopbackBalancer.ts';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const resident = createPopulation(TEST_POPULATION).person(3).idNumber;
const QUERY = 'query Marital($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }';
const supergraph = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
/** How long a change may take to reach every replica before the test gives up (the design bound is one second). */
const PROPAGATION_LIMIT_MS = 5_000;

interface Answer { status: number; requestId: string | null; upstream: string | null; body: any }

describe.skipIf(!postgresAvailable)('gateway replicas on one PostgreSQL store', () => {
  // Defined here, not in a hook, so its schema is dropped after the suite.
  const locations = postgresLocations();
  let departments: TestDepartments;
  let location: StoreLocation;
  let databaseUrl: string;
  let replicas: GatewayReplica[] = [];
  let platformSubgraph: GatewayReplica;
  let balancer: LoopbackBalancer;
  let store: PlatformStore;
  let workflow: Workflow;
  let callerKey: DevelopmentKey;
  let sealing: ReplicaSealing;

  beforeAll(async () => {
    sealing = await createReplicaSealing();
    departments = await startDepartments(['public-security', 'civil-affairs'].map((id) => findDepartment(id).definition));
    callerKey = await loadOrCreateDevelopmentKey(departments.dataDir);
    location = locations.fresh();
    const { databaseUrl: url, schema } = location.options as { databaseUrl: string; schema: string };
    databaseUrl = `${url}?schema=${schema}`;
    store = await openPlatformStore({ databaseUrl });
    await seedDemoAgreements(store.agreements);
    await publish(supergraph, 'the committed supergraph');
    platformSubgraph = await startPlatformSubgraph({ databaseUrl, dataDir: departments.dataDir, sealing });
    const subgraphUrls = { ...departments.urls, platform: platformSubgraph.url };
    replicas = await Promise.all(['a', 'b'].map((name) =>
      startReplica({ name, databaseUrl, dataDir: departments.dataDir, subgraphUrls, sealing, args: ['--supergraph', 'store'] })));
    balancer = await startBalancer(replicas.map((replica) => replica.url));
    const catalogue = readSharingCatalogue(parse(supergraph));
    workflow = openWorkflow({ store, catalogue });
  }, 120_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await platformSubgraph?.stop();
    await store?.close();
    await departments?.stop();
    sealing?.remove();
  });

  /** Records a published version whose supergraph is `sdl`, as `npm run publish` does. */
  async function publish(sdl: string, reason: string) {
    return store.schemaVersions.record({
      department: 'civil-affairs', sdl: 'type Query { placeholder: Int }', url: departments.urls['civil-affairs']!, supergraphSdl: sdl,
      actor: 'replica-test', reason, changes: [], rollbackOf: null,
    });
  }

  async function ask(url: string, purpose = 'individual-income-tax-deduction'): Promise<Answer> {
    const token = await mintToken(callerKey, { department: 'tax', application: 'tax-assessor' });
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-purpose': purpose, 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { id: resident } }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: response.status, requestId: response.headers.get('x-request-id'), upstream: response.headers.get('x-upstream'), body };
  }

  /** Whether each replica, asked directly, grants tax the marital status for `purpose`. */
  async function grantedByEach(purpose?: string): Promise<boolean[]> {
    return Promise.all(replicas.map(async (replica) => {
      const answer = await ask(replica.url, purpose);
      if (answer.status !== 200) throw new Error(`replica ${replica.name} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body.data.person.maritalStatus !== null;
    }));
  }

  /** Sends `total` requests through the balancer, `concurrency` at a time; `onAnswer` sees each as it arrives. */
  async function load(total: number, concurrency: number, onAnswer: (answer: Answer, done: number) => void = () => {}): Promise<Answer[]> {
    const answers: Answer[] = [];
    let started = 0;
    const worker = async () => {
      while (started < total) {
        started += 1;
        const answer = await ask(balancer.url).catch((error: Error) => ({ status: 0, requestId: null, upstream: null, body: error.message }));
        answers.push(answer);
        onAnswer(answer, answers.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return answers;
  }

  async function recordedRequestIds(): Promise<Set<string>> {
    const rows = await location.rows<{ id: string }>(`SELECT entry::jsonb ->> 'requestId' AS id FROM audit_records WHERE kind = 'request'`);
    return new Set(rows.map((row) => row.id));
  }

  it('serves through both replicas', async () => {
    const answers = await load(6, 2);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.upstream))).toEqual(new Set(['0', '1']));
    expect(answers.every((answer) => typeof answer.body.data.person.maritalStatus === 'string')).toBe(true);
  });

  it("shows a consumer its accesses through either replica, from the platform subgraph on the same store", async () => {
    const served = await load(4, 2);
    const token = await mintToken(callerKey, { department: 'tax', application: 'tax-assessor' });
    const response = await fetch(balancer.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ myAccesses(first: 50) { nodes { requestId } } }' }),
    });
    const body = (await response.json()) as { data: { myAccesses: { nodes: { requestId: string }[] } } };
    const listed = new Set(body.data.myAccesses.nodes.map((node) => node.requestId));
    expect(new Set(served.map((answer) => answer.upstream))).toEqual(new Set(['0', '1']));
    expect(served.filter((answer) => !listed.has(answer.requestId!))).toEqual([]);
  });

  it('enforces a revocation made through the workflow on every replica, and an approval too', async () => {
    expect(await grantedByEach()).toEqual([true, true]);
    const caAdmin = { application: 'ca-admin', department: 'civil-affairs', roles: ['dept-admin'] };
    await workflow.applications.revoke({ id: 'AGR-2025-0002', reason: 'Deduction checks moved to another system', actor: caAdmin });
    await vi.waitFor(async () => expect(await grantedByEach()).toEqual([false, false]), { timeout: PROPAGATION_LIMIT_MS, interval: 50 });
    const denied = await ask(replicas[1]!.url);
    expect(denied.body.errors).toEqual([expect.objectContaining({
      path: ['person', 'maritalStatus'],
      extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: 'Person.maritalStatus' }),
    })]);

    // A new application, approved by the provider: granted on both replicas.
    const taxAdmin = { application: 'tax-admin', department: 'tax', roles: ['dept-admin'] };
    const applied = await workflow.applications.apply({
      consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'individual-income-tax-audit',
      legalBasis: 'Tax Collection Administration Law art. 6', scenario: 'Auditing spouse deductions claimed in earlier years',
      validFrom: new Date().toISOString(), validUntil: new Date(Date.now() + 86_400_000).toISOString(), actor: taxAdmin,
    });
    expect(await grantedByEach('individual-income-tax-audit')).toEqual([false, false]);
    await workflow.applications.decide({ id: applied.agreement.id, decision: 'approve', actor: caAdmin });
    await vi.waitFor(async () => expect(await grantedByEach('individual-income-tax-audit')).toEqual([true, true]), { timeout: PROPAGATION_LIMIT_MS, interval: 50 });
  });

  it('brings a newly published supergraph to both replicas', async () => {
    const health = (replica: GatewayReplica) => fetch(new URL('/health', replica.url)).then((r) => r.json() as Promise<{ supergraph: string }>);
    const published = await publish(`${supergraph}\n# republished by the replica test\n`, 'a new version');
    expect((await health(replicas[0]!)).supergraph).not.toBe(published.supergraphHash);
    // The store source polls every 10 s (gateway default); allow three rounds.
    await vi.waitFor(async () => expect(await Promise.all(replicas.map(async (replica) => (await health(replica)).supergraph)))
      .toEqual([published.supergraphHash, published.supergraphHash]), { timeout: 30_000, interval: 250 });
    expect((await ask(balancer.url)).status).toBe(200);
  }, 40_000);

  it('keeps one verifiable chain under concurrent load through both replicas', async () => {
    const before = (await store.audit.head()).sequence;
    const answers = await load(80, 12);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.upstream))).toEqual(new Set(['0', '1']));
    const recorded = await recordedRequestIds();
    expect(answers.filter((answer) => !recorded.has(answer.requestId!))).toEqual([]);
    expect((await store.audit.head()).sequence - before).toBeGreaterThanOrEqual(80);
    expect(await store.verifyAudit({ jwks: sealing.gateway.jwks })).toMatchObject({ ok: true });
  });

  it('survives a replica killed mid-load: the chain verifies and every served response has its record', async () => {
    const [, doomed] = replicas;
    let killed: Promise<void> | null = null;
    const answers = await load(90, 8, (_answer, done) => {
      if (done === 30) killed = doomed!.kill();
    });
    await killed;
    expect(doomed!.process.signalCode).toBe('SIGKILL');

    const served = answers.filter((answer) => answer.status === 200);
    const failed = answers.filter((answer) => answer.status !== 200);
    // Only requests in flight at the kill may fail (the balancer does not replay them); every later one is served by the survivor.
    expect(failed.length).toBeLessThanOrEqual(8);
    expect(failed.every((answer) => answer.status === 502 || answer.status === 0)).toBe(true);
    expect(served.length).toBeGreaterThanOrEqual(90 - 8);
    expect(new Set(served.map((answer) => answer.upstream))).toEqual(new Set(['0', '1']));
    const recorded = await recordedRequestIds();
    expect(served.filter((answer) => !recorded.has(answer.requestId!))).toEqual([]);
    expect(await store.verifyAudit({ jwks: sealing.gateway.jwks })).toMatchObject({ ok: true });

    // The operator's command agrees, run against the store while the surviving replica keeps serving: seals checked
    // against the sealing key's public half and against the copies both replicas anchored.
    const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, ...env } = process.env;
    const verify = await run(process.execPath, ['--import', 'tsx', 'bin/audit-verify.ts', '--data-dir', departments.dataDir, '--jwks', sealing.gateway.jwksFile], {
      cwd: root, env: { ...env, DATABASE_URL: databaseUrl },
    });
    expect(verify.stdout).toMatch(/^Audit trail of 127\.0\.0\.1:5432\/test schema govgraph_test_\w+: intact\. \d+ records/);
    expect((await ask(balancer.url)).status).toBe(200);
  });

  it('seals the head when the last replica stops, and the store matches every seal its replicas anchored', async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    const head = await store.audit.head();
    const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, ...env } = process.env;
    const verify = await run(process.execPath, ['--import', 'tsx', 'bin/audit-verify.ts', '--data-dir', departments.dataDir, '--jwks', sealing.gateway.jwksFile, '--anchors', sealing.anchorFile], {
      cwd: root, env: { ...env, DATABASE_URL: databaseUrl },
    });
    const [, seals, anchored] = /, (\d+) seals? verified\. (\d+) seals? of .* found as anchored\.\n$/.exec(verify.stdout) ?? [];
    expect(verify.stdout).toContain(`intact. ${head.sequence} records (up to record ${head.sequence}, head ${head.hash.slice(0, 12)}…)`);
    expect(Number(anchored)).toBeGreaterThanOrEqual(1);
    expect(Number(anchored)).toBe(Number(seals));
  });
});

