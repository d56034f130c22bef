import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { forEachStore, postgresAvailable, postgresLocations, type StoreLocation } from '../harness/platformStores.ts';
import {
  AgreementError,
  openPlatformStore,
  seedDemoAgreements,
  type Agreement,
  type NewAgreement,
  type PlatformStore,
} from '../../platform/index.ts';
import { ACTIVE_AGREEMENTS_SQL } from '../../platform/agreements/platformAgreementStore.ts';
import { numberedPlaceholders } from '../../platform/postgres/postgresDb.ts';
import { POSTGRES_MIGRATIONS } from '../../platform/postgres/migrations.ts';
import { applyMigrations, PLATFORM_MIGRATIONS, type Migration } from '../../platform/store/migrations.ts';
import { openSqlite } from '../../platform/store/sqlite.ts';
import { sqliteDb } from '../../platform/store/sqliteDb.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-platform-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

let fileCount = 0;
function newFile(): string {
  return join(dataDir, `platform-${++fileCount}.db`);
}

/** A SQLite store on its own file (for the SQLite-only tests below). */
async function openSqliteStore(file = newFile()) {
  const store = await openPlatformStore({ file });
  opened.push(store);
  return { store, agreements: store.agreements, file };
}

const CURRENT = { validFrom: '2025-08-01T00:00:00.000Z', validUntil: '2030-12-31T00:00:00.000Z' };

const taxAgreements: Agreement[] = [
  {
    id: 'AGR-2025-0002', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'],
    purpose: 'individual-income-tax-deduction',
    legalBasis: 'Individual Income Tax Law art. 6; Interim Measures for Special Additional Deductions', ...CURRENT, status: 'APPROVED',
  },
  {
    id: 'AGR-2025-0003', consumer: 'tax', provider: 'natural-resources',
    items: ['Person.realEstates', 'RealEstate.address', 'RealEstate.area', 'RealEstate.usage', 'RealEstate.registeredOn'],
    purpose: 'property-tax-assessment', legalBasis: 'Tax Collection Administration Law art. 6; Real Estate Registration Regulations art. 27', ...CURRENT, status: 'APPROVED',
  },
  {
    id: 'AGR-2025-0004', consumer: 'tax', provider: 'public-security', items: ['Person.household'],
    purpose: 'property-tax-assessment', legalBasis: 'Tax Collection Administration Law art. 6', ...CURRENT, status: 'APPROVED',
  },
  {
    id: 'AGR-2025-0005', consumer: 'tax', provider: 'human-resources', items: ['Person.socialInsurance'],
    purpose: 'property-tax-assessment', legalBasis: 'Social Insurance Law art. 59; Tax Collection Administration Law art. 6', ...CURRENT, status: 'APPROVED',
  },
];

const marriageAgreement: Agreement = {
  id: 'AGR-2025-0001', consumer: 'civil-affairs', provider: 'public-security', items: ['Person.household', 'Person.ethnicity'],
  purpose: 'marriage-registration', legalBasis: 'Marriage Registration Regulations art. 5', ...CURRENT, status: 'APPROVED',
};

function application(overrides: Partial<NewAgreement> = {}): NewAgreement {
  return {
    id: 'AGR-2026-0100', consumer: 'health', provider: 'civil-affairs', items: ['Person.maritalStatus'],
    purpose: 'maternity-care', legalBasis: 'Maternal and Infant Health Care Law', validFrom: '2026-01-01', validUntil: '2026-02-01',
    status: 'PENDING', ...overrides,
  };
}

