import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { compactVerify, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forEachStore, type StoreKind, type StoreLocation } from '../harness/platformStores.ts';
import {
  AuditUnavailableError,
  canonicalJson,
  GENESIS_HASH,
  openPlatformStore,
  recordHash,
  verifyTrail,
  type AuditEntry,
  type AuditRecord,
  type PlatformStore,
  type PlatformStoreOptions,
  type VerifyOptions,
} from '../../platform/index.ts';
import type { AuditFilter } from '../../platform/audit/trail.ts';
import { signSeal } from '../../platform/audit/seals.ts';
import { auditQuery } from '../../platform/audit/auditQuery.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let key: GrantKey;
beforeAll(async () => {
  key = await loadOrCreateGrantKey(dataDir);
});

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

let fileCount = 0;
function newFile(): string {
  return join(dataDir, `audit-${++fileCount}`, 'platform.sqlite');
}

/** A request of the tax department's assessment application that read one resident's marital status. */
function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    kind: 'request',
    time: '2026-03-01T08:00:00.000Z',
    requestId: 'req-1',
    application: 'tax-assessment',
    department: 'tax',
    purpose: 'individual-income-tax-deduction',
    agreements: ['AGR-2025-0002'],
    operationName: 'Deduction',
    documentHash: 'a'.repeat(64),
    providers: {
      'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: ['110101199003074514'] },
      'public-security': { served: ['Person.idNumber', 'Person.name'], masked: ['Person.idNumber'], denied: [], subjects: ['110101199003074514'] },
    },
    outcome: 'ok',
    status: 200,
    reason: null,
    durationMs: 12.5,
    ...overrides,
  };
}

/**
 * When the store tests verify: two minutes after the fixture requests (2026-03-01T08:00), so the records a test
 * leaves unsealed are recent, as they are when a gateway runs. The tests of missing seals set their own clock.
 */
const VERIFIED_AT = new Date('2026-03-01T08:02:00.000Z');

function numbered(count: number, from = 1): AuditEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return entry({ requestId: `req-${n}`, time: new Date(Date.UTC(2026, 2, 1, 8, 0, n)).toISOString() });
  });
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('canonical serialization', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: null, c: true }], é: 'x\n' })).toBe('{"a":[3,1,{"c":true,"d":null}],"b":1,"é":"x\\n"}');
  });

  it('refuses values JSON would drop or change, naming where they are', () => {
    expect(() => canonicalJson({ a: { b: undefined } })).toThrow('canonicalJson: $.a.b is undefined');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('$.n is NaN');
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('$.at is a Date object');
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow('$[1] is undefined');
  });

  it('hashes a record as sha256 of the canonical { entry, previousHash, sequence }', () => {
    const expected = createHash('sha256').update(canonicalJson({ entry: entry(), previousHash: GENESIS_HASH, sequence: 1 })).digest('hex');
    expect(recordHash(GENESIS_HASH, 1, entry())).toBe(expected);
  });
});

