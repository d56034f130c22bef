/**
 * Who is calling: verifies the bearer token (jose) against a JWKS — a local key set in the embedded default,
 * a URL in production (an unknown `kid` refetches the set, at most once per cooldown) — and reads the contract's
 * claims. Every failure is a `CallerRejected` with a reason the caller can act on; nothing is admitted without
 * a valid token unless the operator configured an anonymous caller.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Caller } from '../../sharing/index.ts';
import { RESIDENT_AUDIENCE, RESIDENT_DEPARTMENT } from '../../sharing/residents.ts';

export interface CallerVerifierOptions {
  /** The key set tokens are signed with: `{ keys }` or a JWKS URL. Required. */
  jwks: { keys: JWK[] } | URL;
  /** Accepted issuers. Required. */
  issuers: string[];
  /** Expected audience. Default `govgraph`. */
  audience?: string;
  /**
   * Admit requests without a token as this caller (an open-data or test deployment). Default none: a request
   * without a token is rejected.
   */
  anonymous?: { application: string; department: string } | null;
  /** Allowed clock skew, seconds. Default 30. */
  clockToleranceSeconds?: number;
  /**
   * With a JWKS URL: after a fetch, no other fetch for this long, even for an unknown `kid` (bounds the load a
   * stream of forged tokens can put on the key server). Default 30,000 ms.
   */
  jwksCooldownMs?: number;
}

export class CallerRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  if (!options.jwks) throw new Error('Caller verification: option `jwks` (a key set or a JWKS URL) is required.');
  if (!options.issuers?.length) throw new Error('Caller verification: option `issuers` must name at least one issuer.');
  const keys: JWTVerifyGetKey =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { cooldownDuration: options.jwksCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 })
      : createLocalJWKSet(options.jwks);
  const audience = options.audience ?? 'govgraph';
  const anonymous = options.anonymous ?? null;
  // Verified tokens (at most 10,000), until they expire: an application sends the same token many times, and a
  // signature check costs more than the rest of the decision.
  const verified = new LRUCache<string, { caller: Caller; expiresAt: number }>({ max: 10_000 });

  return async (authorization) => {
    if (!authorization) {
      if (anonymous) return { ...anonymous, roles: [], anonymous: true };
      throw new CallerRejected('No bearer token: send Authorization: Bearer <token> (npm run token mints one in development).');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new CallerRejected('The Authorization header must be "Bearer <token>".');
    const cached = verified.get(match[1]!);
    if (cached && cached.expiresAt > Date.now()) return cached.caller;
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuers,
        audience,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new CallerRejected(rejection(error, audience, options.issuers, options.clockToleranceSeconds ?? 30));
    }
    const { sub, dept, roles } = payload as { sub?: unknown; dept?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || sub === '') throw new CallerRejected('The token names no application (claim "sub").');
    if (typeof dept !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(dept)) {
      throw new CallerRejected('The token names no department (claim "dept", a kebab-case department id).');
    }
    if (dept === RESIDENT_DEPARTMENT) {
      throw new CallerRejected(`The department id "${RESIDENT_DEPARTMENT}" is reserved for residents' sign-in: a department's token cannot claim it.`);
    }
    if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
      throw new CallerRejected('The claim "roles" must be a list of role names.');
    }
    const caller: Caller = { application: sub, department: dept, roles: (roles as string[] | undefined) ?? [], anonymous: false };
    verified.set(match[1]!, { caller, expiresAt: (payload.exp as number) * 1000 });
    return caller;
  };
}

/** Why a token did not verify, in words a caller can act on (shared with the resident verifier). */
export function rejection(error: unknown, audience: string, issuers: string[], toleranceSeconds: number): string {
  if (error instanceof errors.JWTExpired) {
    const exp = (error.payload as { exp?: unknown }).exp;
    const when = typeof exp === 'number' ? ` at ${new Date(exp * 1000).toISOString()}` : '';
    return `The token expired${when} (the gateway allows ${toleranceSeconds} s for clock differences): request a new one.`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      if (audience === RESIDENT_AUDIENCE) return `The token is not a resident's sign-in (audience must be "${audience}"): a department's token cannot sign a resident in.`;
      return `The token is not for this gateway (audience must be "${audience}").`;
    }
    if (error.claim === 'iss') return `The token's issuer is not trusted here (accepted: ${issuers.join(', ')}).`;
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    return `The token's claim "${error.claim}" is invalid: ${error.message}.`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with a key this gateway does not know.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSEAlgNotAllowed) {
    return 'The token is malformed: it is not a signed JWT.';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'The key set to verify tokens with cannot be read right now: try again shortly.';
  }
  return 'The token could not be verified.';
}
