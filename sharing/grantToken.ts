/**
 * Grant tokens: the short-lived ES256 JWTs the gateway signs for one department per caller and purpose, and the
 * verifier each department runs on every request. A department trusts nothing else: a token that is missing,
 * malformed, signed by another key, expired, meant for another department, issued by anyone but the gateway, or
 * lacking a claim is rejected with a `GrantRejected` whose `reason` says what to do about it.
 *
 * The header's `typ` is `govgraph-grant+jwt`, so a caller's own token (signed for the gateway) can never pass as a
 * grant even if keys were shared by mistake (explicit typing, RFC 8725 §3.11).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { GATEWAY_GRANT_ISSUER, type GrantClaims } from './types.ts';

export const GRANT_TOKEN_TYPE = 'govgraph-grant+jwt';

/** What the gateway puts in a grant; the signer adds `iss`, `iat` and `exp`. `roles` defaults to none. */
export type UnsignedGrant = Omit<GrantClaims, 'iss' | 'iat' | 'exp' | 'roles' | 'cnf' | 'mk' | 'resident'> & {
  roles?: string[]; cnf?: GrantClaims['cnf']; mk?: string | null; resident?: string | null;
};

export interface GrantSignerOptions {
  /** The gateway's grant private key (see `loadOrCreateGrantKey`). Required. */
  privateKey: CryptoKey;
  /** Its key id, published in the gateway's JWKS. Required. */
  kid: string;
  /** Lifetime of a grant in seconds. Default 60: a grant covers one subgraph request, not a session. */
  ttlSeconds?: number;
}

export interface GrantSigner {
  sign(claims: UnsignedGrant): Promise<string>;
}

export function createGrantSigner(options: GrantSignerOptions): GrantSigner {
  if (!options.privateKey) throw new Error('createGrantSigner: option `privateKey` is required (the gateway grant key).');
  if (!options.kid) throw new Error('createGrantSigner: option `kid` is required (the key id published in the JWKS).');
  const ttlSeconds = options.ttlSeconds ?? 60;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`createGrantSigner: option \`ttlSeconds\` must be a positive integer; got ${String(options.ttlSeconds)}.`);
  }
  return {
    async sign(claims) {
      for (const name of ['sub', 'dept', 'aud'] as const) {
        if (typeof claims[name] !== 'string' || claims[name] === '') throw new Error(`A grant needs a non-empty \`${name}\`.`);
      }
      const now = Math.floor(Date.now() / 1000);
      const roles = claims.roles ?? [];
      if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) throw new Error('A grant\'s `roles` must be a list of strings.');
      return new SignJWT({
        dept: claims.dept,
        roles: [...roles].sort(),
        purpose: claims.purpose,
        agreements: claims.agreements,
        items: claims.items,
        raw: claims.raw,
        ...(claims.cnf ? { cnf: claims.cnf } : {}),
        ...(claims.mk ? { mk: claims.mk } : {}),
        ...(claims.resident ? { rid: claims.resident } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: options.kid, typ: GRANT_TOKEN_TYPE })
        .setSubject(claims.sub)
        .setAudience(claims.aud)
        .setIssuer(GATEWAY_GRANT_ISSUER)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(options.privateKey);
    },
  };
}

/** Why a grant token was refused; `reason` is the sentence the caller sees. */
export type GrantRejection =
  | 'missing'
  | 'malformed'
  | 'not-a-grant'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claims'
  | 'keys-unavailable';

