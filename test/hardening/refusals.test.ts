/**
 * Bounded refusals: requests refused before their caller is known are limited per source address. A flood from
 * one address writes its first `burst` refusals one by one and then one aggregate record for the rest, whatever its
 * length (records are counted here, never seconds: the refill rate is set so low that no token comes back during
 * a test); the flooding address gets 429 with Retry-After while a caller with a valid token from the same address
 * is still served; X-Forwarded-For names the source only behind a proxy configured as trusted.
 */
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { createRefusalGuard, resolveRefusalOptions } from '../../gateway/identify/index.ts';
import { refusalsFromEnv } from '../../bin/networkConfig.ts';
import { sourceAddress } from '../../http/sourceAddress.ts';
import { openPlatformStore, type AuditRecord, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { silentLogger } from '../harness/federation.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let callerKey: DevelopmentKey;
beforeAll(async () => {
  callerKey = await loadOrCreateDevelopmentKey(dir);
});

let count = 0;
/** A gateway of its own over a fresh SQLite platform store; no department is needed to refuse or to answer `{ __typename }`. */
async function gatewayWith(refusals: GatewayOptions['refusals']): Promise<{ gateway: RunningGateway; platform: PlatformStore }> {
  const platform = await openPlatformStore({ file: join(dir, `platform-${++count}.sqlite`) });
  const gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE, port: 0, logger: silentLogger, identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: platform.agreements, audit: platform.audit, refusals,
  });
  return { gateway, platform };
}

async function records(platform: PlatformStore): Promise<AuditRecord[]> {
  return (await platform.audit.query({}, { first: 500 })).records.sort((a, b) => a.sequence - b.sequence);
}

const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const post = (url: string, headers: Record<string, string> = {}, body = TYPENAME) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** No token back for the length of any test: refusals are counted, not timed. */
const NO_REFILL = { refusalsPerSecond: 0.001, burst: 5, recordIntervalMs: 3_600_000 };

describe('a flood of refused requests from one address', () => {
  it('records the first refusals one by one and the rest as one aggregate, answering them 429 with Retry-After', async () => {
    const { gateway, platform } = await gatewayWith(NO_REFILL);
    const FLOOD = 120;
    const answers: { status: number; retryAfter: string | null; requestId: string | null; code: string }[] = [];
    for (let i = 0; i < FLOOD; i += 1) {
      // Mostly no token; every tenth a body that is not JSON: both refused before the caller is known.
      const response = i % 10 === 9 ? await post(gateway.url, {}, '{ not json') : await post(gateway.url);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      answers.push({ status: response.status, retryAfter: response.headers.get('retry-after'), requestId: response.headers.get('x-request-id'), code: body.errors[0]!.extensions.code });
    }
    const token = await mintToken(callerKey, { department: 'tax', application: 'tax-assessor' });
    const served = await post(gateway.url, { authorization: `Bearer ${token}` });
    expect({ status: served.status, body: await served.json() }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });

    expect(answers.slice(0, 5).map((a) => [a.status, a.code, a.retryAfter, typeof a.requestId])).toEqual(Array(5).fill([401, 'UNAUTHENTICATED', null, 'string']));
    expect(new Set(answers.slice(5).map((a) => JSON.stringify([a.status, a.code, a.retryAfter, a.requestId])))).toEqual(new Set([JSON.stringify([429, 'RATE_LIMITED', '1000', null])]));

    await gateway.stop();
    const written = await records(platform);
    // 5 refusals, the served request, and one record of the 115 refused beyond the limit.
    expect(written).toHaveLength(7);
    expect(written.slice(0, 5).map((r) => [r.kind, r.status, r.outcome])).toEqual(Array(5).fill(['request', 401, 'denied']));
    expect(written[5]).toMatchObject({ kind: 'request', status: 200, application: 'tax-assessor' });
    const aggregate = written[6]!;
    expect(aggregate).toEqual({
      ...aggregate,
      kind: 'refusals', application: null, department: null, purpose: null, agreements: [], operationName: null, documentHash: null,
      providers: {}, outcome: 'denied', status: 429,
      requestId: expect.stringMatching(/^refusals-[0-9a-f-]{36}$/),
      reason: expect.stringMatching(new RegExp(
        '^115 requests from 127\\.0\\.0\\.1 refused between \\S+ and \\S+, answered 429 and not recorded one by one ' +
          '\\(over 0\\.001 refusals/s, burst 5\\): 400 BAD_REQUEST × 12, 401 UNAUTHENTICATED × 103$',
      )),
    });
    expect(await platform.verifyAudit({ jwks: { keys: [] }, sealPolicy: null })).toMatchObject({ ok: true, records: 7 });
    await platform.close();
  });

  it('keeps its count when the trail cannot write it, and writes it whole at the next record', async () => {
    const platform = await openPlatformStore({ file: join(dir, `platform-${++count}.sqlite`) });
    const errors: string[] = [];
    const guard = createRefusalGuard({
      options: resolveRefusalOptions(NO_REFILL), audit: platform.audit,
      logger: { ...silentLogger, error: (message) => errors.push(message) },
    });
    const from = (address: string) => ({ socket: { remoteAddress: address }, headers: {} }) as unknown as IncomingMessage;
    const refusedAtOnce = Array.from({ length: 40 }, () => guard.refusal(from('198.51.100.4'), 401, 'UNAUTHENTICATED'));
    expect(refusedAtOnce.filter((error) => error === null)).toHaveLength(5);
    expect(refusedAtOnce[39]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1000, http: { status: 429 } });

    const db = (platform.audit as unknown as { db: import('better-sqlite3').Database }).db;
    db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON audit_records BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    await guard.flush();
    expect(errors).toEqual([expect.stringMatching(/^\[gateway\] could not record 35 refusals from 198\.51\.100\.4: .*disk full \(simulated\).*; kept for the next record$/)]);
    db.exec('DROP TRIGGER disk_full');
    for (let i = 0; i < 10; i += 1) guard.refusal(from('198.51.100.4'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await guard.close();
    const written = await records(platform);
    expect(written.map((r) => r.reason!.replace(/between \S+ and \S+,/, 'between …,'))).toEqual([
      '45 requests from 198.51.100.4 refused between …, answered 429 and not recorded one by one (over 0.001 refusals/s, burst 5): 401 UNAUTHENTICATED × 35, 415 UNSUPPORTED_MEDIA_TYPE × 10',
    ]);
    await platform.close();
  });
});