forEachStore((kind) => {
  /** A store of its own (fresh file or schema) with a clock the test moves; `at` is where the clock starts. */
  async function openStore(location: StoreLocation = kind.fresh(), at = '2026-03-01T00:00:00.000Z') {
    const clock = { now: new Date(at) };
    const store = await openPlatformStore({ ...location.options, now: () => clock.now });
    opened.push(store);
    return { store, agreements: store.agreements, clock, location };
  }

  describe('agreementsFor', () => {
    it('returns exactly the approved agreements of the consumer that are valid at the given time', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);
      const at = new Date('2026-03-01T08:00:00+08:00');

      expect(await agreements.agreementsFor('tax', at)).toEqual(taxAgreements);
      // AGR-2024-0007 (expired) is civil-affairs' too, and is left out.
      expect(await agreements.agreementsFor('civil-affairs', at)).toEqual([marriageAgreement]);
      expect((await agreements.agreementsFor('human-resources', at)).map((a) => a.id)).toEqual(['AGR-2025-0006']);
    });

    it('never returns expired, revoked, pending or rejected agreements', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);
      await agreements.create(application({ id: 'AGR-2026-0101', consumer: 'health', validFrom: '2026-01-01', validUntil: '2027-01-01' }));
      await agreements.setStatus('AGR-2026-0101', 'REJECTED', { reason: 'Not necessary for the stated purpose', actor: 'ca-reviewer' });
      const at = new Date('2026-03-01T00:00:00Z');

      expect(await agreements.agreementsFor('market-regulation', at)).toEqual([]); // revoked
      expect(await agreements.agreementsFor('natural-resources', at)).toEqual([]); // pending
      expect(await agreements.agreementsFor('health', at)).toEqual([]); // rejected
      expect((await agreements.agreementsFor('civil-affairs', at)).map((a) => a.id)).toEqual(['AGR-2025-0001']); // 0007 expired
    });

    it('decides by the time asked, not by the stored status: an expired agreement granted while it was valid', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);
      expect((await agreements.agreementsFor('civil-affairs', new Date('2025-03-01T00:00:00Z'))).map((a) => a.id)).toEqual(['AGR-2024-0007']);
    });

    it('grants from validFrom inclusive up to validUntil exclusive', async () => {
      const { agreements } = await openStore();
      const granted = await agreements.create(application({ status: 'APPROVED', validFrom: '2026-01-01T00:00:00+08:00', validUntil: '2026-02-01T00:00:00+08:00' }));
      expect([granted.validFrom, granted.validUntil]).toEqual(['2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z']);
      const at = async (iso: string) => (await agreements.agreementsFor('health', new Date(iso))).map((a) => a.id);

      expect(await at('2025-12-31T15:59:59.999Z')).toEqual([]);
      expect(await at('2025-12-31T16:00:00.000Z')).toEqual(['AGR-2026-0100']);
      expect(await at('2026-01-31T15:59:59.999Z')).toEqual(['AGR-2026-0100']);
      expect(await at('2026-01-31T16:00:00.000Z')).toEqual([]);
    });

    it('refuses an invalid time rather than answering for no time at all', async () => {
      const { agreements } = await openStore();
      await expect(agreements.agreementsFor('tax', new Date('not a date'))).rejects.toThrow('agreementsFor: `at` must be a valid Date; got Invalid Date.');
    });
  });

  describe('get and list', () => {
    it('report approved agreements past their validUntil as EXPIRED', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);

      expect((await agreements.list({ status: 'EXPIRED' })).map((a) => a.id)).toEqual(['AGR-2024-0007']);
      expect((await agreements.get('AGR-2024-0007'))?.status).toBe('EXPIRED');
      expect((await agreements.list({ consumer: 'civil-affairs', status: 'APPROVED' })).map((a) => a.id)).toEqual(['AGR-2025-0001']);
    });

    it('filter by consumer, provider and status together', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);

      expect((await agreements.list()).map((a) => `${a.id} ${a.status}`)).toEqual([
        'AGR-2024-0007 EXPIRED',
        'AGR-2025-0001 APPROVED',
        'AGR-2025-0002 APPROVED',
        'AGR-2025-0003 APPROVED',
        'AGR-2025-0004 APPROVED',
        'AGR-2025-0005 APPROVED',
        'AGR-2025-0006 APPROVED',
        'AGR-2025-0008 REVOKED',
        'AGR-2025-0009 PENDING',
      ]);
      expect((await agreements.list({ provider: 'public-security' })).map((a) => a.id)).toEqual(['AGR-2025-0001', 'AGR-2025-0004', 'AGR-2025-0006', 'AGR-2025-0008']);
      expect((await agreements.list({ consumer: 'tax', provider: 'public-security', status: 'APPROVED' })).map((a) => a.id)).toEqual(['AGR-2025-0004']);
      expect(await agreements.list({ consumer: 'tax', status: 'REVOKED' })).toEqual([]);
      expect(await agreements.get('AGR-1999-0000')).toBeNull();
    });
  });

  describe('status changes', () => {
    it('are kept as history rows with their reason, actor and time', async () => {
      const { agreements, clock } = await openStore(undefined, '2026-01-05T09:00:00.000Z');
      await agreements.create(application({ validUntil: '2027-01-01' }), { actor: 'health-applicant' });
      clock.now = new Date('2026-01-09T10:00:00.000Z');
      await agreements.setStatus('AGR-2026-0100', 'APPROVED', { actor: 'ca-reviewer' });
      clock.now = new Date('2026-06-01T11:30:00.000Z');
      const revoked = await agreements.setStatus('AGR-2026-0100', 'REVOKED', { reason: 'Purpose fulfilled', actor: 'ca-admin' });

      expect(revoked.status).toBe('REVOKED');
      expect(await agreements.history('AGR-2026-0100')).toEqual([
        { agreementId: 'AGR-2026-0100', from: null, to: 'PENDING', reason: null, actor: 'health-applicant', at: '2026-01-05T09:00:00.000Z' },
        { agreementId: 'AGR-2026-0100', from: 'PENDING', to: 'APPROVED', reason: null, actor: 'ca-reviewer', at: '2026-01-09T10:00:00.000Z' },
        { agreementId: 'AGR-2026-0100', from: 'APPROVED', to: 'REVOKED', reason: 'Purpose fulfilled', actor: 'ca-admin', at: '2026-06-01T11:30:00.000Z' },
      ]);
    });

    it('need a reason to revoke or reject, and change nothing when refused', async () => {
      const { agreements } = await openStore();
      await agreements.create(application({ status: 'APPROVED', validUntil: '2027-01-01' }));
      await agreements.create(application({ id: 'AGR-2026-0101' }));
      const before = await agreements.version();

      await expect(agreements.setStatus('AGR-2026-0100', 'REVOKED', { reason: '  ', actor: 'ca-admin' })).rejects.toThrow(
        'Cannot set agreement AGR-2026-0100 to REVOKED: a revocation needs a reason.',
      );
      await expect(agreements.setStatus('AGR-2026-0101', 'REJECTED', { actor: 'ca-admin' })).rejects.toThrow(
        'Cannot set agreement AGR-2026-0101 to REJECTED: a rejection needs a reason.',
      );
      expect((await agreements.get('AGR-2026-0100'))?.status).toBe('APPROVED');
      expect(await agreements.history('AGR-2026-0100')).toHaveLength(1);
      expect(await agreements.version()).toBe(before);
    });

    it('follow the lifecycle: final statuses stay final, EXPIRED is never set, unknown ids are named', async () => {
      const { agreements } = await openStore();
      await seedDemoAgreements(agreements);
      const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: AgreementError) => [error.code, error.message]);

      expect(await refusal(agreements.setStatus('AGR-2025-0008', 'APPROVED', { actor: 'x' }))).toEqual([
        'INVALID_STATUS_CHANGE', 'Cannot set agreement AGR-2025-0008 to APPROVED: it is REVOKED, which is final (a new application starts over).',
      ]);
      expect(await refusal(agreements.setStatus('AGR-2025-0001', 'PENDING', { actor: 'x' }))).toEqual([
        'INVALID_STATUS_CHANGE', 'Cannot set agreement AGR-2025-0001 to PENDING: it is APPROVED; from APPROVED only REVOKED may follow.',
      ]);
      expect(await refusal(agreements.setStatus('AGR-2025-0001', 'EXPIRED', { actor: 'x' }))).toEqual([
        'INVALID_STATUS_CHANGE', 'Cannot set agreement AGR-2025-0001 to EXPIRED: EXPIRED is never set; an approved agreement expires by itself at its validUntil.',
      ]);
      expect(await refusal(agreements.setStatus('AGR-2030-9999', 'APPROVED', { actor: 'x' }))).toEqual([
        'AGREEMENT_NOT_FOUND', 'Cannot set agreement AGR-2030-9999 to APPROVED: no agreement has that id.',
      ]);
      expect(await refusal(agreements.setStatus('AGR-2025-0009', 'APPROVED', { actor: ' ' }))).toEqual([
        'INVALID_STATUS_CHANGE', 'Cannot set agreement AGR-2025-0009 to APPROVED: the change must name its actor (who made it).',
      ]);
    });
  });

  describe('version', () => {
    it('increases on every change and not on reads', async () => {
      const { agreements } = await openStore();
      const versions = [await agreements.version()];
      await agreements.create(application());
      versions.push(await agreements.version());
      await agreements.setStatus('AGR-2026-0100', 'APPROVED', { actor: 'ca-reviewer' });
      versions.push(await agreements.version());
      await agreements.list();
      await agreements.agreementsFor('health', new Date('2026-01-15T00:00:00Z'));
      versions.push(await agreements.version());

      expect(versions).toEqual([0, 1, 2, 2]);
    });

    it('increases when another connection to the same file changes an agreement', async () => {
      const first = await openStore();
      const second = await openStore(first.location);
      const before = await first.agreements.version();

      await second.agreements.create(application({ status: 'APPROVED' }));

      expect(await first.agreements.version()).toBe(before + 1);
      expect((await first.agreements.agreementsFor('health', new Date('2026-01-15T00:00:00Z'))).map((a) => a.id)).toEqual(['AGR-2026-0100']);
      await second.agreements.setStatus('AGR-2026-0100', 'REVOKED', { reason: 'Application withdrawn', actor: 'ca-admin' });
      expect(await first.agreements.version()).toBe(before + 2);
      expect(await first.agreements.agreementsFor('health', new Date('2026-01-15T00:00:00Z'))).toEqual([]);
    });
  });

  describe('seedDemoAgreements', () => {
    it('is idempotent: a second run creates nothing and changes nothing', async () => {
      const { agreements } = await openStore();
      const first = await seedDemoAgreements(agreements);
      const version = await agreements.version();
      const listed = await agreements.list();
      const second = await seedDemoAgreements(agreements);

      expect(first.created).toHaveLength(9);
      expect(second).toEqual({ created: [] });
      expect(await agreements.version()).toBe(version);
      expect(await agreements.list()).toEqual(listed);
      expect((await agreements.history('AGR-2025-0008')).map((change) => [change.to, change.reason])).toEqual([
        ['APPROVED', null],
        ['REVOKED', 'Purpose fulfilled; access no longer necessary'],
      ]);
    });
  });

  describe('create', () => {
    it('names every problem of an invalid agreement in one message', async () => {
      const { agreements } = await openStore();
      const error = await agreements
        .create({
          id: 'agr-1', consumer: 'Civil Affairs', provider: 'tax', items: ['Person.household', 'maritalStatus', 'Person.household'],
          purpose: 'Marriage Registration', legalBasis: ' ', validFrom: '2026-02-01', validUntil: '2026-01-01',
        })
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(AgreementError);
      expect((error as AgreementError).code).toBe('INVALID_AGREEMENT');
      expect((error as AgreementError).message).toBe(
        'Agreement agr-1 is invalid: ' +
          'id must be upper-case letters and digits joined by hyphens (e.g. AGR-2025-0001); got "agr-1"; ' +
          'consumer must be a kebab-case department id (e.g. civil-affairs); got "Civil Affairs"; ' +
          'items[1] must name an item as Type.field (e.g. Person.maritalStatus); got "maritalStatus"; ' +
          'items lists "Person.household" more than once; ' +
          'purpose must be a kebab-case purpose code (e.g. marriage-registration); got "Marriage Registration"; ' +
          'legalBasis must name the law or regulation the sharing rests on; ' +
          'validUntil (2026-01-01T00:00:00.000Z) must be after validFrom (2026-02-01T00:00:00.000Z).',
      );
      expect(await agreements.list()).toEqual([]);
      expect(await agreements.version()).toBe(0);
    });

    it('refuses empty items, one department on both sides, impossible or offset-less times and a derived status', async () => {
      const { agreements } = await openStore();
      const problems = (input: NewAgreement) => agreements.create(input).then(() => [], (error: AgreementError) => error.problems);

      expect(await problems(application({ items: [] }))).toEqual(['items must list at least one item, as Type.field']);
      expect(await problems(application({ consumer: 'tax', provider: 'tax' }))).toEqual(['consumer and provider must be different departments; both are "tax"']);
      expect(await problems(application({ validFrom: '2026-02-30', validUntil: '2026-03-01T00:00:00' }))).toEqual([
        'validFrom must be an ISO 8601 date, or date and time with an offset (e.g. 2025-08-01 or 2025-08-01T00:00:00+08:00); got "2026-02-30"',
        'validUntil must be an ISO 8601 date, or date and time with an offset (e.g. 2025-08-01 or 2025-08-01T00:00:00+08:00); got "2026-03-01T00:00:00"',
      ]);
      expect(await problems(application({ status: 'EXPIRED' as 'APPROVED' }))).toEqual([
        'status must be PENDING or APPROVED when created; got "EXPIRED" (record a decision with setStatus; EXPIRED follows from validUntil)',
      ]);
    });

    it('refuses a second agreement with the same id', async () => {
      const { agreements } = await openStore();
      await agreements.create(application());
      await expect(agreements.create(application({ consumer: 'tax' }))).rejects.toThrow(
        'Cannot create agreement AGR-2026-0100: an agreement with that id already exists.',
      );
      expect((await agreements.get('AGR-2026-0100'))?.consumer).toBe('health');
    });
  });
});