export class GrantRejected extends Error {
  override readonly name = 'GrantRejected';
  constructor(
    readonly kind: GrantRejection,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface GrantVerifierOptions {
  /** The gateway's public keys: a JWKS object, or the URL it is published at. Required. */
  jwks: { keys: JWK[] } | URL;
  /** The department id this verifier answers for; a grant for any other department is refused. Required. */
  audience: string;
  /** Clock skew allowed on `exp`, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /**
   * Verified tokens remembered (until they expire) so a grant the gateway reuses is not verified again: a
   * signature check costs about as much as serving a 50-entity fetch. 0 turns it off. Default 1,000.
   */
  cachedTokens?: number;
}

export type GrantVerifier = (token: string | null | undefined) => Promise<GrantClaims>;

/**
 * Verifies grant tokens for one department. With a URL the key set is fetched by jose's `createRemoteJWKSet`:
 * cached for 10 minutes, refetched on an unknown `kid` at most once per 30 s (so forged kids cannot make the
 * department hammer the gateway), a fetch times out after 5 s.
 */
export function createGrantVerifier(options: GrantVerifierOptions): GrantVerifier {
  const { jwks, audience } = options;
  if (!audience) throw new Error('createGrantVerifier: option `audience` is required (the department id).');
  if (!(jwks instanceof URL) && !Array.isArray(jwks?.keys)) {
    throw new Error('createGrantVerifier: option `jwks` must be a JWKS ({ keys: [...] }) or the URL it is published at.');
  }
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const cachedTokens = options.cachedTokens ?? 1_000;
  const keySet = jwks instanceof URL ? createRemoteJWKSet(jwks) : createLocalJWKSet(jwks);
  const keysAt = jwks instanceof URL ? ` at ${jwks.href}` : '';
  // Token text -> its verified claims. A token cannot change, so only its expiry needs checking again; a key
  // withdrawn from the JWKS stops new tokens at once and cached ones within their lifetime (seconds).
  const verified = new Map<string, GrantClaims>();

  return async (token) => {
    if (!token) {
      throw new GrantRejected(
        'missing',
        `No grant token: ${audience} answers only requests the gateway signs for it; send "Authorization: Bearer <grant token>".`,
      );
    }
    const cached = verified.get(token);
    if (cached && cached.exp + clockTolerance > Date.now() / 1000) return cached;
    verified.delete(token);
    const claims = await verifyToken(token);
    if (cachedTokens > 0) {
      if (verified.size >= cachedTokens) verified.delete(verified.keys().next().value!);
      verified.set(token, claims);
    }
    return claims;
  };

  async function verifyToken(token: string): Promise<GrantClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, { algorithms: ['ES256'], clockTolerance, typ: GRANT_TOKEN_TYPE }));
    } catch (error) {
      throw rejectionOf(error, token, keysAt);
    }
    if (payload.iss !== GATEWAY_GRANT_ISSUER) {
      throw new GrantRejected(
        'wrong-issuer',
        `This token was issued by ${JSON.stringify(payload.iss ?? null)}, not by the gateway ("${GATEWAY_GRANT_ISSUER}"): departments accept only grants the gateway signs.`,
      );
    }
    if (payload.aud !== audience) {
      const shown = Array.isArray(payload.aud) ? payload.aud.join(' and ') : (payload.aud ?? 'no department');
      throw new GrantRejected(
        'wrong-audience',
        `This token is for ${shown}, not ${audience}: the gateway signs a separate grant for each department.`,
      );
    }
    return claimsOf(payload, audience);
  }
}

