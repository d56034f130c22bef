/**
 * Seals that cannot be deleted unnoticed, against both stores: a trail whose seals were deleted (and its chain
 * recomputed under them), renumbered or cut off fails `verifyAudit`, by the seal ids, by the sealing schedule and by
 * the copies in its anchor file. The tampering is generated (fast-check, seeded) as someone with write access to
 * the database would do it; every untampered trail verifies.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forEachStore, type StoreKind, type StoreLocation } from '../harness/platformStores.ts';
import { canonicalJson, openPlatformStore, recordHash, type AuditEntry, type AuditRecord, type PlatformStore, type VerifyOptions } from '../../platform/index.ts';
import { readAnchors, type SealAnchor } from '../../platform/audit/anchors.ts';
import { signSeal } from '../../platform/audit/seals.ts';
import { loadOrCreateDepartmentKeys } from '../../sharing/departmentKeys.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { accessLogFile, openAccessLog } from '../../subgraphs/kit/reporting/index.ts';

const root = resolve(import.meta.dirname, '../..');
/** Runs `npm run audit:verify` as an auditor would, with only the environment given. */
async function auditVerify(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, GOVGRAPH_SEAL_ANCHOR_FILE: _anchors, ...rest } = process.env;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/audit-verify.ts', ...args], { cwd: root, env: { ...rest, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-seal-coverage-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let key: GrantKey;
beforeAll(async () => {
  key = await loadOrCreateGrantKey(dataDir);
});

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** The fixture requests were made on 2026-03-01 from 08:00; the trail is verified a day later. */
const DAY_LATER = new Date('2026-03-02T08:00:00.000Z');
/** A seal every `sealEvery` records: what these tests seal by hand, and what the verification expects. */
const policy = (sealEvery: number) => ({ sealEvery, sealIntervalMs: 60_000 });

function entry(n: number): AuditEntry {
  return {
    kind: 'request', time: new Date(Date.UTC(2026, 2, 1, 8, 0, n)).toISOString(), requestId: `req-${n}`,
    application: 'tax-assessment', department: 'tax', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2025-0002'],
    operationName: 'Deduction', documentHash: 'a'.repeat(64),
    providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: ['110101199003074514'] } },
    outcome: 'ok', status: 200, reason: null, durationMs: 3,
  };
}

let anchorCount = 0;

