/**
 * Mints caller tokens with the claims of the contract: `sub` application, `dept` department, `roles`, plus
 * `iss`, `aud`, `exp`. Used by `npm run token` and by tests; verification lives with the gateway's identity.
 */
import { SignJWT } from 'jose';
import { DEVELOPMENT_RESIDENT_ISSUER, RESIDENT_AUDIENCE } from '../../sharing/residents.ts';
import { DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE, type DevelopmentKey } from './developmentKeys.ts';

export interface CallerClaims {
  /** Application id (`sub`). */
  application: string;
  /** Department id (`dept`). */
  department: string;
  /** Roles, e.g. `app`, `analyst`, `dept-admin`. Default `['app']`. */
  roles?: string[];
  /** Lifetime, e.g. `15m`, `8h`, `30d`. Default `8h`. */
  ttl?: string;
}

export async function mintToken(key: DevelopmentKey, claims: CallerClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dept: claims.department, roles: claims.roles ?? ['app'] })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.application)
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + parseTtl(claims.ttl ?? '8h'))
    .sign(key.privateKey);
}

/**
 * A development resident's token: `sub` the resident ID, the residents' audience and the development residents'
 * issuer, signed with the development resident key (`loadOrCreateDevelopmentResidentKey`). Default lifetime 1 h.
 */
export async function mintResidentToken(key: DevelopmentKey, claims: { resident: string; ttl?: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.resident)
    .setIssuer(DEVELOPMENT_RESIDENT_ISSUER)
    .setAudience(RESIDENT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + parseTtl(claims.ttl ?? '1h'))
    .sign(key.privateKey);
}

/** Accepts `90s`, `15m`, `8h`, `30d`; returns the lifetime in seconds. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) throw new Error(`--ttl must look like 90s, 15m, 8h or 30d; got "${ttl}".`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
