/**
 * What the deployment guide's grant-key rotation relies on (docs/DEPLOYMENT.md, "Rotating the grant key"):
 * departments reading the gateway's keys from a published JWKS accept grants signed with any key in it, so
 * replicas still on the old key and replicas already on the new one serve side by side; a key that is not
 * published is refused; and the audit seals of every key ever used verify only while its public half is kept.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken, type DevelopmentKey } from '../../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements, verifyTrail, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { departments } from '../../subgraphs/departments.ts';
import { ensureDepartmentData, type RunningSubgraph } from '../../subgraphs/kit/index.ts';
import { TEST_POPULATION, postGraphQL, startDepartmentIn } from '../harness/departments.ts';
import { silentLogger } from '../harness/federation.ts';

const QUERY = '{ enterprises(first: 2) { nodes { creditCode name taxCreditRating legalRepresentative { name } } } }';

let dataDir: string;
let published: { keys: JWK[] };
let jwksServer: Server;
let jwksUrl: URL;
let oldKey: GrantKey;
let newKey: GrantKey;
let strayKey: GrantKey;
let callerKey: DevelopmentKey;
const subgraphs: RunningSubgraph[] = [];
const stores: PlatformStore[] = [];
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'govgraph-rotation-'));
  oldKey = await loadOrCreateGrantKey(join(dataDir, 'old'));
  newKey = await loadOrCreateGrantKey(join(dataDir, 'new'));
  strayKey = await loadOrCreateGrantKey(join(dataDir, 'stray'));
  callerKey = await loadOrCreateDevelopmentKey(dataDir);
  // The published key set, served as a key server (or nginx serving a file) would; mid-rotation: old and new.
  published = { keys: [...oldKey.jwks.keys, ...newKey.jwks.keys] };
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/gateway-jwks.json`);
  const platformFile = join(dataDir, 'platform.sqlite');
  for (const { definition } of departments) {
    if (definition.id === 'platform') continue;
    const databaseFile = join(dataDir, `${definition.id}.sqlite`);
    ensureDepartmentData(definition, databaseFile, TEST_POPULATION);
    subgraphs.push(await startDepartmentIn(dataDir, { department: definition, databaseFile, gatewayKeys: jwksUrl }));
  }
  const urls = Object.fromEntries(subgraphs.map((s) => [s.department.id, s.url]));
  // Three replicas on one platform store: one still on the old key, one on the new, one on a key never published.
  for (const key of [oldKey, newKey, strayKey]) {
    const platform = await openPlatformStore({ file: platformFile });
    stores.push(platform);
    if (stores.length === 1) await seedDemoAgreements(platform.agreements);
    gateways.push(
      await startGateway({
        supergraph: SUPERGRAPH_FILE,
        port: 0,
        logger: silentLogger,
        identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
        agreements: platform.agreements,
        grantSigning: { ...key, publishedAt: jwksUrl },
        audit: platform.audit,
        subgraphUrls: { ...urls, platform: 'http://127.0.0.1:9/graphql' },
      }),
    );
  }
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(subgraphs.map((s) => s.stop()));
  await new Promise((resolve) => jwksServer?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function ask(gateway: RunningGateway) {
  const token = await mintToken(callerKey, { department: 'tax', application: 'tax-app' });
  return postGraphQL(gateway.url, { query: QUERY }, { authorization: `Bearer ${token}` });
}

describe('rotating the gateway grant key', () => {
  it('serves the same answer through a replica on the old key and one on the new key', async () => {
    const [onOld, onNew] = [await ask(gateways[0]!), await ask(gateways[1]!)];
    expect(onOld.status).toBe(200);
    expect(onOld.body.errors).toBeUndefined();
    expect(onOld.body.data.enterprises.nodes).toHaveLength(2);
    expect(onOld.body.data.enterprises.nodes[0].taxCreditRating).toMatch(/^[ABMCD]$/);
    expect(onNew).toEqual(onOld);
  });

  it('is refused by every department for a key that was never published', async () => {
    const { status, body } = await ask(gateways[2]!);
    expect(status).toBe(200);
    expect(body.data).toBeNull(); // enterprises is non-null: the refusal nulls the whole answer
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'market-regulation' });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toContain(`signed with key "${strayKey.kid}", which is not among the gateway's published keys`);
  });

  it('reports a replica whose key is not published as not ready, naming the key', async () => {
    const grantKeyCheck = async (gateway: RunningGateway) => {
      const response = await fetch(`${gateway.origin}/ready`);
      return ((await response.json()) as { checks: Record<string, unknown> }).checks['grant-key'];
    };
    expect(await grantKeyCheck(gateways[0]!)).toEqual({ status: 'ok', detail: `${oldKey.kid} published` });
    expect(await grantKeyCheck(gateways[1]!)).toEqual({ status: 'ok', detail: `${newKey.kid} published` });
    expect(await grantKeyCheck(gateways[2]!)).toEqual({
      status: 'failed',
      reason: `this replica signs grants with key ${strayKey.kid}, which is not published at ${jwksUrl.href}: every department would refuse its grants`,
    });
  });

  it("verifies seals of both keys only while the old key's public half is kept for the auditor", async () => {
    await stores[0]!.audit.seal(oldKey);
    await stores[1]!.audit.seal(newKey);
    const db = new Database(join(dataDir, 'platform.sqlite'), { readonly: true });
    try {
      const archive = await verifyTrail(db, { jwks: { keys: [...oldKey.jwks.keys, ...newKey.jwks.keys] } });
      expect(archive).toMatchObject({ ok: true, seals: 2 });
      const currentOnly = await verifyTrail(db, { jwks: newKey.jwks });
      expect(currentOnly.ok).toBe(false);
      expect(JSON.stringify(currentOnly)).toContain(oldKey.kid);
    } finally {
      db.close();
    }
  });
});