forEachStore((kind) => {
  const dialect: StoreKind = kind.kind;
  const sql = (variants: Record<StoreKind, string>) => variants[dialect];

  async function openStore(location: StoreLocation, audit: NonNullable<Parameters<typeof openPlatformStore>[0]['audit']> = {}) {
    const store = await openPlatformStore({ ...location.options, audit });
    opened.push(store);
    return store;
  }

  /**
   * `records` records, sealed by hand after every `sealEvery` and after the last, anchored in a file of their own.
   * Returns the records and the anchor.
   */
  async function sealedTrail(records: number, sealEvery: number) {
    const location = kind.fresh();
    const anchor: SealAnchor = { file: join(dataDir, `anchors-${++anchorCount}.jsonl`), trail: 'platform' };
    const store = await openStore(location, { anchor });
    const written: AuditRecord[] = [];
    for (let n = 1; n <= records; n += 1) {
      written.push(await store.audit.append(entry(n)));
      if (n % sealEvery === 0 || n === records) await store.audit.seal(key);
    }
    return { location, anchor, records: written };
  }

  async function verify(location: StoreLocation, options: Omit<VerifyOptions, 'jwks'>) {
    const store = await openPlatformStore(location.options);
    try {
      return await store.verifyAudit({ jwks: key.jwks, now: DAY_LATER, ...options });
    } finally {
      await store.close();
    }
  }

  /** The seals as stored: id and the record each covers. */
  const seals = (location: StoreLocation) => location.rows<{ id: number; sequence: number }>('SELECT id, sequence FROM audit_seals ORDER BY id');

  /** Gives seal `from` the id `to`, as someone closing a gap would (PostgreSQL's identity column cannot be updated). */
  async function renumberSeal(location: StoreLocation, from: number, to: number): Promise<void> {
    await location.tamper(sql({
      sqlite: 'UPDATE audit_seals SET id = ? WHERE id = ?',
      postgres: `INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) OVERRIDING SYSTEM VALUE
                 SELECT ?::bigint, sequence, hash, time, kid, signature FROM audit_seals WHERE id = ?::bigint`,
    }), to, from);
    if (dialect === 'postgres') await location.tamper('DELETE FROM audit_seals WHERE id = ?', from);
  }

  /** Rewrites record `at` (another purpose) and recomputes every hash from it on and the head, as a forger would. */
  async function rewriteAndRechain(location: StoreLocation, at: number): Promise<void> {
    const rows = await location.rows<{ sequence: number; previous_hash: string; entry: string }>(
      'SELECT sequence, previous_hash, entry FROM audit_records WHERE sequence >= ? ORDER BY sequence', at,
    );
    let previous = rows[0]!.previous_hash;
    for (const row of rows) {
      const content = JSON.parse(row.entry) as AuditEntry;
      const forged = row.sequence === at ? { ...content, purpose: 'curiosity' } : content;
      const hash = recordHash(previous, row.sequence, forged);
      await location.tamper('UPDATE audit_records SET entry = ?, previous_hash = ?, hash = ? WHERE sequence = ?', canonicalJson(forged), previous, hash, row.sequence);
      previous = hash;
    }
    await location.tamper('UPDATE audit_head SET hash = ?', previous);
  }

  /** Deletes the records after `end` and the seals covering them, and moves the head back: a trail cut off at `end`. */
  async function truncate(location: StoreLocation, records: AuditRecord[], end: number): Promise<void> {
    await location.tamper('DELETE FROM audit_seals WHERE sequence > ?', end);
    for (const table of ['audit_record_providers', 'audit_record_items', 'audit_record_subjects', 'audit_records']) {
      await location.tamper(`DELETE FROM ${table} WHERE sequence > ?`, end);
    }
    await location.tamper('UPDATE audit_head SET sequence = ?, hash = ?', end, records[end - 1]!.hash);
  }

  describe('seals are numbered, signed and anchored as they are made', () => {
    it('numbers seals 1, 2, 3… without gaps when two trails seal the same store at once', async () => {
      const location = kind.fresh();
      const [a, b] = [await openStore(location), await openStore(location)];
      for (let n = 1; n <= 6; n += 1) {
        await a.audit.append(entry(n));
        await Promise.all([a.audit.seal(key), b.audit.seal(key), a.audit.seal(key)]);
      }
      expect((await seals(location)).map((seal) => seal.id)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
      expect(await verify(location, { sealPolicy: policy(1) })).toMatchObject({ ok: true, records: 6, seals: 18 });
    });

    it('seals the head when it closes, and anchors every seal in its file', async () => {
      const location = kind.fresh();
      const anchor: SealAnchor = { file: join(dataDir, `anchors-${++anchorCount}.jsonl`), trail: 'platform' };
      const store = await openStore(location, { sealSigner: key, sealEvery: 4, anchor });
      for (let n = 1; n <= 6; n += 1) await store.audit.append(entry(n));
      await store.close();
      const stored = await location.rows<{ id: number; sequence: number; signature: string }>('SELECT id, sequence, signature FROM audit_seals ORDER BY id');
      expect(stored.map(({ id, sequence }) => ({ id, sequence }))).toEqual([{ id: 1, sequence: 4 }, { id: 2, sequence: 6 }]);
      const anchored = readAnchors(anchor.file, 'platform');
      expect(anchored.map(({ seal, where }) => ({ id: seal.id, sequence: seal.sequence, signature: seal.signature, where }))).toEqual(
        stored.map((seal, index) => ({ ...seal, where: `${anchor.file}:${index + 1}` })),
      );
      expect(readAnchors(anchor.file, 'department:tax')).toEqual([]);
      expect(await verify(location, { sealPolicy: policy(4), anchors: anchored })).toEqual({
        ok: true, records: 6, seals: 2, last: { sequence: 6, hash: expect.any(String) }, anchored: 2,
      });
    });
  });

  describe('missing seals fail the verification', () => {
    it('fails when every seal was deleted and the chain recomputed under a rewritten record', async () => {
      const { location } = await sealedTrail(12, 4);
      await location.tamper('DELETE FROM audit_seals');
      await rewriteAndRechain(location, 5);
      expect(await verify(location, { sealPolicy: policy(4) })).toEqual({
        ok: false, sequence: 1,
        reason: 'record 1 (of 2026-03-01T08:00:01.000Z) and every record after it are covered by no seal (the trail has no valid seal at all), ' +
          'although it is older than 180 s and trails are sealed every 4 records and every 60 s (at most 12 records in a row accepted unsealed): ' +
          'their seals are missing (deleted?), or the process writing the trail stopped before sealing them (a crash: started again, it ' +
          'seals its head within a minute; verify again then)',
      });
    });

    it('fails when more records follow one another unsealed than the schedule allows, whatever their age', async () => {
      const { location } = await sealedTrail(12, 2);
      await location.tamper('DELETE FROM audit_seals WHERE id < 6');
      await renumberSeal(location, 6, 1);
      const result = await verify(location, { sealPolicy: policy(2), now: new Date('2026-03-01T08:00:30.000Z') });
      expect(result).toEqual({
        ok: false, sequence: 7,
        reason: 'record 7 is 7 records past the start of the trail, and no seal covers it: trails are sealed every 2 records and every 60 s ' +
          '(at most 6 records in a row accepted unsealed), so seals are missing here (deleted?)',
      });
    });

    it('names a gap in the seal ids, and a seal renumbered to close it', async () => {
      const { location } = await sealedTrail(12, 3);
      await location.tamper('DELETE FROM audit_seals WHERE id = 2');
      expect(await verify(location, { sealPolicy: policy(3) })).toEqual({
        ok: false, sequence: 4, reason: 'seal 2 is missing (seal ids jump from 1 to 3; seals are numbered without gaps): deleted?',
      });
      await renumberSeal(location, 3, 2);
      await renumberSeal(location, 4, 3);
      expect(await verify(location, { sealPolicy: policy(3) })).toEqual({
        ok: false, sequence: 9, reason: 'seal 2 was signed as seal 3: seals were renumbered (to close the gap a deleted seal left?)',
      });
    });

    it('passes an export whose range lies between seals, and fails one whose seal lines were cut out', async () => {
      const { location } = await sealedTrail(12, 3);
      const store = await openStore(location);
      const lines: string[] = [];
      for await (const line of store.audit.export({ from: '2026-03-01T08:00:02.000Z', to: '2026-03-01T08:00:12.000Z' })) lines.push(line);
      const { verifyTrail } = await import('../../platform/index.ts');
      expect(await verifyTrail(lines, { jwks: key.jwks, sealPolicy: policy(2) })).toMatchObject({ ok: true, records: 10, seals: 3 });
      const withoutSeals = lines.filter((line) => !line.startsWith('{"seal":'));
      expect(await verifyTrail(withoutSeals, { jwks: key.jwks, sealPolicy: policy(2) })).toEqual({
        ok: false, sequence: 8,
        reason: 'record 8 is 7 records past the start of the export, and no seal covers it: trails are sealed every 2 records and ' +
          'every 60 s (at most 6 records in a row accepted unsealed), so seals are missing here (deleted?)',
      });
    });
  });

  describe('the anchor file', () => {
    it('finds a seal deleted from the store, and a chain rewritten under it', async () => {
      const { location, anchor } = await sealedTrail(12, 4);
      await location.tamper('DELETE FROM audit_seals WHERE id = 3');
      // The newest seal deleted leaves no gap in the ids, and the records after seal 2 are recent: only the anchor knows.
      const recent = { sealPolicy: policy(4), now: new Date('2026-03-01T08:01:00.000Z'), anchors: readAnchors(anchor.file, 'platform') };
      expect(await verify(location, recent)).toEqual({
        ok: false, sequence: 12, reason: `seal 3 (of record 12), anchored in ${anchor.file}:3, is missing from the store (deleted?)`,
      });
      await location.tamper('DELETE FROM audit_seals');
      await rewriteAndRechain(location, 2);
      expect(await verify(location, recent)).toEqual({
        ok: false, sequence: 4,
        reason: `seal 1, anchored in ${anchor.file}:1, is missing from the store, and record 4 no longer has the hash it sealed: the chain was rewritten under it`,
      });
    });

    it('finds a trail cut off before an anchored seal, a replaced seal and an altered anchor line', async () => {
      const { location, anchor, records } = await sealedTrail(12, 4);
      const recent = { sealPolicy: policy(4), now: new Date('2026-03-01T08:01:00.000Z') };
      await truncate(location, records, 8);
      expect(await verify(location, recent)).toMatchObject({ ok: true, records: 8, seals: 2 });
      expect(await verify(location, { ...recent, anchors: readAnchors(anchor.file, 'platform') })).toEqual({
        ok: false, sequence: 9, reason: `the trail ends at 8 but seal 3, anchored in ${anchor.file}:3 and missing from the store, covers up to 12 (truncated?)`,
      });

      // Someone who holds the key signs a new seal 2 over the same record: it verifies, but it is not the seal that was anchored.
      const [seal2] = await location.rows<{ sequence: number; hash: string }>('SELECT sequence, hash FROM audit_seals WHERE id = 2');
      const resigned = await signSeal(key, { id: 2, sequence: seal2!.sequence, hash: seal2!.hash, time: '2026-03-01T09:00:00.000Z' });
      await location.tamper('UPDATE audit_seals SET time = ?, signature = ? WHERE id = 2', '2026-03-01T09:00:00.000Z', resigned);
      const anchors = readAnchors(anchor.file, 'platform').filter(({ seal }) => seal.id <= 2);
      expect(await verify(location, { ...recent, anchors })).toEqual({
        ok: false, sequence: 8, reason: `seal 2 differs from its copy anchored in ${anchor.file}:2 (replaced, or renumbered?)`,
      });

      const lines = readFileSync(anchor.file, 'utf8').split('\n');
      writeFileSync(anchor.file, [lines[0]!.replace('"sequence":4', '"sequence":5'), lines[1]!.replace(/"signature":"[^"]+"/, '"signature":"not.a.seal"'), ...lines.slice(2)].join('\n'));
      const [moved, forged] = readAnchors(anchor.file, 'platform');
      expect(await verify(location, { ...recent, anchors: [moved!] })).toEqual({
        ok: false, sequence: 4, reason: `the copy of seal 1 anchored in ${anchor.file}:1 was altered: its fields differ from what was signed`,
      });
      expect(await verify(location, { ...recent, anchors: [forged!] })).toEqual({
        ok: false, sequence: 8, reason: `the copy of seal 2 anchored in ${anchor.file}:2 does not verify: signature does not verify (forged or altered) (the anchor file was altered?)`,
      });
    });
  });

  describe('npm run audit:verify', () => {
    it('compares the store with the anchor file in the data directory, or the one named, and stops on one that is not there', async () => {
      const dir = join(dataDir, `cli-${++anchorCount}`);
      mkdirSync(dir, { recursive: true });
      const cliKey = await loadOrCreateGrantKey(dir);
      const location = kind.fresh();
      const env: Record<string, string> = 'databaseUrl' in location.options
        ? { DATABASE_URL: `${location.options.databaseUrl}?schema=${location.options.schema}` }
        : { GOVGRAPH_PLATFORM_DB: location.options.file };
      const store = await openStore(location, { sealSigner: cliKey, sealEvery: 1000, anchor: { file: join(dir, 'audit-anchors.jsonl'), trail: 'platform' } });
      // Records of now, sealed when the store closes.
      for (let n = 1; n <= 3; n += 1) await store.audit.append({ ...entry(n), time: new Date().toISOString() });
      await store.close();

      const intact = await auditVerify(['--data-dir', dir], env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(new RegExp(`intact\\. 3 records \\(up to record 3, head [0-9a-f]{12}…\\), 1 seal verified\\. 1 seal of ${escape(join(dir, 'audit-anchors.jsonl'))} found as anchored\\.\n$`));

      await location.tamper('DELETE FROM audit_seals');
      const deleted = await auditVerify(['--data-dir', dir], env);
      expect(deleted).toEqual({
        code: 1, stderr: '',
        stdout: `Audit trail of ${location.location}: BROKEN at record 3: seal 1 (of record 3), anchored in ${join(dir, 'audit-anchors.jsonl')}:1, is missing from the store (deleted?)\n` +
          'Keep this copy as evidence; records before 3 verified intact.\n',
      });
      const elsewhere = join(dir, 'auditor-copy.jsonl');
      writeFileSync(elsewhere, readFileSync(join(dir, 'audit-anchors.jsonl')));
      expect(await auditVerify(['--data-dir', dir, '--anchors', elsewhere], env)).toMatchObject({ code: 1, stdout: expect.stringContaining(`anchored in ${elsewhere}:1, is missing from the store`) });
      expect(await auditVerify(['--data-dir', dir, '--anchors', join(dir, 'none.jsonl')], env)).toEqual({
        code: 2, stdout: '', stderr: `Could not verify: no anchor file at ${join(dir, 'none.jsonl')}.\n`,
      });
    });
  });

  describe('generated tampering (seeded)', () => {
    type Tampering =
      | { kind: 'delete-seals'; pick: number[] }
      | { kind: 'delete-and-rechain'; at: number }
      | { kind: 'truncate'; end: number }
      | { kind: 'renumber'; at: number };
    const tamperings: fc.Arbitrary<Tampering> = fc.oneof(
      fc.record({ kind: fc.constant('delete-seals' as const), pick: fc.uniqueArray(fc.nat(20), { minLength: 1, maxLength: 6 }) }),
      fc.record({ kind: fc.constant('delete-and-rechain' as const), at: fc.nat(100) }),
      fc.record({ kind: fc.constant('truncate' as const), end: fc.nat(100) }),
      fc.record({ kind: fc.constant('renumber' as const), at: fc.nat(20) }),
    );

    /** Applies the tampering to a trail of `count` records; returns a description for the failure message. */
    async function apply(tampering: Tampering, location: StoreLocation, records: AuditRecord[]): Promise<string> {
      const stored = await seals(location);
      switch (tampering.kind) {
        case 'delete-seals': {
          const ids = [...new Set(tampering.pick.map((n) => stored[n % stored.length]!.id))];
          await location.tamper(`DELETE FROM audit_seals WHERE id IN (${ids.join(', ')})`);
          return `deleted seals ${ids.join(', ')}`;
        }
        case 'delete-and-rechain': {
          const at = 1 + (tampering.at % records.length);
          await location.tamper('DELETE FROM audit_seals');
          await rewriteAndRechain(location, at);
          return `deleted every seal and rewrote record ${at}`;
        }
        case 'truncate': {
          const end = 1 + (tampering.end % (records.length - 1));
          await truncate(location, records, end);
          return `cut the trail off after record ${end}`;
        }
        case 'renumber': {
          // A seal deleted and every later one moved down to close the gap.
          const at = 1 + (tampering.at % Math.max(1, stored.length - 1));
          await location.tamper('DELETE FROM audit_seals WHERE id = ?', at);
          for (let id = at + 1; id <= stored.length; id += 1) await renumberSeal(location, id, id - 1);
          return `deleted seal ${at} and renumbered the rest`;
        }
      }
    }

    it('verifies every untampered trail, and fails every tampered one (with its anchors, and without them for all but a clean cut)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 4, max: 20 }), fc.integer({ min: 2, max: 5 }), tamperings, async (count, sealEvery, tampering) => {
          const { location, anchor, records } = await sealedTrail(count, sealEvery);
          const anchors = readAnchors(anchor.file, 'platform');
          const options = { sealPolicy: policy(sealEvery), anchors };
          expect(await verify(location, options)).toMatchObject({ ok: true, records: count, anchored: anchors.length });
          const what = await apply(tampering, location, records);
          const withAnchors = await verify(location, options);
          expect(withAnchors.ok, `${what}: verified with its anchors`).toBe(false);
          // Without the anchor file, only a trail cut off right after one of its seals (nothing left unsealed) passes.
          const cleanCut = tampering.kind === 'truncate' && (await location.value('SELECT max(sequence) FROM audit_seals')) === (await location.value('SELECT max(sequence) FROM audit_records'));
          const withoutAnchors = await verify(location, { sealPolicy: policy(sealEvery) });
          expect(withoutAnchors.ok, `${what}: verified without its anchors`).toBe(cleanCut);
          await Promise.all(opened.splice(0).map((store) => store.close()));
        }),
        { numRuns: 24, seed: 15_2026 },
      );
    }, 240_000);
  });
});

