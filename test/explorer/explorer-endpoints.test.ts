/**
 * The explorer's endpoints on a real gateway over the real departments: pages and assets from the local build,
 * a browser's GET of /graphql answered with GraphiQL, the caller's agreements and catalogue behind the same
 * bearer token as /graphql, and development identities only where the gateway was configured with them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { isLoopbackHost } from '../../gateway/explorer/options.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentResidentKey } from '../../gateway/identify/index.ts';
import { DEVELOPMENT_RESIDENT_ISSUER } from '../../sharing/residents.ts';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, execute } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { silentLogger, startFederation, type TestFederation } from '../harness/federation.ts';

const resident = createPopulation(TEST_POPULATION).person(0);
let federation: TestFederation;
let development: RunningGateway;

beforeAll(async () => {
  await ensureExplorerBuild();
  federation = await startFederation();
  development = await startExplorerGateway(federation, {
    // As bin/gateway.ts offers them: the disputes' competent department (a provider already) and common superior.
    developmentIdentities: { key: federation.callerKey, alsoDepartments: ['platform', 'people-government'] },
    exampleVariables: { OneStop: { id: resident.idNumber } },
  });
});

afterAll(async () => {
  await development?.stop();
  await federation?.stop();
});

const get = (origin: string, path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });
const postJson = (origin: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('pages', () => {
  it('serves GraphiQL at /graphiql with a same-origin-only content security policy', async () => {
    const response = await get(federation.gateway.origin, '/graphiql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    // Every script and style from the gateway's own assets (the icon is an empty data: URI, so none is fetched).
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((url) => url !== 'data:,');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/explorer\/assets\//);
      const served = await get(federation.gateway.origin, asset);
      expect(served.status).toBe(200);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers a browser GET of /graphql with GraphiQL, and GraphQL requests as before', async () => {
    const page = await get(federation.gateway.origin, '/graphql', { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>govgraph · GraphiQL</title>');
    const query = await get(federation.gateway.origin, '/graphql?query=%7B__typename%7D', { accept: 'text/html, application/json', 'apollo-require-preflight': 'true', ...(await federation.as({ department: 'tax' })) });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the department dashboard at /dashboard', async () => {
    const response = await get(federation.gateway.origin, '/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<title>govgraph · Dashboard</title>');
  });

  it('sends a browser opening / to GraphiQL, and still lists the routes to an API client', async () => {
    const browser = await fetch(`${federation.gateway.origin}/`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect([browser.status, browser.headers.get('location')]).toEqual([302, '/graphiql']);
    const client = await get(federation.gateway.origin, '/', { accept: 'application/json' });
    expect(client.status).toBe(404);
    expect(((await client.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('/graphiql, /catalog, /dashboard');
  });

  it('answers an unknown asset with a 404 that says to reload, and keeps assets out of the router\'s 404', async () => {
    const missing = await get(federation.gateway.origin, '/explorer/assets/graphiql-old.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errors: [{ message: 'No explorer asset /explorer/assets/graphiql-old.js: the page that asked for it is older than this gateway\'s build; reload it.', extensions: { code: 'NOT_FOUND' } }],
    });
    const elsewhere = (await (await get(federation.gateway.origin, '/nowhere')).json()) as { errors: { message: string }[] };
    expect(elsewhere.errors[0]!.message).toContain('/graphiql, /catalog');
    expect(elsewhere.errors[0]!.message).not.toContain('/explorer/assets/');
  });

  it('serves the catalogue page at /catalog', async () => {
    const response = await get(federation.gateway.origin, '/catalog');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>govgraph · Catalogue</title>');
  });

  it('says how to build the pages when they are not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'govgraph-explorer-'));
    const gateway = await startExplorerGateway(federation, { assetsDir: empty });
    try {
      const response = await get(gateway.origin, '/graphiql');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:explorer');
    } finally {
      await gateway.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('has no explorer routes when turned off', async () => {
    const gateway = await startExplorerGateway(federation, false);
    try {
      expect((await get(gateway.origin, '/graphiql')).status).toBe(404);
      expect((await get(gateway.origin, '/explorer/config')).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the caller\'s agreements and catalogue', () => {
  it('refuses them without a token, as /graphql does', async () => {
    for (const path of ['/explorer/agreements', '/explorer/catalogue']) {
      const response = await get(federation.gateway.origin, path);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [{ message: 'No bearer token: send Authorization: Bearer <token> (npm run token mints one in development).', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });

  it('answers a gateway\'s anonymous caller without a token, where the gateway admits one', async () => {
    const open = await startGateway({
      supergraph: SUPERGRAPH_FILE,
      port: 0,
      logger: silentLogger,
      identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
      anonymous: { application: 'open-data-portal', department: 'tax' },
      subgraphUrls: federation.departments.urls,
    });
    try {
      expect(await (await get(open.origin, '/explorer/config')).json()).toMatchObject({ signInRequired: false, developmentIdentities: false });
      const catalogue = (await (await get(open.origin, '/explorer/catalogue')).json()) as { caller: unknown };
      expect(catalogue.caller).toEqual({ application: 'open-data-portal', department: 'tax', roles: [] });
      expect(await (await get(open.origin, '/explorer/agreements')).json()).toEqual({ caller: catalogue.caller, agreements: [] });
    } finally {
      await open.stop();
    }
  });

  it('lists the agreements in force of the caller\'s department', async () => {
    const response = await get(federation.gateway.origin, '/explorer/agreements', await federation.as({ department: 'tax', roles: ['analyst'] }));
    const body = (await response.json()) as { caller: unknown; agreements: { id: string; provider: string; purpose: string }[] };
    expect(body.caller).toEqual({ application: 'tax-app', department: 'tax', roles: ['analyst'] });
    expect(body.agreements.map(({ id, provider, purpose }) => ({ id, provider, purpose }))).toEqual([
      { id: 'AGR-2025-0002', provider: 'civil-affairs', purpose: 'individual-income-tax-deduction' },
      { id: 'AGR-2025-0003', provider: 'natural-resources', purpose: 'property-tax-assessment' },
      { id: 'AGR-2025-0004', provider: 'public-security', purpose: 'property-tax-assessment' },
      { id: 'AGR-2025-0005', provider: 'human-resources', purpose: 'property-tax-assessment' },
    ]);
  });

  it('annotates each item with what the caller\'s department may do with it', async () => {
    const response = await get(federation.gateway.origin, '/explorer/catalogue', await federation.as({ department: 'civil-affairs' }));
    const body = (await response.json()) as { caller: unknown; departments: { id: string; resources: { type: string; items: { item: string }[] }[] }[] };
    expect(body.caller).toEqual({ application: 'civil-affairs-app', department: 'civil-affairs', roles: ['app'] });
    const items = new Map(body.departments.flatMap((d) => d.resources.flatMap((r) => r.items.map((i) => [i.item, { department: d.id, ...i }]))));
    // Government data first, by department; the platform's own API last.
    expect(body.departments.map((d) => d.id)).toEqual([
      'civil-affairs', 'health', 'human-resources', 'market-regulation', 'natural-resources', 'public-security', 'tax', 'platform',
    ]);
    expect((body.departments as unknown as { id: string; title: string; titleZh: string | null; platform: boolean }[]).map(({ id, title, titleZh, platform }) => [id, title, titleZh, platform]).slice(-2)).toEqual([
      ['tax', 'Taxation', '税务局', false],
      ['platform', 'Data Sharing Platform', '数据共享平台', true],
    ]);
    expect(items.get('Person.household')).toMatchObject({
      department: 'public-security', level: 'CONDITIONAL', access: 'agreement',
      agreements: [{ id: 'AGR-2025-0001', purpose: 'marriage-registration', validUntil: expect.any(String) }],
    });
    // AGR-2024-0007 expired: no agreement in force.
    expect(items.get('Person.socialInsurance')).toMatchObject({ department: 'human-resources', level: 'CONDITIONAL', access: 'apply', agreements: [] });
    expect(items.get('Person.maritalStatus')).toMatchObject({ department: 'civil-affairs', access: 'own' });
    expect(items.get('Person.idNumber')).toMatchObject({ level: 'UNCONDITIONAL', sensitive: true, access: 'masked', key: true });
    expect(items.get('Enterprise.taxCreditRating')).toMatchObject({ level: 'UNCONDITIONAL', access: 'open' });
    // NONE items are listed with their legal reason, though hidden from the caller's introspection.
    expect(items.get('Person.diagnoses')).toMatchObject({ department: 'health', level: 'NONE', access: 'never', reason: expect.stringMatching(/\S/) });
  });
});

describe('development identities', () => {
  it('are off unless the gateway is configured with them', async () => {
    const list = await get(federation.gateway.origin, '/explorer/identities');
    expect(list.status).toBe(404);
    expect(await list.json()).toEqual({
      errors: [{ message: 'Development identities are off on this gateway: paste a token issued for your application instead.', extensions: { code: 'NOT_FOUND' } }],
    });
    const token = await postJson(federation.gateway.origin, '/explorer/identities/token', { department: 'tax', role: 'app' });
    expect(token.status).toBe(404);
    expect(await (await get(federation.gateway.origin, '/explorer/config')).json()).toMatchObject({ signInRequired: true, developmentIdentities: false });
  });

  it('list every department with each role, and the departments that act in disputes only', async () => {
    const body = (await (await get(development.origin, '/explorer/identities')).json()) as { identities: { department: string; role: string }[] };
    const departments = ['civil-affairs', 'health', 'human-resources', 'market-regulation', 'natural-resources', 'platform', 'public-security', 'tax', 'people-government'];
    expect(body.identities).toEqual(departments.flatMap((department) => ['app', 'analyst', 'dept-admin'].map((role) => ({ department, role }))));
  });

  it('hand out a token the gateway accepts for the chosen department and role', async () => {
    const response = await postJson(development.origin, '/explorer/identities/token', { department: 'tax', role: 'analyst' });
    expect(response.status).toBe(200);
    const issued = (await response.json()) as { token: string; application: string; roles: string[] };
    expect(issued).toMatchObject({ department: 'tax', application: 'tax-explorer', roles: ['analyst'] });
    const headers = { authorization: `Bearer ${issued.token}`, 'x-purpose': 'property-tax-assessment' };
    const agreements = (await (await get(development.origin, '/explorer/agreements', headers)).json()) as { caller: unknown };
    expect(agreements.caller).toEqual({ application: 'tax-explorer', department: 'tax', roles: ['analyst'] });
    const { body } = await execute(development.url, OneStopDocument, { id: resident.idNumber }, headers);
    expect(body.data?.person?.name).toBe(resident.name);
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['person', 'maritalStatus'], 'UNAUTHORIZED_FIELD_OR_TYPE']]);
  });

  it('refuse an unknown department or role, naming the choices', async () => {
    const unknown = await postJson(development.origin, '/explorer/identities/token', { department: 'ministry-of-magic', role: 'app' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      '"department" must be one of civil-affairs, health, human-resources, market-regulation, natural-resources, platform, public-security, tax, people-government.',
    );
    const role = await postJson(development.origin, '/explorer/identities/token', { department: 'tax', role: 'root' });
    expect(((await role.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('"role" must be one of app, analyst, dept-admin.');
    const form = await fetch(`${development.origin}/explorer/identities/token`, { method: 'POST', body: 'department=tax&role=app', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('cannot be configured with a key the gateway does not trust', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const stranger = { privateKey, kid: 'stranger', jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'stranger' }] } };
    await expect(
      startGateway({
        supergraph: SUPERGRAPH_FILE,
        port: 0,
        logger: silentLogger,
        identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
        explorer: { developmentIdentities: { key: stranger as never } },
      }),
    ).rejects.toThrow('Gateway option `explorer.developmentIdentities` needs `identity.jwks` to be the development key set');
  });

  it('refuse to start on a host other callers can reach, and start on any loopback address', async () => {
    const options = (host: string) => ({
      supergraph: SUPERGRAPH_FILE, port: 0, host, logger: silentLogger,
      identity: { jwks: federation.callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
      explorer: { developmentIdentities: { key: federation.callerKey } },
    });
    for (const host of ['0.0.0.0', '::', '10.0.9.14']) {
      await expect(startGateway(options(host))).rejects.toThrow(
        'Gateway option `explorer.developmentIdentities` (--development-identities) hands a token for any department and role to whoever can reach ' +
          `the gateway, so it is refused on host ${host}: listen on a loopback address (127.0.0.1, ::1 or localhost; --host / GOVGRAPH_HOST), ` +
          'or drop --development-identities and sign in with real tokens.',
      );
    }
    const onLoopback = await startGateway(options('127.0.0.2'));
    expect(await (await get(onLoopback.origin, '/explorer/config')).json()).toMatchObject({ developmentIdentities: true });
    await onLoopback.stop();
    expect(['localhost', '127.0.0.1', '127.5.6.7', '::1', '[::1]', '::ffff:127.0.0.1'].filter((host) => !isLoopbackHost(host))).toEqual([]);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.example', '::ffff:10.0.0.1'].filter(isLoopbackHost)).toEqual([]);
  });

  it('open the saved examples with the configured variables', async () => {
    const config = (await (await get(development.origin, '/explorer/config')).json()) as { examples: { name: string; variables: string }[] };
    expect(config.examples.map((e) => [e.name, JSON.parse(e.variables)])).toEqual([
      ['LegalRepresentatives', { first: 5 }],
      ['OneStop', { id: resident.idNumber }],
    ]);
  });
});

describe('residents\' development sign-in', () => {
  let residents: RunningGateway;
  let residentKey: Awaited<ReturnType<typeof loadOrCreateDevelopmentResidentKey>>;

  beforeAll(async () => {
    residentKey = await loadOrCreateDevelopmentResidentKey(federation.departments.dataDir);
    residents = await startExplorerGateway(federation, {
      developmentIdentities: { key: federation.callerKey, residentKey },
      exampleVariables: { OneStop: { id: resident.idNumber } },
    }, SUPERGRAPH_FILE, { jwks: residentKey.jwks, issuers: [DEVELOPMENT_RESIDENT_ISSUER] });
  });
  afterAll(async () => {
    await residents?.stop();
  });

  it('hands a synthetic resident a token the gateway signs in as that resident, and offers the example resident', async () => {
    expect(await (await get(residents.origin, '/explorer/config')).json()).toMatchObject({ residentSignIn: 'development', exampleResident: resident.idNumber });
    const response = await postJson(residents.origin, '/explorer/residents/token', { resident: resident.idNumber });
    expect(response.status).toBe(200);
    const issued = (await response.json()) as { token: string; resident: string; expiresAt: string };
    expect(issued).toEqual({ token: expect.any(String), resident: resident.idNumber, expiresAt: expect.any(String) });
    const seen = (await (await get(residents.origin, '/explorer/agreements', { authorization: `Bearer ${issued.token}` })).json()) as unknown;
    expect(seen).toEqual({ caller: { application: 'resident-portal', department: 'resident', roles: [], resident: resident.idNumber }, agreements: [] });
  });

  it('refuses a malformed resident ID, and is off where the gateway has no development resident key', async () => {
    const bad = await postJson(residents.origin, '/explorer/residents/token', { resident: resident.idNumber.slice(0, 17) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ message: '"resident" must be a resident ID: must be 18 characters, got 17.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(await (await get(development.origin, '/explorer/config')).json()).toMatchObject({ residentSignIn: 'off', exampleResident: null });
    expect((await postJson(development.origin, '/explorer/residents/token', { resident: resident.idNumber })).status).toBe(404);
  });

  it('cannot be configured with a resident key the gateway\'s residents\' sign-in does not trust', async () => {
    await expect(startExplorerGateway(federation, { developmentIdentities: { key: federation.callerKey, residentKey } })).rejects.toThrow(
      'Gateway option `explorer.developmentIdentities.residentKey` needs `residents.jwks` to be the development resident key set',
    );
  });
});
