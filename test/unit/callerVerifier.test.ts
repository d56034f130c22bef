import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerRejected, createCallerVerifier } from '../../gateway/identify/index.ts';

interface Key { kid: string; privateKey: CryptoKey; jwk: JWK }
async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}
function token(key: Key, claims: Record<string, unknown> = {}) {
  return new SignJWT({ dept: 'tax', roles: ['app'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('tax-app').setIssuer('https://idp.example.gov').setAudience('govgraph')
    .setIssuedAt().setExpirationTime('5m').sign(key.privateKey);
}

let server: Server;
let published: JWK[] = [];
let fetches = 0;
let url: URL;
beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('caller verification against a JWKS URL', () => {
  it('follows a key rotation: an unknown kid refetches the set, at most once per cooldown', async () => {
    const first = await newKey('2026-11');
    const second = await newKey('2026-12');
    published = [first.jwk];
    const verify = createCallerVerifier({ jwks: url, issuers: ['https://idp.example.gov'], jwksCooldownMs: 3_000 });

    expect(await verify(`Bearer ${await token(first)}`)).toEqual({ application: 'tax-app', department: 'tax', roles: ['app'], anonymous: false });
    expect(fetches).toBe(1);

    published = [first.jwk, second.jwk];
    await new Promise((r) => setTimeout(r, 3_100));
    expect(await verify(`Bearer ${await token(second)}`)).toMatchObject({ department: 'tax' });
    expect(fetches).toBe(2);

    // A flood of tokens with unknown kids within the cooldown costs no fetch and is refused.
    const forged = await newKey('forged');
    for (let i = 0; i < 5; i++) {
      await expect(verify(`Bearer ${await token(forged, { n: i })}`)).rejects.toEqual(
        new CallerRejected('The token was signed with a key this gateway does not know.'),
      );
    }
    expect(fetches).toBe(2);
  });

  it('refuses a token from an issuer it does not trust', async () => {
    const key = await newKey('other');
    published = [key.jwk];
    const verify = createCallerVerifier({ jwks: { keys: [key.jwk] }, issuers: ['https://another.example.gov'] });
    await expect(verify(`Bearer ${await token(key)}`)).rejects.toEqual(
      new CallerRejected("The token's issuer is not trusted here (accepted: https://another.example.gov)."),
    );
  });
});
