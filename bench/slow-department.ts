/**
 * Gateway memory under a department that never answers (not a test; figures for docs): the departments, a
 * gateway whose civil-affairs is behind a proxy that holds every request, and `--concurrency` callers sending
 * `--requests` person queries that need civil-affairs. Prints the heap after a full GC at each quarter of the run,
 * and the most requests the slow department ever held. Needs --expose-gc:
 *   node --expose-gc --import tsx bench/slow-department.ts [--requests 3000] [--concurrency 64] [--timeout-ms 500] [--breaker]
 * Without --breaker every request waits for its deadline (the worst case); with it, the circuit opens.
 */
import { parseArgs } from 'node:util';
import { startGateway } from '../gateway/index.ts';
import { DEVELOPMENT_ISSUER } from '../gateway/identify/index.ts';
import { SUPERGRAPH_FILE } from '../schema/departmentsSupergraph.ts';
import { createPopulation } from '../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../test/harness/departments.ts';
import { silentLogger, startFederation } from '../test/harness/federation.ts';
import { startFaultProxy } from '../test/hardening/faultProxy.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string' }, concurrency: { type: 'string' }, 'timeout-ms': { type: 'string' }, breaker: { type: 'boolean' } },
});
const total = Number(values.requests ?? 3000);
const concurrency = Number(values.concurrency ?? 64);
const timeoutMs = Number(values['timeout-ms'] ?? 500);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc.');

const federation = await startFederation();
const proxy = await startFaultProxy(federation.departments.urls['civil-affairs']!);
proxy.mode = 'hang';
await federation.gateway.stop();
const gateway = await startGateway({
  supergraph: SUPERGRAPH_FILE,
  port: 0,
  logger: silentLogger,
  identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
  agreements: federation.platform.agreements,
  grantSigning: federation.departments.grantKey,
  audit: federation.platform.audit,
  subgraphUrls: { ...federation.departments.urls, 'civil-affairs': proxy.url },
  applicationPolicy: { defaults: { rateLimit: null } },
  subgraphResilience: { timeouts: { 'civil-affairs': timeoutMs }, ...(values.breaker ? {} : { breaker: null }) },
});
const person = createPopulation(TEST_POPULATION).person(5);
const headers = { ...(await federation.as({ department: 'civil-affairs' })), 'content-type': 'application/json' };
const body = JSON.stringify({ query: 'query($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }', variables: { id: person.idNumber } });

const heapMiB = () => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
};
const samples: { sent: number; heapMiB: number; rssMiB: number }[] = [{ sent: 0, heapMiB: heapMiB(), rssMiB: Math.round(process.memoryUsage().rss / 1048576) }];
let sent = 0;
let done = 0;
let partial = 0;
const reasons = new Map<string, number>();
const started = performance.now();
const worker = async () => {
  while (sent < total) {
    sent++;
    const response = await fetch(gateway.url, { method: 'POST', headers, body });
    const answer = (await response.json()) as { data?: { person?: { name?: string } }; errors?: { extensions?: { reason?: string } }[] };
    if (answer.data?.person?.name === person.name) partial++;
    const reason = answer.errors?.[0]?.extensions?.reason ?? 'none';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    done++;
    if (done % Math.ceil(total / 4) === 0 && done < total) samples.push({ sent: done, heapMiB: heapMiB(), rssMiB: Math.round(process.memoryUsage().rss / 1048576) });
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
samples.push({ sent: done, heapMiB: heapMiB(), rssMiB: Math.round(process.memoryUsage().rss / 1048576) });
console.log(JSON.stringify({
  requests: total, concurrency, timeoutMs, breaker: Boolean(values.breaker), seconds: Math.round(seconds * 10) / 10,
  answeredWithOtherDepartmentsData: partial, errorReasons: Object.fromEntries(reasons), mostHeldBySlowDepartment: proxy.mostOpen, samples,
}, null, 1));
await gateway.stop();
await proxy.close();
await federation.platform.close();
await federation.departments.stop();
