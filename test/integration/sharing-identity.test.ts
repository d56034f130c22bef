/**
 * Nothing is decided for a caller the gateway cannot identify: no token, a malformed header, a token signed by a
 * key it does not trust, expired, for another audience or from an untrusted issuer is answered 401
 * UNAUTHENTICATED with the reason, before any department is asked. A purpose that is not a purpose is a 400.
 */
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE } from '../../gateway/identify/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, execute } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
const resident = population.person(0);
let federation: TestFederation;
let strangerKey: CryptoKey;

beforeAll(async () => {
  federation = await startFederation();
  ({ privateKey: strangerKey } = await generateKeyPair('ES256'));
});

afterAll(async () => {
  await federation?.stop();
});

interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for the past. */
  expiresIn?: number;
  /** An absolute expiry (seconds since the epoch), instead of expiresIn. */
  expiresAt?: number;
  claims?: Record<string, unknown>;
}

/** A caller token for tax built claim by claim, so a test can change exactly one thing about it. */
async function token(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dept: 'tax', roles: ['app'], ...options.claims })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? federation.callerKey.kid, typ: 'JWT' })
    .setSubject('tax-app')
    .setIssuer(options.issuer ?? DEVELOPMENT_ISSUER)
    .setAudience(options.audience ?? GATEWAY_AUDIENCE)
    .setIssuedAt(now - 7_200)
    .setExpirationTime(options.expiresAt ?? now + (options.expiresIn ?? 600))
    .sign(options.key ?? federation.callerKey.privateKey);
}

const oneStop = (headers: Record<string, string>) => execute(federation.gateway.url, OneStopDocument, { id: resident.idNumber }, headers);

const unauthenticated = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });

describe('the caller is identified before anything is shared', () => {
  it('admits a well-formed token (the baseline every rejection below differs from in one respect)', async () => {
    const response = await oneStop({ authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(200);
    expect(response.body.data?.person?.name).toBe(resident.name);
  });

  it.each<{ case: string; authorization: () => Promise<string | undefined>; reason: string }>([
    {
      case: 'no token',
      authorization: async () => undefined,
      reason: 'No bearer token: send Authorization: Bearer <token> (npm run token mints one in development).',
    },
    { case: 'another scheme', authorization: async () => `Token ${await token()}`, reason: 'The Authorization header must be "Bearer <token>".' },
    { case: 'Bearer without a token', authorization: async () => 'Bearer', reason: 'The Authorization header must be "Bearer <token>".' },
    { case: 'a token that is not a JWT', authorization: async () => 'Bearer not-a-jwt', reason: 'The token is malformed: it is not a signed JWT.' },
    {
      case: 'a token signed by another key, under a key id the gateway does not know',
      authorization: async () => `Bearer ${await token({ key: strangerKey, kid: 'stranger' })}`,
      reason: 'The token was signed with a key this gateway does not know.',
    },
    {
      case: "a token signed by another key, under the gateway's key id",
      authorization: async () => `Bearer ${await token({ key: strangerKey })}`,
      reason: 'The token signature does not verify.',
    },
    {
      case: 'an expired token (past the clock tolerance), saying when it expired',
      authorization: async () => `Bearer ${await token({ expiresAt: Date.parse('2026-01-01T00:00:00Z') / 1000 })}`,
      reason: 'The token expired at 2026-01-01T00:00:00.000Z (the gateway allows 30 s for clock differences): request a new one.',
    },
    {
      case: 'a token for another audience',
      authorization: async () => `Bearer ${await token({ audience: 'another-gateway' })}`,
      reason: `The token is not for this gateway (audience must be "${GATEWAY_AUDIENCE}").`,
    },
    {
      case: 'a token from an untrusted issuer',
      authorization: async () => `Bearer ${await token({ issuer: 'somebody-else' })}`,
      reason: `The token's issuer is not trusted here (accepted: ${DEVELOPMENT_ISSUER}).`,
    },
    {
      case: 'a token naming no department',
      authorization: async () => `Bearer ${await token({ claims: { dept: undefined } })}`,
      reason: 'The token names no department (claim "dept", a kebab-case department id).',
    },
  ])('answers $case with 401 UNAUTHENTICATED and the reason, asking no department', async ({ authorization, reason }) => {
    const header = await authorization();
    let response: Awaited<ReturnType<typeof oneStop>> | undefined;
    const statements = await countStatements(federation, async () => {
      response = await oneStop(header === undefined ? {} : { authorization: header });
    });

    expect(response).toEqual(unauthenticated(reason));
    expect(Object.values(statements)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('X-Purpose', () => {
  it.each([
    { case: 'with a space', purpose: 'two words' },
    { case: 'with slashes', purpose: 'purpose/with/slashes' },
    { case: 'starting with a hyphen', purpose: '-leading-hyphen' },
    { case: 'percent-encoded', purpose: 'property%2Dtax' },
    { case: 'of 101 characters', purpose: 'x'.repeat(101) },
  ])('rejects a purpose $case with 400', async ({ purpose }) => {
    const response = await oneStop({ ...(await federation.as({ department: 'tax' })), 'x-purpose': purpose });

    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'X-Purpose must be an agreement id or a purpose code (letters, digits, . _ : -, at most 100).',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    });
  });
});