forEachStore((kind) => {
  const dialect: StoreKind = kind.kind;
  /** The statement for this store, where the two dialects differ. */
  const sql = (variants: Record<StoreKind, string>) => variants[dialect];

  async function openStore(location: StoreLocation = kind.fresh(), audit: PlatformStoreOptions['audit'] = {}) {
    const store = await openPlatformStore({ ...location.options, audit });
    opened.push(store);
    return { store, trail: store.audit, location };
  }

  /** Verifies the trail as stored, through a connection of its own (as `npm run audit:verify` does). */
  async function verifyStored(location: StoreLocation, jwks = key.jwks, options: Omit<VerifyOptions, 'jwks'> = {}) {
    const store = await openPlatformStore(location.options);
    try {
      return await store.verifyAudit({ jwks, now: VERIFIED_AT, ...options });
    } finally {
      await store.close();
    }
  }

  describe('append', () => {
    it('chains each record to the one before it and resolves with the record as stored', async () => {
      const { trail } = await openStore();
      const first = await trail.append(entry({ requestId: 'req-1' }));
      const second = await trail.append(entry({ requestId: 'req-2', outcome: 'denied', status: 403, reason: 'no agreement' }));
      const firstHash = recordHash(GENESIS_HASH, 1, entry({ requestId: 'req-1' }));
      expect(first).toEqual({ ...entry({ requestId: 'req-1' }), sequence: 1, previousHash: GENESIS_HASH, hash: firstHash });
      expect(second).toEqual({
        ...entry({ requestId: 'req-2', outcome: 'denied', status: 403, reason: 'no agreement' }),
        sequence: 2,
        previousHash: firstHash,
        hash: recordHash(firstHash, 2, entry({ requestId: 'req-2', outcome: 'denied', status: 403, reason: 'no agreement' })),
      });
      expect(await trail.head()).toEqual({ sequence: 2, hash: second.hash });
    });

    it('writes 100 appends of one tick in one transaction, each durable when it resolves', async () => {
      const { trail, location } = await openStore();
      const storedWhenResolved: unknown[] = [];
      const records = await Promise.all(
        numbered(100).map((e) => trail.append(e).then(async (record) => {
          storedWhenResolved.push(await location.value('SELECT count(*) FROM audit_records'));
          return record;
        })),
      );
      expect(records.map((r) => r.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(records.map((r) => r.requestId)).toEqual(numbered(100).map((e) => e.requestId));
      expect(trail.stats()).toEqual({ batches: 1, records: 100, lastBatchSize: 100, maxBatchSize: 100 });
      expect(new Set(storedWhenResolved)).toEqual(new Set([100]));
      expect(await verifyStored(location)).toEqual({ ok: true, records: 100, seals: 0, last: { sequence: 100, hash: records[99]!.hash } });
    });

    it('gathers appends of several ticks within maxBatchDelayMs, and splits batches at batchLimit', async () => {
      const windowed = (await openStore(kind.fresh(), { maxBatchDelayMs: 30 })).trail;
      const appends = [windowed.append(entry())];
      await new Promise((done) => setImmediate(done));
      appends.push(windowed.append(entry()));
      await new Promise((done) => setTimeout(done, 5));
      appends.push(windowed.append(entry()));
      await Promise.all(appends);
      expect(windowed.stats()).toEqual({ batches: 1, records: 3, lastBatchSize: 3, maxBatchSize: 3 });

      const limited = (await openStore(kind.fresh(), { batchLimit: 30 })).trail;
      await Promise.all(numbered(100).map((e) => limited.append(e)));
      expect(limited.stats()).toEqual({ batches: 4, records: 100, lastBatchSize: 10, maxBatchSize: 30 });
    });

    it('validates its options when the platform store opens, naming the bad one', async () => {
      const [trailClass, connection] = dialect === 'sqlite' ? ['SqliteAuditTrail', 'db'] : ['PostgresAuditTrail', 'pool'];
      await expect(openPlatformStore({ ...kind.fresh().options, audit: { batchLimit: 0 } })).rejects.toThrow(
        `${trailClass}: option \`batchLimit\` must be an integer of at least 1; got 0.`,
      );
      await expect(openPlatformStore({ ...kind.fresh().options, audit: { sealEvry: 5 } as never })).rejects.toThrow(
        `${trailClass}: unknown option \`sealEvry\` (known: ${connection}, maxBatchDelayMs, batchLimit, sealSigner, sealEvery, sealIntervalMs, anchor, now, onSealError${dialect === 'sqlite' ? ', subjectBacklog' : ''}).`,
      );
    });

    it('refuses a malformed entry alone, naming its problems, and writes the rest of its batch', async () => {
      const { trail, location } = await openStore();
      const bad = trail.append({ ...entry(), time: '1 March 2026', status: '200' as unknown as number, extra: 1 } as AuditEntry);
      const good = trail.append(entry());
      await expect(bad).rejects.toThrow(
        'Audit entry refused (not recorded): unknown field `extra`; `time` must be an ISO timestamp as Date.toISOString() writes it (2026-03-01T08:00:00.000Z); `status` must be an integer (the HTTP status).',
      );
      expect((await good).sequence).toBe(1);
      expect(await location.value('SELECT count(*) FROM audit_records')).toBe(1);
    });

    it('forms one chain when two trail instances append to the same store at once', async () => {
      const location = kind.fresh();
      const a = (await openStore(location)).trail;
      const b = (await openStore(location)).trail;
      const records = await Promise.all(numbered(60).flatMap((e, i) => [a.append({ ...e, requestId: `a-${i}` }), b.append({ ...e, requestId: `b-${i}` })]));
      expect(records.map((r) => r.sequence).sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(a.stats().batches + b.stats().batches).toBe(2);
      expect(await verifyStored(location)).toMatchObject({ ok: true, records: 120 });
    });

    it('forms one chain when two processes append to the same store at once', async () => {
      const location = kind.fresh();
      await (await openStore(location)).store.close();
      const script = `
        const { openPlatformStore } = await import('./platform/index.ts');
        const store = await openPlatformStore(JSON.parse(process.env.AUDIT_STORE));
        for (let wave = 0; wave < 20; wave++) {
          await Promise.all(Array.from({ length: 10 }, (_, i) => store.audit.append({
            kind: 'request', time: new Date().toISOString(), requestId: process.env.WHO + '-' + wave + '-' + i,
            application: 'app', department: 'tax', purpose: null, agreements: [], operationName: null, documentHash: null,
            providers: {}, outcome: 'ok', status: 200, reason: null, durationMs: 1 })));
        }
        console.log(JSON.stringify(store.audit.stats()));
        await store.close();`;
      const child = (who: string) =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { ...process.env, AUDIT_STORE: JSON.stringify(location.options), WHO: who } });
      const outputs = await Promise.all([child('one'), child('two')]);
      expect(outputs.map((o) => JSON.parse(o.stdout).records)).toEqual([200, 200]);
      expect(await verifyStored(location)).toMatchObject({ ok: true, records: 400 });
      expect(await location.value(sql({
        sqlite: `SELECT count(DISTINCT json_extract(entry, '$.requestId')) FROM audit_records`,
        postgres: `SELECT count(DISTINCT entry::jsonb ->> 'requestId') FROM audit_records`,
      }))).toBe(400);
    });
  });

  describe('when the store cannot write', () => {
    it('rejects every append of the failing batch, keeps none of it, and goes on once it can write again', async () => {
      const { trail, location } = await openStore();
      await Promise.all(numbered(2).map((e) => trail.append(e)));
      await location.tamper(sql({
        sqlite: `CREATE TRIGGER disk_full BEFORE INSERT ON audit_records WHEN NEW.sequence = 4 BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`,
        postgres: `CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
                   CREATE TRIGGER disk_full BEFORE INSERT ON audit_records FOR EACH ROW WHEN (NEW.sequence = 4) EXECUTE FUNCTION disk_full()`,
      }));

      const results = await Promise.allSettled(numbered(5, 3).map((e) => trail.append(e)));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      const reason = (results[0] as PromiseRejectedResult).reason as AuditUnavailableError;
      expect(reason).toBeInstanceOf(AuditUnavailableError);
      expect(reason.code).toBe('AUDIT_UNAVAILABLE');
      expect(reason.message).toBe(
        'The audit trail could not record a batch of 5 entries (disk full (simulated)); nothing of it was kept. ' +
          'Serve nothing that needs a record until the platform store is writable again (check its disk, permissions and locks).',
      );
      expect(new Set(results.map((r) => (r as PromiseRejectedResult).reason))).toEqual(new Set([reason]));
      expect(await location.value('SELECT count(*) FROM audit_records')).toBe(2);
      expect(await location.value('SELECT count(*) FROM audit_record_items WHERE sequence > 2')).toBe(0);
      expect(await trail.head()).toMatchObject({ sequence: 2 });
      expect(await verifyStored(location)).toMatchObject({ ok: true, records: 2 });

      await location.tamper(sql({ sqlite: 'DROP TRIGGER disk_full', postgres: 'DROP TRIGGER disk_full ON audit_records' }));
      expect((await trail.append(entry())).sequence).toBe(3);
      expect(await verifyStored(location)).toMatchObject({ ok: true, records: 3 });
    });

    it('rejects appends when its database connection is gone', async () => {
      const { store, trail, location } = await openStore();
      await trail.append(entry());
      if (dialect === 'sqlite') (store.audit as unknown as { db: Database.Database }).db.close();
      else await (store as unknown as { pool: { end(): Promise<void> } }).pool.end();
      const gone = dialect === 'sqlite' ? 'The database connection is not open' : 'Cannot use a pool after calling end on the pool';
      await expect(trail.append(entry())).rejects.toThrow(AuditUnavailableError);
      await expect(trail.append(entry())).rejects.toThrow(`The audit trail could not record a batch of 1 entry (${gone})`);
      expect(await verifyStored(location)).toMatchObject({ ok: true, records: 1 });
    });

    it('rejects appends after close', async () => {
      const { store, trail } = await openStore();
      await store.close();
      await expect(trail.append(entry({ requestId: 'late' }))).rejects.toThrow('The audit trail could not record request late (the trail is closed)');
    });
  });

  describe('seals', () => {
    it('signs the head with the gateway key and stores the seal', async () => {
      const { trail, location } = await openStore(kind.fresh(), {});
      const records = await Promise.all(numbered(3).map((e) => trail.append(e)));
      const seal = await trail.seal(key);
      expect(seal).toEqual({ id: 1, sequence: 3, hash: records[2]!.hash, time: expect.any(String), kid: key.kid, signature: expect.any(String) });
      const { payload, protectedHeader } = await compactVerify(seal.signature, createLocalJWKSet(key.jwks));
      expect(protectedHeader).toEqual({ alg: 'ES256', kid: key.kid, typ: 'govgraph-audit-seal' });
      expect(new TextDecoder().decode(payload)).toBe(canonicalJson({ hash: seal.hash, id: 1, sequence: 3, time: seal.time }));
      expect(await verifyStored(location)).toEqual({ ok: true, records: 3, seals: 1, last: { sequence: 3, hash: records[2]!.hash } });
    });

    it('seals automatically every sealEvery records and every sealIntervalMs', async () => {
      const sealedAt = (location: StoreLocation) => location.value(sql({
        sqlite: 'SELECT group_concat(sequence) FROM audit_seals',
        postgres: `SELECT string_agg(sequence::text, ',' ORDER BY id) FROM audit_seals`,
      }));
      const counted = await openStore(kind.fresh(), { sealSigner: key, sealEvery: 10 });
      await Promise.all(numbered(10).map((e) => counted.trail.append(e)));
      await Promise.all(numbered(4).map((e) => counted.trail.append(e)));
      await vi.waitFor(async () => expect(await sealedAt(counted.location)).toBe('10'));
      await Promise.all(numbered(6).map((e) => counted.trail.append(e)));
      await vi.waitFor(async () => expect(await sealedAt(counted.location)).toBe('10,20'));

      const timed = await openStore(kind.fresh(), { sealSigner: key, sealEvery: 0, sealIntervalMs: 20 });
      await Promise.all(numbered(3).map((e) => timed.trail.append(e)));
      await vi.waitFor(async () => expect(await sealedAt(timed.location)).toBe('3'));
      expect(await verifyStored(timed.location)).toMatchObject({ ok: true, records: 3, seals: 1 });
    });

    it('refuses to seal a head that does not match the last record', async () => {
      const { trail, location } = await openStore();
      await Promise.all(numbered(3).map((e) => trail.append(e)));
      await location.tamper('DELETE FROM audit_records WHERE sequence = 3');
      await expect(trail.seal(key)).rejects.toThrow(
        'Audit seal refused: the head marker (record 3) does not match the last record (record 2). Run `npm run audit:verify` to find what was changed.',
      );
    });
  });

  describe('verifyTrail', () => {
    /** Ten records, a seal at 10, two more records. */
    async function sealedTrail() {
      const opened = await openStore();
      const records: AuditRecord[] = await Promise.all(numbered(10).map((e) => opened.trail.append(e)));
      await opened.trail.seal(key);
      records.push(...(await Promise.all(numbered(2, 11).map((e) => opened.trail.append(e)))));
      return { ...opened, records };
    }

    it('passes on an untouched trail, and on an empty one', async () => {
      const { location, records } = await sealedTrail();
      expect(await verifyStored(location)).toEqual({ ok: true, records: 12, seals: 1, last: { sequence: 12, hash: records[11]!.hash } });
      const empty = await openStore();
      await empty.trail.seal(key);
      expect(await verifyStored(empty.location)).toEqual({ ok: true, records: 0, seals: 1, last: null });
    });

    it('names the record whose content was updated', async () => {
      const { location } = await sealedTrail();
      await location.tamper(sql({
        sqlite: `UPDATE audit_records SET entry = json_set(entry, '$.department', 'health'), consumer = 'health' WHERE sequence = 4`,
        postgres: `UPDATE audit_records SET entry = jsonb_set(entry::jsonb, '{department}', '"health"')::text, consumer = 'health' WHERE sequence = 4`,
      }));
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 4, reason: 'record 4: content does not match its hash (rewritten?)' });
    });

    it('names the record after a rewritten one whose hash was recomputed, and the seal when the chain was recomputed too', async () => {
      const { location } = await sealedTrail();
      const [row] = await location.rows<{ previous_hash: string; entry: string }>('SELECT previous_hash, entry FROM audit_records WHERE sequence = 4');
      if (!row) throw new Error('record 4 is missing');
      const forged = { ...(JSON.parse(row.entry) as AuditEntry), purpose: 'something-else' };
      await location.tamper('UPDATE audit_records SET entry = ?, hash = ? WHERE sequence = 4', canonicalJson(forged), recordHash(row.previous_hash, 4, forged));
      expect(await verifyStored(location)).toEqual({
        ok: false, sequence: 5,
        reason: 'record 5: its previousHash does not match the hash of record 4 (a record rewritten with a recomputed hash, or reordered?)',
      });

      await rechain(location, 5);
      expect(await verifyStored(location)).toEqual({
        ok: false, sequence: 10,
        reason: 'seal 1: record 10 does not match the hash it sealed (record rewritten with a recomputed chain?)',
      });
    });

    it('names a deleted record', async () => {
      const { location } = await sealedTrail();
      await location.tamper('DELETE FROM audit_records WHERE sequence = 7');
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 7, reason: 'record 7 is missing (sequence jumps from 6 to 8)' });
    });

    it('finds the newest records deleted after a seal, even with the head marker moved back', async () => {
      const { location, records } = await sealedTrail();
      await location.tamper('DELETE FROM audit_records WHERE sequence > 10');
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 11, reason: 'the trail ends at 10 but its head marker says 12 (truncated?)' });

      await location.tamper('DELETE FROM audit_records WHERE sequence > 8');
      await location.tamper('UPDATE audit_head SET sequence = 8, hash = ?', records[7]!.hash);
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 9, reason: 'the trail ends at 8 but seal 1 covers up to 10 (truncated?)' });
    });

    it('rejects a forged seal, a seal by an unknown key and an altered seal', async () => {
      const { location, records } = await sealedTrail();
      const impostor = (await generateKeyPair('ES256', { extractable: true })).privateKey;
      const claim = { id: 2, sequence: 12, hash: records[11]!.hash, time: '2026-03-01T09:00:00.000Z' };
      const insert = sql({
        sqlite: 'INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) VALUES (?, ?, ?, ?, ?, ?)',
        postgres: 'INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?)',
      });
      await location.tamper(insert, 2, claim.sequence, claim.hash, claim.time, key.kid, await signSeal({ privateKey: impostor, kid: key.kid }, claim));
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 12, reason: 'seal 2: signature does not verify (forged or altered)' });

      await location.tamper('DELETE FROM audit_seals WHERE id = 2');
      await location.tamper(insert, 2, claim.sequence, claim.hash, claim.time, 'other-key', await signSeal({ privateKey: impostor, kid: 'other-key' }, claim));
      expect(await verifyStored(location)).toEqual({
        ok: false, sequence: 12, reason: 'seal 2: signature does not verify: its key (kid other-key) is not in the gateway JWKS',
      });

      await location.tamper('DELETE FROM audit_seals WHERE id = 2');
      await location.tamper('UPDATE audit_seals SET sequence = 11, hash = ? WHERE id = 1', records[10]!.hash);
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 10, reason: 'seal 1: its stored fields differ from what was signed (altered?)' });
    });

    it('names a record whose index rows were altered to hide it', async () => {
      const { location, store } = await sealedTrail();
      await store.close(); // its subject rows written (SQLite writes them behind the chain)
      await location.tamper(`DELETE FROM audit_record_subjects WHERE sequence = 6`);
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 6, reason: 'record 6: its subjects index rows do not match its content (altered to hide it from a view?)' });
      await location.tamper(`UPDATE audit_records SET consumer = 'health' WHERE sequence = 3`);
      expect(await verifyStored(location)).toEqual({ ok: false, sequence: 3, reason: 'record 3: its consumer column does not match its content (altered to hide or misfile it?)' });
    });
  });

  /** Recomputes the hashes of records from `from` on and the head, as someone covering a rewrite would. */
  async function rechain(location: StoreLocation, from: number): Promise<void> {
    const [before] = await location.rows<{ hash: string }>('SELECT hash FROM audit_records WHERE sequence = ?', from - 1);
    let previous = before!.hash;
    const rows = await location.rows<{ sequence: number; entry: string }>('SELECT sequence, entry FROM audit_records WHERE sequence >= ? ORDER BY sequence', from);
    for (const row of rows) {
      const hash = recordHash(previous, row.sequence, JSON.parse(row.entry) as AuditEntry);
      await location.tamper('UPDATE audit_records SET previous_hash = ?, hash = ? WHERE sequence = ?', previous, hash, row.sequence);
      previous = hash;
    }
    await location.tamper('UPDATE audit_head SET hash = ?', previous);
  }

  describe('export', () => {
    async function exported() {
      const opened = await openStore();
      await Promise.all(numbered(6).map((e) => opened.trail.append(e)));
      await opened.trail.seal(key);
      await Promise.all(numbered(6, 7).map((e) => opened.trail.append(e)));
      await opened.trail.seal(key);
      // seconds 3 to 9: records 3 to 9, and the seal at 6 (the seal at 12 covers a record outside the range)
      const lines = await collect(opened.trail.export({ from: '2026-03-01T08:00:03.000Z', to: '2026-03-01T08:00:10.000Z' }));
      return { ...opened, lines };
    }

    it('writes the seals of the range, then its records with their chain data, one JSON line each', async () => {
      const { lines, trail } = await exported();
      expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(parsed[0]).toEqual({ seal: { id: 1, sequence: 6, hash: expect.any(String), time: expect.any(String), kid: key.kid, signature: expect.any(String) } });
      const stored = (await trail.query({}, { first: 12 })).records.reverse().slice(2, 9);
      expect(parsed.slice(1)).toEqual(stored);
      expect(lines[1]).toBe(`${canonicalJson(stored[0])}\n`);
    });

    it('verifies offline, first record taken as given, and fails after a line is edited or dropped', async () => {
      const { lines } = await exported();
      expect(await verifyTrail(lines, { jwks: key.jwks })).toMatchObject({ ok: true, records: 7, seals: 1, last: { sequence: 9 } });

      const edited = lines.map((line, i) => (i === 4 ? line.replace('"department":"tax"', '"department":"health"') : line));
      expect(await verifyTrail(edited, { jwks: key.jwks })).toEqual({ ok: false, sequence: 6, reason: 'record 6: content does not match its hash (rewritten?)' });

      const dropped = lines.filter((_, i) => i !== 3);
      expect(await verifyTrail(dropped, { jwks: key.jwks })).toEqual({ ok: false, sequence: 5, reason: 'record 5 is missing (sequence jumps from 4 to 6)' });

      const cut = lines.slice(0, 3);
      expect(await verifyTrail(cut, { jwks: key.jwks })).toEqual({ ok: false, sequence: 5, reason: 'the trail ends at 4 but seal 1 covers up to 6 (truncated?)' });

      expect(await verifyTrail([...lines, 'not json\n'], { jwks: key.jwks })).toEqual({ ok: false, sequence: 10, reason: 'line 9 is neither a record nor a seal (not JSON)' });
    });
  });

  describe('query', () => {
    const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
    const access = (served: string[], subjects: string[], denied: string[] = []) => ({ served, masked: [], denied, subjects });
    /** Sequence n is entries[n - 1]. */
    const entries: AuditEntry[] = [
      entry({ time: at(1), department: 'tax', providers: { 'civil-affairs': access(['Person.maritalStatus'], ['A']) } }),
      entry({ time: at(2), department: 'health', providers: { 'civil-affairs': access(['Person.maritalStatus'], ['B']) } }),
      entry({ time: at(3), department: 'tax', providers: { 'public-security': access(['Person.name'], ['A']), 'human-resources': access([], ['A'], ['Person.socialInsurance']) } }),
      entry({ time: at(4), department: 'civil-affairs', providers: { 'public-security': access(['Person.household'], ['C']) } }),
      entry({ time: at(5), department: 'tax', providers: { 'civil-affairs': access(['Person.maritalStatus'], ['C']), 'public-security': access(['Person.name'], ['A']) } }),
      entry({ time: at(6), department: null, application: null, providers: {}, outcome: 'denied', status: 401, reason: 'no token' }),
      entry({ time: at(7), department: 'platform', kind: 'agreement.revoke', providers: {} }),
    ];

    async function filled() {
      const opened = await openStore();
      for (const e of entries) await opened.trail.append(e);
      return opened;
    }
    const sequences = (page: { records: AuditRecord[] }) => page.records.map((r) => r.sequence);

    it('finds records by consumer, provider, item, subject, kind and time, newest first', async () => {
      const { trail } = await filled();
      expect(sequences(await trail.query())).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(sequences(await trail.query({ consumer: 'tax' }))).toEqual([5, 3, 1]);
      expect(sequences(await trail.query({ provider: 'civil-affairs' }))).toEqual([5, 2, 1]);
      expect(sequences(await trail.query({ item: 'Person.maritalStatus' }))).toEqual([5, 2, 1]);
      expect(sequences(await trail.query({ item: 'Person.socialInsurance' }))).toEqual([3]);
      expect(sequences(await trail.query({ subject: 'A' }))).toEqual([5, 3, 1]);
      expect(sequences(await trail.query({ subject: 'A', provider: 'civil-affairs' }))).toEqual([1]);
      expect(sequences(await trail.query({ subject: 'C', item: 'Person.household' }))).toEqual([4]);
      expect(sequences(await trail.query({ kind: 'agreement.revoke' }))).toEqual([7]);
      expect(sequences(await trail.query({ from: at(2), to: new Date(at(5)) }))).toEqual([4, 3, 2]);
      expect(sequences(await trail.query({ consumer: 'tax', from: at(2), provider: 'public-security' }))).toEqual([5, 3]);
      expect(await trail.query({ consumer: 'market-regulation' })).toEqual({ records: [], endCursor: null, hasNextPage: false });
    });

    it('orders by request time, so the record of a slow request sits where the request started', async () => {
      const { trail } = await filled();
      await trail.append(entry({ time: at(3), requestId: 'slow', department: 'tax' }));
      expect(sequences(await trail.query({ consumer: 'tax' }))).toEqual([5, 8, 3, 1]);
      const pages: number[][] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof trail.query>> = await trail.query({ consumer: 'tax' }, { first: 1, after });
        pages.push(sequences(page));
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      expect(pages).toEqual([[5], [8], [3], [1]]);
    });

    it('returns whole records and pages with a cursor', async () => {
      const { trail } = await filled();
      const first = await trail.query({ subject: 'A' }, { first: 2 });
      expect(first.records.map(({ sequence, previousHash, hash, ...rest }) => rest)).toEqual([entries[4], entries[2]]);
      expect(first.hasNextPage).toBe(true);
      const second = await trail.query({ subject: 'A' }, { first: 2, after: first.endCursor });
      expect({ ...second, records: sequences(second) }).toEqual({ records: [1], endCursor: second.endCursor, hasNextPage: false });
      await expect(trail.query({}, { after: 'bogus' })).rejects.toThrow('Audit query: `after` is not a cursor this trail issued (bogus); pass the endCursor of the previous page.');
      await expect(trail.query({}, { first: 501 })).rejects.toThrow('Audit query: `first` must be an integer from 1 to 500; got 501.');
      await expect(trail.query({ department: 'tax' } as never)).rejects.toThrow('Audit query: unknown filter `department`');
    });

  });

  describe('npm run audit:verify and audit:export', () => {
    const tsx = (script: string, args: string[], env: Record<string, string | undefined>) =>
      run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...withoutStoreEnv(), ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it('exits 0 on an intact trail and 1 naming the broken record, for the store and for an export', async () => {
      const dir = join(dataDir, 'cli');
      mkdirSync(dir, { recursive: true });
      const cliKey = await loadOrCreateGrantKey(dir);
      // The commands find the store as the gateway does: DATABASE_URL (naming the test's schema), else GOVGRAPH_PLATFORM_DB.
      const location = kind.fresh();
      const env = 'databaseUrl' in location.options
        ? { DATABASE_URL: `${location.options.databaseUrl}?schema=${location.options.schema}` }
        : { GOVGRAPH_PLATFORM_DB: location.options.file };
      const { trail } = await openStore(location);
      await Promise.all(numbered(5).map((e) => trail.append(e)));
      await trail.seal(cliKey);

      const intact = await tsx('bin/audit-verify.ts', ['--data-dir', dir], env);
      expect(intact).toEqual({ code: 0, stdout: expect.stringContaining('intact. 5 records (up to record 5, head '), stderr: '' });
      expect(intact.stdout).toContain('1 seal verified.');

      const out = join(dir, 'export.jsonl');
      const exportRun = await tsx('bin/audit-export.ts', ['--data-dir', dir, '--from', '2026-03-01T08:00:00Z', '--to', '2026-03-01T09:00:00Z', '--out', out], env);
      expect(exportRun).toEqual({ code: 0, stdout: '', stderr: `Exported 5 records and 1 seal to ${out}.\n` });
      expect(await tsx('bin/audit-verify.ts', ['--data-dir', dir, '--file', out], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('intact. 5 records') });

      writeFileSync(out, readFileSync(out, 'utf8').replace('"requestId":"req-2"', '"requestId":"req-9"'));
      const editedExport = await tsx('bin/audit-verify.ts', ['--data-dir', dir, '--file', out], env);
      expect(editedExport.code).toBe(1);
      expect(editedExport.stdout).toContain('BROKEN at record 2: record 2: content does not match its hash (rewritten?)');

      await location.tamper(sql({
        sqlite: `UPDATE audit_records SET entry = json_set(entry, '$.purpose', 'curiosity') WHERE sequence = 3`,
        postgres: `UPDATE audit_records SET entry = jsonb_set(entry::jsonb, '{purpose}', '"curiosity"')::text WHERE sequence = 3`,
      }));
      const broken = await tsx('bin/audit-verify.ts', ['--data-dir', dir], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toBe(
        `Audit trail of ${location.location}: BROKEN at record 3: record 3: content does not match its hash (rewritten?)\n` +
          'Keep this copy as evidence; records before 3 verified intact.\n',
      );
    });
  });
});


