/**
 * The protections as a deployment configures them: environment variables read by bin/gateway.ts, the
 * application policy file, and gateway options, each bad value refused at start with its name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardeningFromEnv } from '../../bin/hardeningConfig.ts';
import { readApplicationPolicyFile } from '../../gateway/admit/index.ts';
import { resolveHardeningOptions } from '../../gateway/options.ts';
import { openPlatformStore } from '../../platform/index.ts';
import { TEST_DATABASE_URL } from '../harness/platformStores.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-hardening-'));

describe('the environment', () => {
  it('sets deadlines, retries, the pending bound and the breaker', () => {
    const options = hardeningFromEnv({
      GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '5000',
      GOVGRAPH_SUBGRAPH_TIMEOUTS: 'health=2000, tax=3000',
      GOVGRAPH_SUBGRAPH_RETRIES: '0',
      GOVGRAPH_SUBGRAPH_MAX_PENDING: '64',
      GOVGRAPH_BREAKER_FAILURES: '3',
      GOVGRAPH_MAX_REQUEST_BYTES: '65536',
    }, null);
    expect(options.subgraphResilience).toEqual({
      timeouts: { health: 2000, tax: 3000 }, timeoutMs: 5000, retries: 0, maxPending: 64, breaker: { failureThreshold: 3, cooldownMs: 10_000 },
    });
    expect(options.maxRequestBytes).toBe(65_536);
    expect(options.trustedDocuments).toBeNull();
    expect(hardeningFromEnv({ GOVGRAPH_BREAKER_FAILURES: '0' }, null).subgraphResilience!.breaker).toBeNull();
  });

  it('refuses a malformed value, naming the variable', () => {
    expect(() => hardeningFromEnv({ GOVGRAPH_SUBGRAPH_TIMEOUTS: 'health' }, null)).toThrow('GOVGRAPH_SUBGRAPH_TIMEOUTS expects name=milliseconds,…; got "health".');
    expect(() => hardeningFromEnv({ GOVGRAPH_SUBGRAPH_TIMEOUT_MS: 'soon' }, null)).toThrow('GOVGRAPH_SUBGRAPH_TIMEOUT_MS must be a non-negative integer, got "soon".');
  });

  it('opens the trusted documents and agreement usage in the platform file', async () => {
    const options = hardeningFromEnv({}, join(dir, 'platform.sqlite'));
    expect(options.trustedDocuments).not.toBeNull();
    expect(options.agreementUsage).not.toBeNull();
    await options.close();
  });
});

describe('with DATABASE_URL', () => {
  it('keeps trusted documents and agreement usage in PostgreSQL, shared by every replica', async () => {
    const schema = `hardening_${process.pid}_${Date.now()}`;
    let platform;
    try {
      platform = await openPlatformStore({ databaseUrl: TEST_DATABASE_URL, schema });
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`PostgreSQL unreachable, skipped: ${(error as Error).message}`);
      return;
    }
    const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    const replicas = [hardeningFromEnv({ DATABASE_URL: url }, null), hardeningFromEnv({ DATABASE_URL: url }, null)];
    try {
      const hash = 'a'.repeat(64);
      expect(await replicas[0]!.trustedDocuments!.register([{ application: 'app', hash, document: '{ __typename }' }], 'ci')).toBe(1);
      expect(await replicas[1]!.trustedDocuments!.find('app', hash)).toBe('{ __typename }');
      await Promise.all(replicas.map((r) => r.agreementUsage!.add('2026-11-27', new Map([['AGR-1', 3]]))));
      expect(await replicas[0]!.agreementUsage!.used('AGR-1', '2026-11-27')).toBe(6);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
      await platform.close();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL.split('?')[0] });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    }
  });
});

describe('the application policy file', () => {
  it('is read, or refused naming the file and the key', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ applications: { 'tax-assessor': { trustedDocuments: true } } }));
    expect(readApplicationPolicyFile(good).settingsFor('tax-assessor').trustedDocuments).toBe(true);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ applications: { 'tax-assessor': { trusted: true } } }));
    expect(() => readApplicationPolicyFile(bad)).toThrow(`${bad}.applications.tax-assessor.trusted is not a setting; known: limits, trustedDocuments, rateLimit.`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "applications": ');
    expect(() => readApplicationPolicyFile(broken)).toThrow(`Application policy file ${broken} cannot be read as JSON`);
  });
});

describe('the gateway options', () => {
  it('refuse a daily quota with nowhere to count it, and out-of-range values', () => {
    expect(() => resolveHardeningOptions({ applicationPolicy: { agreements: { 'AGR-1': { dailyRecords: 10 } } } }))
      .toThrow('The application policy sets daily quotas for agreements, but no `agreementUsage` store was given to count them in.');
    expect(() => resolveHardeningOptions({ maxRequestBytes: 10 })).toThrow('Gateway option `maxRequestBytes` must be an integer of at least 1024, got 10.');
    expect(() => resolveHardeningOptions({ subgraphResilience: { retries: 9 } })).toThrow('Gateway option `subgraphResilience.retries` must be an integer from 0 to 3, got 9.');
    expect(() => resolveHardeningOptions({ subgraphResilience: { timeouts: { tax: 0 } } }))
      .toThrow('Gateway option `subgraphResilience.timeouts.tax` must be a positive integer of milliseconds, got 0.');
  });
});
