/**
 * Who the resident is: verifies a resident's bearer token against the key set of the identity provider the operator
 * configured for residents (a local key set in the embedded default, a URL in production), its issuer and the
 * residents' audience, and reads its subject as a resident ID under the ResidentId rules (GB 11643 check digit).
 * A department's token is never a resident's: it names another audience, and one that carries a department claim is
 * refused here whatever it names. Every failure is a `CallerRejected` with a reason the person can act on.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Caller } from '../../sharing/index.ts';
import { RESIDENT_APPLICATION, RESIDENT_AUDIENCE, RESIDENT_DEPARTMENT } from '../../sharing/residents.ts';
import { validateResidentId } from '../../sharing/identifiers/index.ts';
import { CallerRejected, rejection } from './callerVerifier.ts';

export interface ResidentVerifierOptions {
  /** The residents' identity provider's key set: `{ keys }` or a JWKS URL. Required. */
  jwks: { keys: JWK[] } | URL;
  /** Accepted issuers of residents' tokens. Required. */
  issuers: string[];
  /** Expected audience; must differ from the departments' (`govgraph`). Default `govgraph-resident`. */
  audience?: string;
  /** Allowed clock skew, seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** With a JWKS URL: no refetch within this long, even for an unknown `kid`. Default 30,000 ms. */
  jwksCooldownMs?: number;
}

/** Verifies the token (without "Bearer "); resolves to the resident as a caller. */
export type ResidentVerifier = (token: string) => Promise<Caller & { resident: string }>;

export function createResidentVerifier(options: ResidentVerifierOptions): ResidentVerifier {
  if (!options.jwks) throw new Error('Resident sign-in: option `jwks` (a key set or a JWKS URL) is required.');
  if (!options.issuers?.length) throw new Error('Resident sign-in: option `issuers` must name at least one issuer.');
  const audience = options.audience ?? RESIDENT_AUDIENCE;
  if (audience === 'govgraph') throw new Error('Resident sign-in: option `audience` must differ from the departments\' audience "govgraph".');
  const tolerance = options.clockToleranceSeconds ?? 30;
  const keys: JWTVerifyGetKey =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { cooldownDuration: options.jwksCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 })
      : createLocalJWKSet(options.jwks);
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: options.issuers, audience, clockTolerance: tolerance, requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      throw new CallerRejected(rejection(error, audience, options.issuers, tolerance));
    }
    if ((payload as { dept?: unknown }).dept !== undefined) {
      throw new CallerRejected('The token names a department (claim "dept"): a department\'s token cannot sign a resident in.');
    }
    const check = validateResidentId(payload.sub);
    if (!check.ok) throw new CallerRejected(`The token's subject (claim "sub") is not a resident ID (${check.reason}).`);
    return { application: RESIDENT_APPLICATION, department: RESIDENT_DEPARTMENT, roles: [], anonymous: false, resident: check.value };
  };
}