describe("a department's access log", () => {
  it("is sealed with the department's key and anchored as its own trail; audit:verify --department finds a seal deleted from it", async () => {
    const dir = join(dataDir, 'department-cli');
    const department = 'tax';
    const keys = await loadOrCreateDepartmentKeys(dir, department);
    const anchorFile = join(dir, 'audit-anchors.jsonl');
    // The gateway's seal in the same anchor file is not the department's: each trail reads its own lines.
    writeFileSync(anchorFile, `${JSON.stringify({ seal: { hash: 'h', id: 1, kid: 'k', sequence: 1, signature: 's', time: 't' }, trail: 'platform' })}\n`);
    const log = await openAccessLog({ keys, file: accessLogFile(dir, department), anchor: { file: anchorFile, trail: 'department:tax' } });
    for (let n = 1; n <= 2; n += 1) await log.append({ ...entry(n), time: new Date().toISOString() });
    await log.close();
    expect(readAnchors(anchorFile, 'department:tax').map(({ seal }) => ({ id: seal.id, sequence: seal.sequence, kid: seal.kid }))).toEqual([
      { id: 1, sequence: 2, kid: keys.signing.kid },
    ]);
    const intact = await auditVerify(['--data-dir', dir, '--department', department], {});
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(', 1 seal verified. 1 seal of ');

    const Database = (await import('better-sqlite3')).default;
    const db = new Database(accessLogFile(dir, department));
    db.exec('DROP TRIGGER audit_seals_append_only_delete; DELETE FROM audit_seals');
    db.close();
    expect(await auditVerify(['--data-dir', dir, '--department', department], {})).toMatchObject({
      code: 1, stdout: expect.stringContaining(`BROKEN at record 2: seal 1 (of record 2), anchored in ${anchorFile}:2, is missing from the store (deleted?)`),
    });
  });
});

