/**
 * Figures for docs/DEPLOYMENT.md (not a test): how fast the audit trail appends, from one process or from two at
 * once on one store (as two replicas would), with `inflight` appends waiting at any time per process.
 *   node --import tsx test/replicas/auditAppendRate.ts [--store postgres|sqlite] [--records 3000] [--inflight 50] [--processes 1|2]
 * PostgreSQL: DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/test); a fresh schema is
 * used and dropped after. SQLite: a file in a temporary directory.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPlatformStore, type AuditEntry, type PlatformStoreOptions } from '../../platform/index.ts';

const { values: flags } = parseArgs({
  options: { store: { type: 'string' }, records: { type: 'string' }, inflight: { type: 'string' }, processes: { type: 'string' }, child: { type: 'string' } },
});

if (flags.child) {
  // One appending process: reports records per second and its group-commit figures.
  const { options, records, inflight } = JSON.parse(flags.child) as { options: PlatformStoreOptions; records: number; inflight: number };
  const store = await openPlatformStore(options);
  const entry = (i: number): AuditEntry => ({
    kind: 'request', time: new Date().toISOString(), requestId: `${process.pid}-${i}`, application: 'tax-assessor', department: 'tax',
    purpose: 'individual-income-tax-deduction', agreements: ['AGR-2025-0002'], operationName: 'Marital', documentHash: 'a'.repeat(64),
    providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: ['110101199003074514'] } },
    outcome: 'ok', status: 200, reason: null, durationMs: 3,
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inflight }, async () => {
    while (next < records) await store.audit.append(entry(next++));
  }));
  const seconds = (performance.now() - started) / 1000;
  process.send!({ recordsPerSecond: Math.round(records / seconds), ...store.audit.stats() });
  await store.close();
  process.exit(0);
}

const kind = flags.store ?? 'postgres';
const records = Number(flags.records ?? 3000);
const inflight = Number(flags.inflight ?? 50);
const processes = Number(flags.processes ?? 1);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `govgraph_rate_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'govgraph-rate-'));
const options: PlatformStoreOptions = kind === 'postgres' ? { databaseUrl: server, schema } : { file: join(dir, 'platform.sqlite') };
await (await openPlatformStore(options)).close();

const results = await Promise.all(Array.from({ length: processes }, () => new Promise<Record<string, number>>((resolve, reject) => {
  const child = fork(new URL(import.meta.url).pathname, ['--child', JSON.stringify({ options, records: Math.round(records / processes), inflight })], { execArgv: ['--import', 'tsx'] });
  child.once('message', (message) => resolve(message as Record<string, number>));
  child.once('exit', (code) => code !== 0 && reject(new Error(`appending process exited with ${code}`)));
})));
const store = await openPlatformStore(options);
const head = await store.audit.head();
await store.close();
console.log(JSON.stringify({ store: kind, processes, inflight, records: head.sequence, perProcess: results, totalRecordsPerSecond: results.reduce((sum, r) => sum + r.recordsPerSecond!, 0) }));
rmSync(dir, { recursive: true, force: true });
if (kind === 'postgres') {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
