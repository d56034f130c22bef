import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEVELOPMENT_ISSUER,
  GATEWAY_AUDIENCE,
  developmentKeyFiles,
  loadOrCreateDevelopmentKey,
  mintToken,
  parseTtl,
} from '../../gateway/identify/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('development tokens', () => {
  it('are signed with a key generated once and verifiable against the published JWKS', async () => {
    const key = await loadOrCreateDevelopmentKey(dataDir);
    const again = await loadOrCreateDevelopmentKey(dataDir);
    expect(again.kid).toBe(key.kid);
    expect(statSync(developmentKeyFiles(dataDir).privateKey).mode & 0o777).toBe(0o600);

    const token = await mintToken(key, { application: 'marriage-app', department: 'civil-affairs', roles: ['app', 'analyst'], ttl: '15m' });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(key.jwks), {
      issuer: DEVELOPMENT_ISSUER,
      audience: GATEWAY_AUDIENCE,
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'marriage-app',
      dept: 'civil-affairs',
      roles: ['app', 'analyst'],
      iss: DEVELOPMENT_ISSUER,
      aud: GATEWAY_AUDIENCE,
      iat: expect.any(Number),
      exp: payload.iat! + 15 * 60,
    });
  });

  it('default to the app role and an 8 hour lifetime', async () => {
    const key = await loadOrCreateDevelopmentKey(dataDir);
    const { payload } = await jwtVerify(await mintToken(key, { application: 'a', department: 'tax' }), createLocalJWKSet(key.jwks));
    expect(payload.roles).toEqual(['app']);
    expect(payload.exp! - payload.iat!).toBe(8 * 3600);
  });

  it('read lifetimes in seconds, minutes, hours and days, and reject anything else', () => {
    expect([parseTtl('90s'), parseTtl('15m'), parseTtl('8h'), parseTtl('30d')]).toEqual([90, 900, 28800, 2592000]);
    expect(() => parseTtl('8 hours')).toThrow('--ttl must look like 90s, 15m, 8h or 30d; got "8 hours".');
  });
});
