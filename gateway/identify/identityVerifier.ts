/**
 * One verifier for `/graphql` with two kinds of caller: a department's application (the caller verifier) and, when
 * the operator configured residents' sign-in, a resident (the resident verifier). The token's unverified audience
 * only picks which verifier checks it; that verifier then checks everything (signature with its own key set,
 * issuer, audience, claims), so naming the residents' audience gets a department's token nowhere, and the reverse.
 */
import { decodeJwt } from 'jose';
import type { CallerVerifier } from './callerVerifier.ts';
import type { ResidentVerifier } from './residentVerifier.ts';

export function createIdentityVerifier(callers: CallerVerifier, residents: { verify: ResidentVerifier; audience: string } | null): CallerVerifier {
  if (!residents) return callers;
  return async (authorization) => {
    const token = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] : undefined;
    if (!token || !namesAudience(token, residents.audience)) return callers(authorization);
    return residents.verify(token);
  };
}

function namesAudience(token: string, audience: string): boolean {
  try {
    const { aud } = decodeJwt(token);
    return aud === audience || (Array.isArray(aud) && aud.includes(audience));
  } catch {
    return false; // not a JWT: the caller verifier says so
  }
}
