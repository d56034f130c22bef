/**
 * Seals: signed statements "record N of the trail has hash H", made with the gateway's ES256 key. Whoever can
 * rewrite the database can recompute every hash after a change, or cut off the newest records; they cannot make a
 * seal, so a seal pins the chain up to its record and proves that the trail once reached that far.
 *
 * The JWS header carries `typ: govgraph-audit-seal`, so a grant token signed with the same key is never taken
 * for a seal (nor a seal for a grant token). The payload is the canonical JSON of `{ hash, id, sequence, time }`:
 * the seal's own number is signed too, and seals are numbered 1, 2, 3… without gaps, so a seal deleted from the
 * store leaves a gap, and renumbering the others to close it breaks their signatures. (Seals made before the id
 * was signed carry `{ hash, sequence, time }` and still verify; their ids are checked for gaps only.)
 */
import { CompactSign, compactVerify, createLocalJWKSet, errors, type JWK } from 'jose';
import { canonicalJson } from './canonical.ts';
import type { SealSigner } from './trail.ts';

export const SEAL_TYPE = 'govgraph-audit-seal';

export interface SealClaim {
  /** The seal's number, 1, 2, 3… without gaps; absent only in seals made before it was signed. */
  id?: number;
  sequence: number;
  hash: string;
  time: string;
}

export type SealCheck = { ok: true; claim: SealClaim } | { ok: false; reason: string };

export async function signSeal(signer: SealSigner, claim: SealClaim): Promise<string> {
  const signed = { hash: claim.hash, sequence: claim.sequence, time: claim.time, ...(claim.id !== undefined && { id: claim.id }) };
  const payload = new TextEncoder().encode(canonicalJson(signed));
  return new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: SEAL_TYPE }).sign(signer.privateKey);
}

/** What the seal's signature vouches for, or why it vouches for nothing. Never throws. */
export async function openSeal(signature: string, jwks: { keys: JWK[] }): Promise<SealCheck> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(signature, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) {
      return { ok: false, reason: `signature does not verify: its key (kid ${headerKid(signature)}) is not in the gateway JWKS` };
    }
    return { ok: false, reason: 'signature does not verify (forged or altered)' };
  }
  if (verified.protectedHeader.typ !== SEAL_TYPE) {
    return { ok: false, reason: `signed, but not as a seal (typ ${String(verified.protectedHeader.typ)}, expected ${SEAL_TYPE})` };
  }
  const claim = parseClaim(new TextDecoder().decode(verified.payload));
  return claim ? { ok: true, claim } : { ok: false, reason: 'signed payload is not { hash, id, sequence, time }' };
}

function parseClaim(text: string): SealClaim | null {
  try {
    const value = JSON.parse(text) as Partial<SealClaim>;
    const { id, sequence, hash, time } = value;
    if (id !== undefined && !(Number.isInteger(id) && id! >= 1)) return null;
    if (Number.isInteger(sequence) && typeof hash === 'string' && typeof time === 'string') return { ...(id !== undefined && { id }), sequence: sequence!, hash, time };
  } catch {
    // not JSON: reported below as not a seal payload
  }
  return null;
}

function headerKid(signature: string): string {
  try {
    const header = JSON.parse(Buffer.from(signature.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : 'none';
  } catch {
    return 'unreadable';
  }
}
