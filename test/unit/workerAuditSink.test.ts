/**
 * The audit sink whose SQLite trail lives in a worker thread: every append resolves only once durable, records
 * form one verified chain with the other writers of the file, a malformed entry is refused, and a closed or
 * unopenable sink refuses (so the gateway serves nothing unrecorded).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkerAuditSink } from '../../platform/audit/worker/workerAuditSink.ts';
import { openPlatformStore, verifyTrail, type AuditEntry } from '../../platform/index.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-worker-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let key: GrantKey;
beforeAll(async () => {
  key = await loadOrCreateGrantKey(dataDir);
});

function entry(n: number): AuditEntry {
  return {
    kind: 'request',
    time: new Date(Date.UTC(2026, 2, 1, 8, 0, n)).toISOString(),
    requestId: `req-${n}`,
    application: 'tax-assessment',
    department: 'tax',
    purpose: 'property-tax-assessment',
    agreements: [],
    operationName: 'OneStop',
    documentHash: 'a'.repeat(64),
    providers: { 'public-security': { served: ['Person.name'], masked: [], denied: [], subjects: ['110101199003074514'] } },
    outcome: 'ok',
    status: 200,
    reason: null,
    durationMs: 3,
  };
}

describe('openWorkerAuditSink', () => {
  it('records concurrent appends in group commits that form one chain with the store\'s own writes, sealed with the given key', async () => {
    const file = join(dataDir, 'chain', 'platform.sqlite');
    const store = await openPlatformStore({ file });
    const sink = await openWorkerAuditSink({ file, trail: { sealSigner: key, sealEvery: 10 } });
    try {
      const first = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => sink.append(entry(n))));
      expect(first).toEqual([1, 2, 3, 4, 5, 6]);
      // Another writer of the same file (the platform store's workflow) continues the same chain.
      expect((await store.audit.append(entry(7))).sequence).toBe(7);
      const second = await Promise.all([8, 9, 10, 11].map((n) => sink.append(entry(n))));
      expect(second).toEqual([8, 9, 10, 11]);
      const stats = await sink.stats();
      expect(stats.records).toBe(10);
      expect(stats.batches).toBeLessThan(10);
      const page = await store.audit.query({}, { first: 20 });
      expect(page.records.map((r) => r.requestId).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `req-${i + 1}`).sort());
    } finally {
      await sink.close();
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(await verifyTrail(db, { jwks: key.jwks })).toMatchObject({ ok: true, records: 11, seals: 1 });
    } finally {
      db.close();
    }
  });

  it('refuses a malformed entry with the trail\'s reason and goes on recording', async () => {
    const file = join(dataDir, 'malformed', 'platform.sqlite');
    const sink = await openWorkerAuditSink({ file });
    try {
      await expect(sink.append({ ...entry(1), status: 'ok' as unknown as number })).rejects.toThrow(/status/);
      expect(await sink.append(entry(2))).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it('refuses every append once closed', async () => {
    const sink = await openWorkerAuditSink({ file: join(dataDir, 'closed', 'platform.sqlite') });
    await sink.close();
    await expect(sink.append(entry(1))).rejects.toThrow('The audit trail is closed; nothing more can be recorded.');
  });

  it('fails to open when the file cannot be a database, naming the file', async () => {
    const directory = join(dataDir, 'a-directory');
    mkdirSync(directory, { recursive: true });
    await expect(openWorkerAuditSink({ file: directory })).rejects.toThrow(`The audit worker could not open the trail in ${directory}`);
  });
});
