/**
 * Quotas at the gateway: an application over its rate limit, or an operation under an agreement whose daily
 * quota of records is used up, is answered 429 with Retry-After, recorded in the audit trail, and (for the
 * quota) refused before any department is asked. Other applications and other agreements are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { PlatformAgreementUsage, quotaDay, type AgreementUsage } from '../../gateway/quotas/agreementUsage.ts';
import { connectSqlite } from '../../platform/store/sqlite.ts';
import { sqliteDb } from '../../platform/store/sqliteDb.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let db: Database.Database;
let usage: PlatformAgreementUsage;
// The usage store lives in the federation's platform file, which exists once the federation has started.
const lateUsage: AgreementUsage = { used: (a, d) => usage.used(a, d), add: (d, r) => usage.add(d, r) };

beforeAll(async () => {
  federation = await startFederation({
    applicationPolicy: {
      applications: { 'chatty-app': { rateLimit: { requestsPerSecond: 0.5, burst: 2 } } },
      agreements: { 'AGR-2025-0003': { dailyRecords: 2 } },
    },
    agreementUsage: lateUsage,
  });
  db = connectSqlite({ file: join(federation.departments.dataDir, 'platform.sqlite') });
  usage = new PlatformAgreementUsage(sqliteDb(db));
});
afterAll(async () => {
  db?.close();
  await federation?.stop();
});

async function post(application: string, query: string, purpose?: string) {
  const headers = await federation.as({ department: 'tax', application, ...(purpose ? { purpose } : {}) });
  const response = await fetch(federation.gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

describe('the per-application rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, records it, and leaves other applications alone', async () => {
    expect((await post('chatty-app', '{ __typename }')).status).toBe(200);
    expect((await post('chatty-app', '{ __typename }')).status).toBe(200);
    const limited = await post('chatty-app', '{ __typename }');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toEqual({
      message: `Application chatty-app exceeded its rate limit of 0.5 requests per second (burst 2); retry after ${limited.retryAfter} s.`,
      extensions: { code: 'RATE_LIMITED', limit: 'rateLimit', allowed: 0.5, retryAfter: Number(limited.retryAfter) },
    });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
    expect(record).toMatchObject({ application: 'chatty-app', status: 429, outcome: 'denied', reason: limited.body.errors[0].message });
    expect((await post('quiet-app', '{ __typename }')).status).toBe(200);
  });
});

describe('the per-agreement daily quota of records', () => {
  it('serves until the day\'s records are used, then answers 429 before asking the department, until the next day', async () => {
    const query = (i: number) => `{ person(idNumber: "${population.person(i).idNumber}") { name realEstates { certificateNo } } }`;
    const { day } = quotaDay(new Date(), 480);
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 5 && !refused; i++) {
      const response = await post('tax-assessor', query(i), 'property-tax-assessment');
      if (response.status === 429) refused = response;
      else expect(response.body.errors).toBeUndefined();
    }
    expect(refused).toBeDefined();
    const used = await usage.used('AGR-2025-0003', day);
    expect(used).toBeGreaterThanOrEqual(2);
    expect(refused!.body.errors[0].extensions).toEqual({
      code: 'QUOTA_EXCEEDED', agreementId: 'AGR-2025-0003', limit: 'dailyRecords', allowed: 2, used, retryAfter: Number(refused!.retryAfter),
    });
    expect(Number(refused!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused!.retryAfter)).toBeLessThanOrEqual(86_400);
    let again: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await countStatements(federation, async () => {
      again = await post('tax-assessor', query(9), 'property-tax-assessment');
    });
    expect(again!.status).toBe(429);
    expect(statements['natural-resources']).toBe(0);
    const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
    expect(record).toMatchObject({ application: 'tax-assessor', status: 429, outcome: 'denied', purpose: 'property-tax-assessment' });
    // Another agreement of the same consumer (the household, AGR-2025-0004) is still served.
    const household = await post('tax-assessor', `{ person(idNumber: "${population.person(9).idNumber}") { household { address } } }`, 'property-tax-assessment');
    expect(household.status).toBe(200);
    expect(household.body.data.person.household.address).toEqual(expect.any(String));
  });
});

describe('the quota day', () => {
  it('is a calendar day at the configured offset, and says how long until the next', () => {
    expect(quotaDay(new Date('2026-11-27T15:59:30.000Z'), 480)).toEqual({ day: '2026-11-27', secondsLeft: 30 });
    expect(quotaDay(new Date('2026-11-27T16:00:00.000Z'), 480)).toEqual({ day: '2026-11-28', secondsLeft: 86_400 });
    expect(quotaDay(new Date('2026-11-27T23:00:00.000Z'), 0)).toEqual({ day: '2026-11-27', secondsLeft: 3_600 });
  });
});
