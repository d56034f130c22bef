/**
 * Who may read `/metrics`, on the gateway and on a department: by default loopback callers of the main listener
 * only; with a port, a listener of its own (the main one answers 404); with a token, a bearer only. Settings from the
 * environment are checked, naming the variable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsFromEnv } from '../../bin/networkConfig.ts';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { metricsEndpoint } from '../../observability/index.ts';
import { createRegistry } from '../../observability/metrics.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { findDepartment } from '../../subgraphs/departments.ts';
import { ensureDepartmentData } from '../../subgraphs/kit/index.ts';
import { startDepartmentIn } from '../harness/departments.ts';
import { silentLogger } from '../harness/federation.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-metrics-'));
let callerKey: DevelopmentKey;
beforeAll(async () => {
  callerKey = await loadOrCreateDevelopmentKey(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'scrape-4f1c9b2e7a6d0c35';
const scrape = async (url: string, token?: string) => {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const text = await response.text();
  return { status: response.status, metrics: /^# HELP govgraph_/m.test(text), body: text.startsWith('{') ? JSON.parse(text) : null, challenge: response.headers.get('www-authenticate') };
};

async function gatewayWith(metrics: GatewayOptions['metrics']): Promise<RunningGateway> {
  return startGateway({ supergraph: SUPERGRAPH_FILE, port: 0, logger: silentLogger, identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] }, metrics });
}

describe('the gateway /metrics', () => {
  it('answers loopback callers on the main listener by default, and refuses any other address, naming the settings', async () => {
    const gateway = await gatewayWith(undefined);
    expect(gateway.metricsUrl).toBe(`${gateway.origin}/metrics`);
    expect(await scrape(gateway.metricsUrl)).toMatchObject({ status: 200, metrics: true });
    await gateway.stop();

    // A caller from another host, as the handler sees it (the tests run on loopback only).
    const endpoint = metricsEndpoint(createRegistry({ processMetrics: false }));
    const answer = await new Promise<{ status: number; body: string }>((resolve) => {
      const res = { statusCode: 0, headers: {} as Record<string, unknown>, setHeader(name: string, value: unknown) { this.headers[name] = value; },
        writeHead(status: number) { this.statusCode = status; return this; }, end(body: string) { resolve({ status: this.statusCode, body }); } };
      endpoint.route({ socket: { remoteAddress: '10.0.9.14' }, headers: {} } as unknown as IncomingMessage, res as unknown as ServerResponse);
    });
    expect(answer).toEqual({
      status: 403,
      body: JSON.stringify({ errors: [{ message: 'Metrics are served to loopback callers only: scrape them on GOVGRAPH_METRICS_PORT, or with the bearer token GOVGRAPH_METRICS_TOKEN.', extensions: { code: 'FORBIDDEN' } }] }),
    });
  });

  it('serves them on a listener of their own, and answers 404 for them on the main one', async () => {
    const gateway = await gatewayWith({ port: 0 });
    expect(gateway.metricsUrl).not.toBe(`${gateway.origin}/metrics`);
    expect(await scrape(gateway.metricsUrl)).toMatchObject({ status: 200, metrics: true });
    expect(await scrape(`${gateway.origin}/metrics`)).toEqual({
      status: 404, metrics: false, challenge: null,
      body: { errors: [{ message: 'No route /metrics on this listener; metrics are served on their own port.', extensions: { code: 'NOT_FOUND' } }] },
    });
    await gateway.stop();
  });

  it('serves them only to the bearer of the metrics token, when one is set', async () => {
    const gateway = await gatewayWith({ token: TOKEN });
    const refused = { status: 401, metrics: false, challenge: 'Bearer realm="metrics"', body: { errors: [{ message: 'Metrics need `Authorization: Bearer <metrics token>` (GOVGRAPH_METRICS_TOKEN).', extensions: { code: 'UNAUTHENTICATED' } }] } };
    expect(await scrape(gateway.metricsUrl)).toEqual(refused);
    expect(await scrape(gateway.metricsUrl, `${TOKEN}x`)).toEqual(refused);
    expect(await scrape(gateway.metricsUrl, TOKEN)).toMatchObject({ status: 200, metrics: true });
    await gateway.stop();
    await expect(gatewayWith({ token: 'short' })).rejects.toThrow('Gateway option `metrics.token` must be a string of at least 16 characters.');
  });
});

describe("a department's /metrics", () => {
  it('serves them on a listener of its own, behind the token, and not on its main listener', async () => {
    const definition = findDepartment('tax').definition;
    const databaseFile = join(dir, 'departments', 'tax.sqlite');
    ensureDepartmentData(definition, databaseFile, { seed: 7, people: 50, enterprises: 10 });
    const grantKey = await loadOrCreateGrantKey(dir);
    const department = await startDepartmentIn(dir, { department: definition, databaseFile, gatewayKeys: grantKey.jwks, metrics: { port: 0, token: TOKEN } });
    try {
      const origin = new URL(department.url).origin;
      expect(department.metricsUrl).not.toBe(`${origin}/metrics`);
      expect(await scrape(`${origin}/metrics`, TOKEN)).toMatchObject({ status: 404 });
      expect(await scrape(department.metricsUrl)).toMatchObject({ status: 401 });
      expect(await scrape(department.metricsUrl, TOKEN)).toMatchObject({ status: 200, metrics: true });
    } finally {
      await department.stop();
    }
  });
});

describe('metrics settings from the environment', () => {
  it('gives the gateway GOVGRAPH_METRICS_PORT and each department a variable of its own, and names a bad one', () => {
    const env = { GOVGRAPH_METRICS_PORT: '9400', GOVGRAPH_METRICS_PORT_CIVIL_AFFAIRS: '9402', GOVGRAPH_METRICS_TOKEN: TOKEN, GOVGRAPH_METRICS_HOST: '10.0.9.3' };
    expect(metricsFromEnv(env, null)).toEqual({ port: 9400, token: TOKEN, host: '10.0.9.3' });
    expect(metricsFromEnv(env, 'civil-affairs')).toEqual({ port: 9402, token: TOKEN, host: '10.0.9.3' });
    expect(metricsFromEnv({}, 'tax')).toEqual({ port: null, token: null });
    expect(() => metricsFromEnv({ GOVGRAPH_METRICS_PORT_TAX: 'ninety' }, 'tax')).toThrow('GOVGRAPH_METRICS_PORT_TAX must be a port number (0 to 65535), got "ninety".');
    expect(() => metricsFromEnv({ GOVGRAPH_METRICS_TOKEN: 'abc' }, null)).toThrow('GOVGRAPH_METRICS_TOKEN must be at least 16 characters');
  });
});
