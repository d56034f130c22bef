/**
 * The caller's roles travel in the grant the gateway signs for a department: the issuer copies them (sorted,
 * without duplicates), keys its token cache by them (a caller whose token now carries other roles gets a new
 * grant), and the verifier returns them, refusing a roles claim that is not a list of strings and reading a grant
 * without one as no roles at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createGrantIssuer } from '../../gateway/fetch/grantIssuer.ts';
import { createRequestBinder } from '../../sharing/binding.ts';
import { createGrantSigner, createGrantVerifier, GRANT_TOKEN_TYPE } from '../../sharing/grantToken.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { GATEWAY_GRANT_ISSUER, type Caller } from '../../sharing/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-grant-roles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = await loadOrCreateGrantKey(dir);
const verify = createGrantVerifier({ jwks: key.jwks, audience: 'platform', cachedTokens: 0 });
const issuer = createGrantIssuer({ signer: createGrantSigner({ privateKey: key.privateKey, kid: key.kid }), ttlSeconds: 60, confirmationKey: createRequestBinder().confirmationKey });
const caller = (roles: string[]): Caller => ({ application: 'mr-portal', department: 'market-regulation', roles, anonymous: false });

describe('roles in grants', () => {
  it('copies the caller\'s roles into the grant, sorted and once each', async () => {
    const token = await issuer.tokenFor({ caller: caller(['dept-admin', 'app', 'app']), purpose: null, agreements: [] }, 'platform');
    expect((await verify(token)).roles).toEqual(['app', 'dept-admin']);
  });

  it('signs a new grant when the same caller comes with other roles, and reuses it for the same roles', async () => {
    const asApp = await issuer.tokenFor({ caller: caller(['app']), purpose: null, agreements: [] }, 'platform');
    const asAdmin = await issuer.tokenFor({ caller: caller(['dept-admin']), purpose: null, agreements: [] }, 'platform');
    expect(asAdmin).not.toBe(asApp);
    expect((await verify(asAdmin)).roles).toEqual(['dept-admin']);
    expect(await issuer.tokenFor({ caller: caller(['app']), purpose: null, agreements: [] }, 'platform')).toBe(asApp);
  });

  it('reads a grant without roles as none, and refuses roles that are not a list of strings', async () => {
    const sign = (roles: unknown) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ dept: 'tax', purpose: null, agreements: [], items: [], raw: [], ...(roles === undefined ? {} : { roles }) })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: GRANT_TOKEN_TYPE })
        .setSubject('tax-app').setAudience('platform').setIssuer(GATEWAY_GRANT_ISSUER).setIssuedAt(now).setExpirationTime(now + 60)
        .sign(key.privateKey);
    };
    expect((await verify(await sign(undefined))).roles).toEqual([]);
    await expect(verify(await sign('dept-admin'))).rejects.toMatchObject({
      kind: 'missing-claims',
      reason: "The grant token lacks claims: roles (a list of strings). Only the gateway's grants are accepted.",
    });
    await expect(verify(await sign(['dept-admin', 7]))).rejects.toMatchObject({ kind: 'missing-claims' });
  });

  it('refuses to sign roles that are not a list of strings', async () => {
    const signer = createGrantSigner({ privateKey: key.privateKey, kid: key.kid });
    await expect(signer.sign({ sub: 'a', dept: 'tax', aud: 'platform', purpose: null, agreements: [], items: [], raw: [], roles: 'dept-admin' as unknown as string[] }))
      .rejects.toThrow("A grant's `roles` must be a list of strings.");
  });
});
