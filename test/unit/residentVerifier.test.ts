/**
 * Residents' sign-in: a resident's token (sub a resident ID, the residents' audience and issuer) signs a resident in,
 * and never a department's caller; a department's token never signs a resident in; an expired or malformed one is
 * refused with a reason the person can act on, as callers' are.
 */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallerRejected, createCallerVerifier, createIdentityVerifier, createResidentVerifier, type CallerVerifier } from '../../gateway/identify/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';

interface Key { kid: string; privateKey: CryptoKey; jwks: { keys: JWK[] } }
async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256' }] } };
}

const RESIDENT_ISSUER = 'https://id.residents.example.gov';
const DEPARTMENT_ISSUER = 'https://idp.example.gov';
const resident = createPopulation(TEST_POPULATION).person(5).idNumber;

let residents: Key;
let departments: Key;
let verify: CallerVerifier;
let departmentsOnly: CallerVerifier;

function sign(key: Key, { sub, iss, aud, claims = {}, expires = '5m' }: { sub: string; iss: string; aud: string; claims?: Record<string, unknown>; expires?: string | number }) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setSubject(sub).setIssuer(iss).setAudience(aud)
    .setIssuedAt().setExpirationTime(expires).sign(key.privateKey);
}
const residentToken = (overrides: Partial<Parameters<typeof sign>[1]> = {}) => sign(residents, { sub: resident, iss: RESIDENT_ISSUER, aud: 'govgraph-resident', ...overrides });
const departmentToken = (overrides: Partial<Parameters<typeof sign>[1]> = {}) =>
  sign(departments, { sub: 'tax-app', iss: DEPARTMENT_ISSUER, aud: 'govgraph', claims: { dept: 'tax', roles: ['app'] }, ...overrides });
const reason = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof CallerRejected ? error.reason : `threw ${String(error)}`));

beforeAll(async () => {
  residents = await newKey('residents-1');
  departments = await newKey('departments-1');
  departmentsOnly = createCallerVerifier({ jwks: departments.jwks, issuers: [DEPARTMENT_ISSUER] });
  verify = createIdentityVerifier(departmentsOnly, { verify: createResidentVerifier({ jwks: residents.jwks, issuers: [RESIDENT_ISSUER] }), audience: 'govgraph-resident' });
});

describe('residents\' sign-in', () => {
  it('signs a resident in by the resident ID in sub, under the reserved resident department', async () => {
    expect(await verify(`Bearer ${await residentToken()}`)).toEqual({ application: 'resident-portal', department: 'resident', roles: [], anonymous: false, resident });
    expect(await verify(`Bearer ${await departmentToken()}`)).toEqual({ application: 'tax-app', department: 'tax', roles: ['app'], anonymous: false });
  });

  it('never takes a department\'s token for a resident\'s, nor a resident\'s for a department\'s', async () => {
    // A department's token naming the residents' audience, signed by the departments' key: the residents' key set does not know it.
    expect(await reason(verify(`Bearer ${await departmentToken({ aud: 'govgraph-resident' })}`))).toBe('The token was signed with a key this gateway does not know.');
    // Even signed by the residents' provider, a token with a department claim is no resident's sign-in.
    expect(await reason(verify(`Bearer ${await residentToken({ claims: { dept: 'tax' } })}`)))
      .toBe('The token names a department (claim "dept"): a department\'s token cannot sign a resident in.');
    // A resident's token given to a gateway without residents' sign-in, or naming the departments' audience.
    expect(await reason(departmentsOnly(`Bearer ${await residentToken()}`))).toBe('The token was signed with a key this gateway does not know.');
    expect(await reason(verify(`Bearer ${await residentToken({ aud: 'govgraph' })}`))).toBe('The token was signed with a key this gateway does not know.');
    // A department's token may not claim the residents' reserved department.
    expect(await reason(verify(`Bearer ${await departmentToken({ claims: { dept: 'resident', roles: [] }, sub: resident })}`)))
      .toBe('The department id "resident" is reserved for residents\' sign-in: a department\'s token cannot claim it.');
  });

  it('keeps the two apart by audience and claims even when one identity provider signs both', async () => {
    const shared = { jwks: { keys: [...departments.jwks.keys, ...residents.jwks.keys] }, issuers: [DEPARTMENT_ISSUER, RESIDENT_ISSUER] };
    const callers = createCallerVerifier(shared);
    const both = createIdentityVerifier(callers, { verify: createResidentVerifier(shared), audience: 'govgraph-resident' });
    expect(await reason(callers(`Bearer ${await residentToken()}`))).toBe('The token is not for this gateway (audience must be "govgraph").');
    expect(await reason(callers(`Bearer ${await residentToken({ claims: { dept: 'tax' } })}`))).toBe('The token is not for this gateway (audience must be "govgraph").');
    expect(await reason(both(`Bearer ${await departmentToken({ aud: 'govgraph-resident' })}`)))
      .toBe('The token names a department (claim "dept"): a department\'s token cannot sign a resident in.');
    expect(await reason(createResidentVerifier(shared)(await departmentToken())))
      .toBe('The token is not a resident\'s sign-in (audience must be "govgraph-resident"): a department\'s token cannot sign a resident in.');
    expect(await both(`Bearer ${await residentToken()}`)).toMatchObject({ department: 'resident', resident });
    expect(await both(`Bearer ${await departmentToken()}`)).toMatchObject({ department: 'tax', application: 'tax-app' });
  });

  it('checks the resident ID by the ResidentId rules', async () => {
    const wrongCheckDigit = resident.slice(0, 17) + (resident[17] === '0' ? '1' : '0');
    expect(await reason(verify(`Bearer ${await residentToken({ sub: wrongCheckDigit })}`))).toMatch(/^The token's subject \(claim "sub"\) is not a resident ID \(.*check digit.*\)\.$/);
    expect(await reason(verify(`Bearer ${await residentToken({ sub: 'tax-app' })}`))).toBe('The token\'s subject (claim "sub") is not a resident ID (must be 18 characters, got 7).');
  });

  it('refuses an expired token or one of another issuer, saying why', async () => {
    const expired = await residentToken({ expires: Math.floor(Date.now() / 1000) - 120 });
    expect(await reason(verify(`Bearer ${expired}`))).toMatch(/^The token expired at \d{4}-\d{2}-\d{2}T[\d:.]+Z \(the gateway allows 30 s for clock differences\): request a new one\.$/);
    expect(await reason(verify(`Bearer ${await residentToken({ iss: 'https://elsewhere.example' })}`))).toBe(`The token's issuer is not trusted here (accepted: ${RESIDENT_ISSUER}).`);
    expect(await reason(verify('Bearer not.a.jwt'))).toBe('The token is malformed: it is not a signed JWT.');
  });

  it('refuses a residents\' audience that is the departments\'', () => {
    expect(() => createResidentVerifier({ jwks: residents.jwks, issuers: [RESIDENT_ISSUER], audience: 'govgraph' })).toThrow('must differ from the departments\' audience');
  });
});