describe('the SQLite agreement lookup', () => {
  it('looks agreements up with one statement that searches an index, never a full scan', async () => {
    const { file } = await openSqliteStore();
    const db = new Database(file, { readonly: true });
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${ACTIVE_AGREEMENTS_SQL}`).all('tax', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z') as { detail: string }[];
      expect(plan.map((step) => step.detail)).toEqual([
        'SEARCH agreements USING INDEX agreements_active (consumer=? AND status=? AND valid_until>?)',
        'USE TEMP B-TREE FOR ORDER BY',
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the platform database', () => {
  it('is opened in WAL mode with NORMAL sync, a busy timeout and foreign keys', async () => {
    const { db } = await openSqlite({ file: join(dataDir, 'nested', 'folder', 'pragmas.db'), busyTimeoutMs: 1234 });
    try {
      expect([
        db.pragma('journal_mode', { simple: true }),
        db.pragma('synchronous', { simple: true }),
        db.pragma('busy_timeout', { simple: true }),
        db.pragma('foreign_keys', { simple: true }),
      ]).toEqual(['wal', 1, 1234, 1]);
    } finally {
      db.close();
    }
  });

  it('applies each migration once, however often it is opened', async () => {
    const file = newFile();
    const first = await openSqlite({ file });
    first.db.close();
    const second = await openSqlite({ file });
    const recorded = second.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    second.db.close();

    expect(first.migrations.applied.map((m) => m.version)).toEqual(PLATFORM_MIGRATIONS.map((m) => m.version));
    expect(second.migrations).toEqual({ applied: [], version: PLATFORM_MIGRATIONS.length });
    expect(recorded).toEqual(PLATFORM_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('applies a new migration to an existing database, and rolls back one that fails', async () => {
    const db = new Database(newFile());
    const sql = sqliteDb(db);
    try {
      const base: Migration[] = [{ version: 1, name: 'first', sql: 'CREATE TABLE first (id INTEGER PRIMARY KEY)' }];
      expect((await applyMigrations(sql, base)).applied.map((m) => m.name)).toEqual(['first']);

      const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE second (id INTEGER); INSERT INTO nowhere VALUES (1)' };
      await expect(applyMigrations(sql, [...base, broken])).rejects.toThrow('no such table: nowhere');
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
      expect(tables).toEqual(['first', 'schema_migrations']);

      const fixed: Migration = { version: 2, name: 'second', sql: 'CREATE TABLE second (id INTEGER)' };
      expect(await applyMigrations(sql, [...base, fixed])).toEqual({ applied: [fixed], version: 2 });
    } finally {
      db.close();
    }
  });

  it('refuses to start on a database newer than the code', async () => {
    const file = newFile();
    await (await openSqliteStore(file)).store.close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(99, 'objections', '2027-01-01T00:00:00.000Z');
    db.close();

    await expect(openPlatformStore({ file })).rejects.toThrow(
      `Platform store ${file} is at schema version 99 ("objections"), newer than this code knows (version ${PLATFORM_MIGRATIONS.length}). ` +
        'Run a govgraph release that includes that migration, or point the platform store at another file.',
    );
  });

  it('refuses a migration list with gaps and a history that diverges from the code', async () => {
    const db = new Database(newFile());
    const sql = sqliteDb(db);
    try {
      await applyMigrations(sql, [{ version: 1, name: 'first', sql: 'CREATE TABLE first (id INTEGER)' }]);
      await expect(applyMigrations(sql, [{ version: 2, name: 'second', sql: '' }])).rejects.toThrow(
        'Migration "second" has version 2; expected 1 (versions run 1, 2, 3, … without gaps).',
      );
      await expect(applyMigrations(sql, [{ version: 1, name: 'renamed', sql: '' }])).rejects.toThrow(
        `Platform store ${db.name} recorded migration 1 as "first" but this code names it "renamed"`,
      );
    } finally {
      db.close();
    }
  });

  it('validates its options, naming the bad one', async () => {
    await expect(openPlatformStore({ file: '' })).rejects.toThrow('Platform store: option `file` is required (path of the SQLite database).');
    await expect(openPlatformStore({ file: newFile(), busyTimeoutMs: -1 })).rejects.toThrow(
      'Platform store: option `busyTimeoutMs` must be a non-negative integer (milliseconds); got -1.',
    );
    await expect(openPlatformStore({ file: newFile(), fiel: 'x' } as never)).rejects.toThrow(
      'openPlatformStore: unknown option `fiel` (known: file, databaseUrl, schema, busyTimeoutMs, now, audit, agreementCache).',
    );
  });
});

describe.skipIf(!postgresAvailable)('the PostgreSQL platform store', () => {
  const locations = postgresLocations();
  const postgres = (location: StoreLocation) => location.options as { databaseUrl: string; schema: string };

  it('creates its schema and applies each migration once, however often and however many open it at once', async () => {
    const location = locations.fresh();
    const stores = await Promise.all([1, 2, 3].map(() => openPlatformStore(location.options)));
    opened.push(...stores);
    const again = await openPlatformStore(location.options);
    opened.push(again);

    expect(stores.map((store) => store.schemaVersion)).toEqual([POSTGRES_MIGRATIONS.length, POSTGRES_MIGRATIONS.length, POSTGRES_MIGRATIONS.length]);
    expect(await location.value('SELECT string_agg(version || \' \' || name, \', \' ORDER BY version) FROM schema_migrations')).toBe(
      POSTGRES_MIGRATIONS.map(({ version, name }) => `${version} ${name}`).join(', '),
    );
    expect(again.location).toBe(location.location);
  });

  it('mirrors the SQLite schema history: the same versions under the same names', () => {
    expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(
      PLATFORM_MIGRATIONS.slice(0, POSTGRES_MIGRATIONS.length).map(({ version, name }) => ({ version, name })),
    );
  });

  it('takes the schema from ?schema= in the URL, the option winning', async () => {
    const location = locations.fresh();
    const { databaseUrl, schema } = postgres(location);
    const store = await openPlatformStore({ databaseUrl: `${databaseUrl}?schema=${schema}` });
    opened.push(store);
    await store.agreements.create(application());
    expect(await location.value('SELECT count(*) FROM agreements')).toBe(1);
    expect(store.location).toBe(location.location);
  });

  it('refuses to start on a store newer than the code, and a diverging history', async () => {
    const location = locations.fresh();
    await (await openPlatformStore(location.options)).close();
    await location.exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'objections', '2027-01-01T00:00:00.000Z')`);
    await expect(openPlatformStore(location.options)).rejects.toThrow(
      `Platform store (PostgreSQL schema ${postgres(location).schema}) is at schema version 99 ("objections"), newer than this code knows ` +
        `(version ${POSTGRES_MIGRATIONS.length}). Run a govgraph release that includes that migration, or point the platform store at another schema.`,
    );
    await location.exec('DELETE FROM schema_migrations WHERE version = 99');
    await location.exec(`UPDATE schema_migrations SET name = 'renamed' WHERE version = 1`);
    await expect(openPlatformStore(location.options)).rejects.toThrow(
      `Platform store (PostgreSQL schema ${postgres(location).schema}) recorded migration 1 as "renamed" but this code names it "agreements"`,
    );
  });

  it('looks agreements up through the agreements_active index', async () => {
    const location = locations.fresh();
    opened.push(await openPlatformStore(location.options));
    const client = new pg.Client({ connectionString: postgres(location).databaseUrl, options: `-c search_path=${postgres(location).schema} -c enable_seqscan=off` });
    await client.connect();
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${numberedPlaceholders(ACTIVE_AGREEMENTS_SQL)}`, ['tax', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
      expect(JSON.stringify(rows[0]!['QUERY PLAN'])).toContain('"Index Name":"agreements_active"');
    } finally {
      await client.end();
    }
  });

  it('validates its options, naming the bad one, and says where it could not connect without echoing credentials', async () => {
    await expect(openPlatformStore({ databaseUrl: 'mysql://x' })).rejects.toThrow(
      'Platform store: `databaseUrl` (DATABASE_URL) must be a postgres:// or postgresql:// URL, e.g. postgres://govgraph@db.internal:5432/govgraph.',
    );
    await expect(openPlatformStore({ databaseUrl: 'postgres://u@127.0.0.1/test', schema: 'Bad-Name' })).rejects.toThrow(
      'Platform store: the PostgreSQL schema must be a lower-case identifier (letters, digits, _; at most 63); got "Bad-Name".',
    );
    await expect(openPlatformStore({ file: newFile(), databaseUrl: 'postgres://u@127.0.0.1/test' })).rejects.toThrow(
      'openPlatformStore: give either `file` (SQLite) or `databaseUrl` (PostgreSQL), not both.',
    );
    await expect(openPlatformStore({ file: newFile(), schema: 'x' })).rejects.toThrow('openPlatformStore: option `schema` applies to PostgreSQL only; give `databaseUrl` too.');
    const refused = await openPlatformStore({ databaseUrl: 'postgres://govgraph:s3cret@127.0.0.1:1/test' }).catch((error: Error) => error);
    expect((refused as Error).message).toMatch(/^Platform store: cannot reach PostgreSQL at 127\.0\.0\.1:1\/test \(.*ECONNREFUSED.*\)\. Check DATABASE_URL/);
    expect((refused as Error).message).not.toContain('s3cret');
  });
});
