/**
 * The gateway's shared state in the PostgreSQL platform store (migration 5), answering as the SQLite stores do:
 * trusted documents registered once per application and hash, and per-agreement daily usage that replicas
 * adding at the same time never undercount.
 */
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { PlatformAgreementUsage, type AgreementUsage } from '../../gateway/quotas/agreementUsage.ts';
import { PlatformTrustedDocuments, type TrustedDocumentStore } from '../../gateway/trusted/trustedDocumentStore.ts';
import { openPlatformStore, type PlatformStore } from '../../platform/index.ts';
import { postgresDb } from '../../platform/postgres/postgresDb.ts';
import { sqliteDb } from '../../platform/store/sqliteDb.ts';
import { forEachStore } from '../harness/platformStores.ts';

const opened: PlatformStore[] = [];
const databases: Database.Database[] = [];
afterEach(async () => {
  databases.splice(0).forEach((db) => db.close());
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const hash = (n: number) => String(n).repeat(64).slice(0, 64);

forEachStore((kind) => {
  /** Two processes' views of one store: the stores as the gateway would build them over each connection. */
  async function open(): Promise<{ trusted: TrustedDocumentStore; usage: AgreementUsage }[]> {
    const location = kind.fresh();
    return Promise.all([1, 2].map(async () => {
      const store = await openPlatformStore(location.options);
      opened.push(store);
      if (kind.kind === 'postgres') {
        const { pool } = store as unknown as { pool: import('pg').Pool };
        const sql = postgresDb(pool, (location.options as { schema: string }).schema);
        return { trusted: new PlatformTrustedDocuments(sql), usage: new PlatformAgreementUsage(sql) };
      }
      const db = new Database((location.options as { file: string }).file, { timeout: 5000 });
      databases.push(db);
      const sql = sqliteDb(db);
      return { trusted: new PlatformTrustedDocuments(sql), usage: new PlatformAgreementUsage(sql) };
    }));
  }

  it('registers a trusted document once per application and hash, and finds and lists it', async () => {
    const [a, b] = await open();
    const docs = [{ application: 'tax-portal', hash: hash(1), document: '{ a }' }, { application: 'tax-portal', hash: hash(2), document: '{ b }' }];
    expect(await a!.trusted.register(docs, 'ci')).toBe(2);
    expect(await b!.trusted.register([...docs, { application: 'health-app', hash: hash(1), document: '{ c }' }], 'ci')).toBe(1);
    expect(await b!.trusted.find('tax-portal', hash(2))).toBe('{ b }');
    expect(await a!.trusted.find('tax-portal', hash(3))).toBeNull();
    expect(await a!.trusted.list('tax-portal')).toEqual([hash(1), hash(2)]);
    expect(await a!.trusted.list('health-app')).toEqual([hash(1)]);
  });

  it('lists the documents registered, with who registered them, and removes some or all of an application\'s', async () => {
    const [a, b] = await open();
    await a!.trusted.register([{ application: 'tax-portal', hash: hash(1), document: '{ a }' }, { application: 'tax-portal', hash: hash(2), document: '{ b }' }], 'ci');
    await a!.trusted.register([{ application: 'health-app', hash: hash(3), document: '{ c }' }], 'li.wei');
    const listed = await b!.trusted.documents('tax-portal');
    expect(listed.map(({ registeredAt, ...rest }) => ({ ...rest, registeredAt: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(registeredAt) }))).toEqual([
      { application: 'tax-portal', hash: hash(1), document: '{ a }', registeredBy: 'ci', registeredAt: true },
      { application: 'tax-portal', hash: hash(2), document: '{ b }', registeredBy: 'ci', registeredAt: true },
    ]);
    expect((await b!.trusted.documents()).map((d) => `${d.application} ${d.hash.slice(0, 1)}`)).toEqual(['health-app 3', 'tax-portal 1', 'tax-portal 2']);
    expect(await b!.trusted.remove('tax-portal', [hash(2), hash(9)])).toBe(1);
    expect(await a!.trusted.list('tax-portal')).toEqual([hash(1)]);
    expect(await b!.trusted.remove('health-app', [])).toBe(1);
    expect(await a!.trusted.documents('health-app')).toEqual([]);
    expect(await a!.trusted.list('tax-portal')).toEqual([hash(1)]);
  });

  it('adds usage from two connections at once without losing a count', async () => {
    const [a, b] = await open();
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? a : b)!.usage.add('2026-11-27', new Map([['AGR-2025-0002', 3], ['AGR-2025-0003', 1], ['AGR-2025-0004', 0]]))));
    expect([
      await a!.usage.used('AGR-2025-0002', '2026-11-27'),
      await b!.usage.used('AGR-2025-0003', '2026-11-27'),
      await a!.usage.used('AGR-2025-0004', '2026-11-27'),
      await a!.usage.used('AGR-2025-0002', '2026-11-28'),
    ]).toEqual([60, 20, 0, 0]);
  });
});