function claimsOf(payload: JWTPayload, audience: string): GrantClaims {
  const missing: string[] = [];
  const text = (name: string): string => {
    const value = payload[name];
    if (typeof value === 'string' && value !== '') return value;
    missing.push(name);
    return '';
  };
  const number = (name: string): number => {
    const value = payload[name];
    if (typeof value === 'number') return value;
    missing.push(name);
    return 0;
  };
  const list = (name: string): string[] => {
    const value = payload[name];
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value as string[];
    missing.push(`${name} (a list of strings)`);
    return [];
  };
  const purpose = payload.purpose;
  if (purpose !== undefined && purpose !== null && typeof purpose !== 'string') missing.push('purpose (a string or null)');
  if (payload.rid !== undefined && (typeof payload.rid !== 'string' || payload.rid === '')) missing.push('rid (a resident ID)');
  const cnf = confirmationOf(payload.cnf);
  if (cnf === undefined) missing.push('cnf (a P-256 confirmation key, { jwk: { kty, crv, x, y, kid } })');
  const claims: GrantClaims = {
    sub: text('sub'),
    dept: text('dept'),
    // A grant without roles (signed before grants carried them) gives no workflow rights: none is the safe reading.
    roles: payload.roles === undefined ? [] : list('roles'),
    aud: audience,
    iss: GATEWAY_GRANT_ISSUER,
    purpose: typeof purpose === 'string' ? purpose : null,
    agreements: list('agreements'),
    items: list('items'),
    raw: list('raw'),
    cnf: cnf ?? null,
    mk: typeof payload.mk === 'string' && payload.mk !== '' ? payload.mk : null,
    // Only a resident's grant names one: a department caller's claims stay as they were.
    ...(typeof payload.rid === 'string' && payload.rid !== '' && { resident: payload.rid }),
    exp: number('exp'),
    iat: number('iat'),
  };
  if (missing.length > 0) {
    throw new GrantRejected('missing-claims', `The grant token lacks claims: ${missing.join(', ')}. Only the gateway's grants are accepted.`);
  }
  // Shared by every request that presents the same token (see the cache above): nobody may change it.
  for (const list of [claims.roles, claims.agreements, claims.items, claims.raw]) Object.freeze(list);
  return Object.freeze(claims);
}

/** A grant's confirmation key: null when absent (the binding check refuses it), undefined when malformed. */
function confirmationOf(value: unknown): GrantClaims['cnf'] | undefined {
  if (value === undefined || value === null) return null;
  const jwk = (value as { jwk?: Record<string, unknown> }).jwk;
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256') return undefined;
  const { x, y, kid } = jwk;
  if (typeof x !== 'string' || typeof y !== 'string' || typeof kid !== 'string') return undefined;
  return Object.freeze({ jwk: Object.freeze({ kty: 'EC' as const, crv: 'P-256' as const, x, y, kid }) });
}

function rejectionOf(error: unknown, token: string, keysAt: string): GrantRejected {
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : 'an unknown time';
    return new GrantRejected(
      'expired',
      `The grant token expired at ${exp}: grants live for seconds, so the gateway signs a fresh one for every request.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'typ') {
      return new GrantRejected(
        'not-a-grant',
        `This is not a grant token (header typ must be "${GRANT_TOKEN_TYPE}"): a caller's own token goes to the gateway, which then signs a grant for the department.`,
      );
    }
    if (error.claim === 'nbf') {
      return new GrantRejected('not-yet-valid', 'The grant token is not valid yet (nbf is in the future): check the clocks of gateway and department.');
    }
    return new GrantRejected('missing-claims', `The grant token's "${error.claim}" claim is invalid: ${error.message}.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new GrantRejected(
      'unknown-key',
      `The grant token was signed with key ${JSON.stringify(kidOf(token))}, which is not among the gateway's published keys${keysAt}: it was not signed by the gateway.`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new GrantRejected('bad-signature', `The grant token's signature does not verify against the gateway's keys${keysAt}: it was not signed by the gateway.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new GrantRejected('malformed', `The grant token is signed with ${JSON.stringify(headerOf(token)?.alg ?? null)}; grants are signed with ES256 only.`);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) {
    if (keysAt) return new GrantRejected('keys-unavailable', `Cannot verify the grant token: the gateway's keys${keysAt} are unavailable (${(error as Error).message}).`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new GrantRejected('malformed', `The grant token is malformed (${error.message}): expected a compact JWS, header.payload.signature.`);
  }
  return new GrantRejected('malformed', `The grant token could not be verified: ${error instanceof Error ? error.message : String(error)}.`);
}

function headerOf(token: string): { alg?: string; kid?: string } | null {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return null;
  }
}

function kidOf(token: string): string | null {
  return headerOf(token)?.kid ?? null;
}
