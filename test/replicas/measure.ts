/**
 * Figures for docs/DEPLOYMENT.md (not a test): two gateway replicas on a fresh PostgreSQL schema behind the
 * loopback balancer, as in replicas.test.ts. Measures how long after an approval or a revocation commits a request
 * can still start and be answered the old way on either replica (see `until`), throughput of one
 * replica and of both through the balancer, and the time `verifyAudit` takes over the records written.
 *   node --import tsx test/replicas/measure.ts [--duration 10] [--connections 10] [--rounds 10]
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/test); the schema is dropped after.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements } from '../../platform/index.ts';
import { findDepartment } from '../../subgraphs/departments.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { startDepartments, TEST_POPULATION } from '../harness/departments.ts';
import { createReplicaSealing, startReplica } from './gatewayReplica.ts';
import { startBalancer } from './loopbackBalancer.ts';

const { values: flags } = parseArgs({ options: { duration: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' } } });
const duration = Number(flags.duration ?? 10);
const connections = Number(flags.connections ?? 10);
const rounds = Number(flags.rounds ?? 10);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `govgraph_measure_${process.pid}`;
const databaseUrl = `${server}?schema=${schema}`;
const resident = createPopulation(TEST_POPULATION).person(3).idNumber;
const query = JSON.stringify({ query: 'query Marital($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }', variables: { id: resident } });

const departments = await startDepartments(['public-security', 'civil-affairs'].map((id) => findDepartment(id).definition));
const callerKey = await loadOrCreateDevelopmentKey(departments.dataDir);
const sealing = await createReplicaSealing();
const replicas = await Promise.all(['a', 'b'].map((name) => startReplica({ name, databaseUrl, dataDir: departments.dataDir, subgraphUrls: departments.urls, sealing })));
const balancer = await startBalancer(replicas.map((replica) => replica.url));
const store = await openPlatformStore({ databaseUrl });
await seedDemoAgreements(store.agreements);
const token = await mintToken(callerKey, { department: 'tax', application: 'tax-assessor', ttl: '1h' });
const headers = (purpose: string) => ({ authorization: `Bearer ${token}`, 'x-purpose': purpose, 'content-type': 'application/json' });

async function granted(url: string, purpose: string): Promise<boolean> {
  const response = await fetch(url, { method: 'POST', headers: headers(purpose), body: query });
  const body = (await response.json()) as { data?: { person?: { maritalStatus: string | null } } };
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return body.data!.person!.maritalStatus !== null;
}

/**
 * How long after the change committed (`since`) a request could still start and get the old answer: for each
 * replica, requests are sent back to back until one answers `want`; the lag is the latest start of a request that
 * still got the old answer, after `since` (0 when the first request started after the commit already got it).
 * The time a response takes is not counted: it says when the replica enforced the change, not how slow it is.
 */
async function until(want: boolean, purpose: string, since: number): Promise<number> {
  const lags = await Promise.all(replicas.map(async (replica) => {
    let lag = 0;
    for (;;) {
      const started = performance.now();
      if ((await granted(replica.url, purpose)) === want) return lag;
      lag = started - since;
    }
  }));
  return Math.max(...lags);
}

const approval: number[] = [];
const revocation: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const purpose = `measure-round-${round}`;
  const id = `AGR-2026-${String(9000 + round)}`;
  let started = performance.now();
  await store.agreements.create({
    id, consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, legalBasis: 'Measurement',
    validFrom: '2026-01-01', validUntil: '2030-01-01', status: 'APPROVED',
  });
  approval.push(await until(true, purpose, started));
  started = performance.now();
  await store.agreements.setStatus(id, 'REVOKED', { reason: 'Measured', actor: 'measure' });
  revocation.push(await until(false, purpose, started));
}

async function load(url: string) {
  const result = await autocannon({ url, method: 'POST', headers: headers('individual-income-tax-deduction'), body: query, connections, duration });
  return { requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}
const one = await load(replicas[0]!.url);
const both = await load(balancer.url);
const verifyStarted = performance.now();
const verified = await store.verifyAudit({ jwks: sealing.gateway.jwks });
const verifyMs = performance.now() - verifyStarted;

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: Math.round(sorted[Math.floor(sorted.length / 2)]!), max: Math.round(sorted.at(-1)!) };
};
console.log(JSON.stringify({
  rounds, propagationMs: { approval: summary(approval), revocation: summary(revocation) },
  load: { durationSeconds: duration, connections, oneReplica: one, twoReplicasThroughBalancer: both },
  verify: { ok: verified.ok, records: verified.ok ? verified.records : null, milliseconds: Math.round(verifyMs) },
}, null, 2));

await balancer.close();
await Promise.all(replicas.map((replica) => replica.stop()));
await store.close();
await departments.stop();
sealing.remove();
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();