describe('refused requests from many addresses, each within its own limit', () => {
  it('are recorded one by one only up to the gateway-wide limit, then answered 429 and counted for their sources', async () => {
    const { gateway, platform } = await gatewayWith({ ...NO_REFILL, totalPerSecond: 0.001, totalBurst: 6, trustedProxies: ['127.0.0.1'] });
    const answers: { client: string; status: number; message: string }[] = [];
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      for (let i = 0; i < 2; i += 1) {
        const response = await post(gateway.url, { 'x-forwarded-for': client });
        answers.push({ client, status: response.status, message: ((await response.json()) as { errors: { message: string }[] }).errors[0]!.message });
      }
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect(answers[7]!.message).toMatch(/^Too many refused requests at this gateway from all sources together: at most 0\.001 per second \(burst 6\) are answered one by one\. This one was refused too \(401 UNAUTHENTICATED\)/);
    const token = await mintToken(callerKey, { department: 'tax', application: 'tax-assessor' });
    expect((await post(gateway.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.5' })).status).toBe(200);

    await gateway.stop();
    const written = await records(platform);
    expect(written.map((r) => [r.kind, r.status])).toEqual([...Array(6).fill(['request', 401]), ['request', 200], ['refusals', 429]]);
    expect(written[7]!.reason).toMatch(
      /^2 requests from 198\.51\.100\.4 refused between \S+ and \S+, answered 429 and not recorded one by one \(over 0\.001 refusals\/s, burst 5; 2 of them over 0\.001 refusals\/s, burst 6, from all sources together\): 401 UNAUTHENTICATED × 2$/,
    );
    expect(await platform.verifyAudit({ jwks: { keys: [] }, sealPolicy: null })).toMatchObject({ ok: true, records: 8 });
    await platform.close();
  });

  it('take their gateway-wide limit from the environment, a bad value naming its variable', () => {
    expect(refusalsFromEnv({ GOVGRAPH_REFUSALS_TOTAL_PER_SECOND: '20', GOVGRAPH_REFUSAL_TOTAL_BURST: '300' })).toEqual({ totalPerSecond: 20, totalBurst: 300 });
    expect(() => refusalsFromEnv({ GOVGRAPH_REFUSAL_TOTAL_BURST: '2.5' })).toThrow('GOVGRAPH_REFUSAL_TOTAL_BURST must be a positive integer, got "2.5".');
    expect(() => refusalsFromEnv({ GOVGRAPH_REFUSALS_TOTAL_PER_SECOND: '-1' })).toThrow('GOVGRAPH_REFUSALS_TOTAL_PER_SECOND must be a positive number, got "-1".');
    expect(resolveRefusalOptions({})).toMatchObject({ totalPerSecond: 100, totalBurst: 1_000 });
  });

  it('leave the gateway-wide share alone while one source floods beyond its own limit', () => {
    const guard = createRefusalGuard({ options: resolveRefusalOptions({ ...NO_REFILL, totalPerSecond: 0.001, totalBurst: 6 }), audit: null, logger: silentLogger });
    const from = (address: string) => ({ socket: { remoteAddress: address }, headers: {} }) as unknown as IncomingMessage;
    const flood = Array.from({ length: 100 }, () => guard.refusal(from('203.0.113.1'), 401, 'UNAUTHENTICATED'));
    expect(flood.filter((error) => error === null)).toHaveLength(5);
    // The flood spent 5 of the 6 gateway-wide refusals; the next source gets the last one.
    expect(guard.refusal(from('203.0.113.2'), 401, 'UNAUTHENTICATED')).toBeNull();
    expect(guard.refusal(from('203.0.113.3'), 401, 'UNAUTHENTICATED')?.message).toMatch(/^Too many refused requests at this gateway from all sources together/);
    void guard.close();
  });
});

describe('the source of a request', () => {
  const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('is the peer unless the peer is a trusted proxy, then the nearest untrusted hop of X-Forwarded-For', () => {
    const direct = sourceAddress();
    expect(direct(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(direct(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
    expect(direct(request('2001:db8:1:2:3:4:5:6'))).toBe('2001:db8:1:2::/64');
    expect(direct(request('2001:db8::7'))).toBe('2001:db8:0:0::/64');

    const proxied = sourceAddress({ trustedProxies: ['10.0.1.0/24', '127.0.0.1'] });
    // The client wrote the leftmost hop itself; the balancer appended the address it saw.
    expect(proxied(request('10.0.1.5', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7');
    expect(proxied(request('10.0.1.5', '198.51.100.7, 10.0.1.9'))).toBe('198.51.100.7');
    expect(proxied(request('10.0.1.5', 'garbage'))).toBe('10.0.1.5');
    expect(proxied(request('10.0.1.5'))).toBe('10.0.1.5');
    expect(proxied(request('203.0.113.9', '198.51.100.7'))).toBe('203.0.113.9');
  });

  it('refuses a trusted proxy that is not an address or a range, naming the option', () => {
    expect(() => resolveRefusalOptions({ trustedProxies: ['10.0.1.0/33'] })).toThrow(
      'Gateway option `refusals.trustedProxies`: "10.0.1.0/33" is not an IP address or a CIDR range (10.0.1.7, 10.0.1.0/24, fd00::/8).',
    );
    expect(() => resolveRefusalOptions({ burst: 0 })).toThrow('Gateway option `refusals.burst` must be a positive integer, got 0.');
    expect(() => resolveRefusalOptions({ perSecond: 1 } as never)).toThrow('Gateway option `refusals.perSecond` is unknown (known: refusalsPerSecond, burst, totalPerSecond, totalBurst, trustedProxies, recordIntervalMs, maxSources).');
  });

  it('gives each client behind a trusted balancer a bucket of its own, and ignores X-Forwarded-For otherwise', async () => {
    for (const [trustedProxies, expected] of [[['127.0.0.1'], [401, 401, 401, 401]], [[], [401, 401, 429, 429]]] as const) {
      const { gateway, platform } = await gatewayWith({ ...NO_REFILL, burst: 2, trustedProxies: [...trustedProxies] });
      const statuses = [];
      for (const client of ['198.51.100.1', '198.51.100.2']) {
        for (let i = 0; i < 2; i += 1) statuses.push((await post(gateway.url, { 'x-forwarded-for': client })).status);
      }
      expect(statuses).toEqual(expected);
      await gateway.stop();
      await platform.close();
    }
  });
});
