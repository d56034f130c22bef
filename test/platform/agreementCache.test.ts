/**
 * The gateway's agreement cache on PostgreSQL: answers from memory, dropped by a notification when any other
 * connection changes an agreement, by its poll when the notification is lost, and never used once it cannot be
 * vouched for (the lookup then goes to the database, and fails with it).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPlatformStore, seedDemoAgreements, type PlatformStore } from '../../platform/index.ts';
import type { CachedAgreementStore } from '../../platform/postgres/agreementCache.ts';
import { postgresAvailable, postgresLocations } from '../harness/platformStores.ts';

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => {})));
});

const AT = new Date('2026-03-01T00:00:00Z');
const ids = async (store: PlatformStore) => (await store.agreements.agreementsFor('tax', AT)).map((a) => a.id);

describe.skipIf(!postgresAvailable)('the agreement cache', () => {
  const locations = postgresLocations();

  /** A gateway's store (cached) and a second connection that changes agreements, as another replica would. */
  async function replicaAndWriter(cache: { pollIntervalMs?: number; maxStalenessMs?: number } = {}) {
    const location = locations.fresh();
    const writer = await openPlatformStore(location.options);
    opened.push(writer);
    await seedDemoAgreements(writer.agreements);
    const gateway = await openPlatformStore({ ...location.options, agreementCache: cache });
    opened.push(gateway);
    return { location, writer, gateway, cache: gateway.agreements as CachedAgreementStore };
  }

  it('answers repeated lookups from memory, with exactly what the database answers', async () => {
    const { writer, gateway, cache } = await replicaAndWriter();
    const direct = await writer.agreements.agreementsFor('tax', AT);
    expect(await gateway.agreements.agreementsFor('tax', AT)).toEqual(direct);
    expect(await gateway.agreements.agreementsFor('tax', AT)).toEqual(direct);
    expect(await gateway.agreements.agreementsFor('tax', new Date('2020-01-01T00:00:00Z'))).toEqual([]);
    expect(cache.stats()).toMatchObject({ loads: 1, hits: 2, listening: true });
  });

  it('drops what it holds when another connection revokes or approves', async () => {
    const { writer, gateway } = await replicaAndWriter({ pollIntervalMs: 900, maxStalenessMs: 1000 });
    expect(await ids(gateway)).toEqual(['AGR-2025-0002', 'AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005']);
    await writer.agreements.setStatus('AGR-2025-0002', 'REVOKED', { reason: 'Purpose fulfilled', actor: 'ca-admin' });
    await vi.waitFor(async () => expect(await ids(gateway)).toEqual(['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005']), { timeout: 5_000, interval: 20 });
    await writer.agreements.create({
      id: 'AGR-2026-0100', consumer: 'tax', provider: 'health', items: ['Person.vaccinations'], purpose: 'property-tax-assessment',
      legalBasis: 'Tax Collection Administration Law art. 6', validFrom: '2026-01-01', validUntil: '2027-01-01', status: 'APPROVED',
    });
    await vi.waitFor(async () => expect(await ids(gateway)).toContain('AGR-2026-0100'), { timeout: 5_000, interval: 20 });
  });

  it('catches a change made while its listener connection was lost, by its poll', async () => {
    const { location, writer, gateway, cache } = await replicaAndWriter({ pollIntervalMs: 50, maxStalenessMs: 1000 });
    expect(await ids(gateway)).toContain('AGR-2025-0002');
    const { schema } = location.options as { schema: string };
    // The server drops the listener (as a failover or a network cut would); the change below is not notified to it.
    await location.exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?`, `govgraph agreements ${schema}`.slice(0, 63));
    await vi.waitFor(() => expect(cache.stats().listening).toBe(false), { timeout: 5_000, interval: 10 });
    await writer.agreements.setStatus('AGR-2025-0002', 'REVOKED', { reason: 'Purpose fulfilled', actor: 'ca-admin' });
    await vi.waitFor(async () => expect(await ids(gateway)).not.toContain('AGR-2025-0002'), { timeout: 5_000, interval: 20 });
    // And it listens again.
    await vi.waitFor(() => expect(cache.stats().listening).toBe(true), { timeout: 5_000, interval: 50 });
  });

  it('fails closed when nothing can vouch for it: the lookup goes to the database, and fails with it', async () => {
    const { gateway } = await replicaAndWriter({ pollIntervalMs: 20, maxStalenessMs: 100 });
    expect(await ids(gateway)).toContain('AGR-2025-0002');
    await (gateway as unknown as { pool: { end(): Promise<void> } }).pool.end();
    await vi.waitFor(async () => {
      await expect(gateway.agreements.agreementsFor('tax', AT)).rejects.toThrow('Cannot use a pool after calling end on the pool');
    }, { timeout: 5_000, interval: 20 });
  });

  it('validates its options, naming the bad one', async () => {
    const location = locations.fresh();
    await expect(openPlatformStore({ ...location.options, agreementCache: { pollIntervalMs: 1000, maxStalenessMs: 500 } })).rejects.toThrow(
      'Agreement cache: `pollIntervalMs` (1000) must be below `maxStalenessMs` (500), or the cache is never usable.',
    );
    await expect(openPlatformStore({ ...location.options, agreementCache: { maxStalenessMs: 0 } })).rejects.toThrow(
      'Agreement cache: option `maxStalenessMs` must be an integer of at least 10 (milliseconds); got 0.',
    );
  });
});