describe('reading an anchor file', () => {
  it('names the line that is not an anchor, and a file that is not there; passes over a last line its writer never finished', () => {
    const file = join(dataDir, 'damaged.jsonl');
    writeFileSync(file, `${JSON.stringify({ trail: 'platform', seal: { id: 1, sequence: 1, hash: 'h', time: 't', kid: 'k', signature: 's' } })}\n\n{"trail":"platform"}\n`);
    expect(() => readAnchors(file, 'platform')).toThrow(`${file}:3 is not an anchor line ({ "trail": name, "seal": { id, sequence, hash, time, kid, signature } }).`);
    writeFileSync(file, 'not json\n');
    expect(() => readAnchors(file, 'platform')).toThrow(`${file}:1 is not an anchor line (not JSON); the anchor file was damaged or is not one.`);
    const whole = `${JSON.stringify({ trail: 'platform', seal: { id: 1, sequence: 1, hash: 'h', time: 't', kid: 'k', signature: 's' } })}\n`;
    writeFileSync(file, `${whole}{"trail":"platform","seal":{"id":2,"seq`);
    expect(readAnchors(file, 'platform').map(({ seal, where }) => ({ id: seal.id, where }))).toEqual([{ id: 1, where: `${file}:1` }]);
    expect(() => readAnchors(join(dataDir, 'none.jsonl'), 'platform')).toThrow(`no anchor file at ${join(dataDir, 'none.jsonl')}.`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