/** The environment without a store setting of the caller's, so a command finds exactly the store the test names. */
function withoutStoreEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, ...rest } = process.env;
  return rest;
}

describe('the SQLite audit query', () => {
  const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
  async function filled() {
    const file = newFile();
    const store = await openPlatformStore({ file });
    opened.push(store);
    for (let minute = 1; minute <= 7; minute++) await store.audit.append(entry({ time: at(minute) }));
    return { file };
  }

  it('searches an index for every filter rather than scanning the records', async () => {
    const { file } = await filled();
    const db = new Database(file, { readonly: true });
    const filters = [
      { consumer: 'tax' }, { provider: 'tax' }, { item: 'Person.name' }, { subject: 'A' }, { kind: 'request' },
      { from: at(1), to: at(2) }, { subject: 'A', provider: 'tax', from: at(1) }, { item: 'Person.name', consumer: 'tax' },
    ];
    for (const filter of filters) {
      const { sql, params } = auditQuery(filter, { first: 10, after: null });
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('; ');
      expect(plan, JSON.stringify(filter)).not.toMatch(/SCAN/);
    }
    db.close();
  });
  it('writes the subject index behind the chain, and finds a record by subject before and after its rows are written', async () => {
    const file = newFile();
    const store = await openPlatformStore({ file, audit: { subjectBacklog: { maxRecords: 1000, maxDelayMs: 60_000 } } });
    opened.push(store);
    const subject = '110101199003074514';
    for (let minute = 1; minute <= 5; minute++) await store.audit.append(entry({ time: at(minute), requestId: `r${minute}` }));
    const db = new Database(file, { readonly: true });
    const listed = () => db.prepare('SELECT count(*) FROM audit_unindexed').pluck().get();
    const rows = () => db.prepare('SELECT count(*) FROM audit_record_subjects').pluck().get();
    expect({ listed: listed(), rows: rows() }).toEqual({ listed: 5, rows: 0 });
    const page = async (filter: AuditFilter, after: string | null = null) => store.audit.query(filter, { first: 2, after });
    const before = [await page({ subject }), await page({ subject, provider: 'civil-affairs', from: at(2) }), await page({ subject, item: 'Person.name' })];
    expect(before.map((p) => p.records.map((r) => r.requestId))).toEqual([['r5', 'r4'], ['r5', 'r4'], ['r5', 'r4']]);
    expect((await page({ subject }, before[0]!.endCursor)).records.map((r) => r.requestId)).toEqual(['r3', 'r2']);
    expect((await page({ subject: '110101199003074515' })).records).toEqual([]);
    expect((await store.verifyAudit({ jwks: key.jwks, now: VERIFIED_AT, sealPolicy: null })).ok).toBe(true);
    await store.close();
    expect({ listed: listed(), rows: rows() }).toEqual({ listed: 0, rows: 10 });
    const reopened = await openPlatformStore({ file });
    opened.push(reopened);
    expect((await reopened.audit.query({ subject }, { first: 10 })).records.map((r) => r.requestId)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    db.close();
  });

  it('indexes the records a writer that stopped left listed, when the next one opens', async () => {
    const file = newFile();
    const crashed = await openPlatformStore({ file, audit: { subjectBacklog: { maxRecords: 1000, maxDelayMs: 60_000 } } });
    for (let minute = 1; minute <= 3; minute++) await crashed.audit.append(entry({ time: at(minute), requestId: `r${minute}` }));
    // The writer's connection goes away without its trail closing (a killed process): its backlog is lost.
    (crashed.audit as unknown as { db: Database.Database }).db.close();
    const next = await openPlatformStore({ file });
    opened.push(next);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM audit_unindexed').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(DISTINCT sequence) FROM audit_record_subjects').pluck().get()).toBe(3);
    expect((await next.verifyAudit({ jwks: key.jwks, now: VERIFIED_AT, sealPolicy: null })).ok).toBe(true);
    db.close();
  });
});
