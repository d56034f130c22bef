/**
 * Binds every request the gateway sends a department to one grant, one gateway request and one subgraph
 * operation, once: a grant captured on the wire cannot be replayed for another resident, another operation or
 * even the same one again.
 *
 * The gateway's grants (cached, ES256, verified once by the department) carry a confirmation key (`cnf.jwk`, RFC
 * 7800): the public half of an ECDH P-256 key the gateway process holds in memory. Gateway and department each
 * derive the same secret from their own private key and the other's public key (static-ephemeral ECDH + HKDF),
 * so nobody else can: not an eavesdropper holding the grant, not another department. Per request the gateway
 * sends `x-govgraph-binding: v1.<id>.<exp>.<mac>`, the MAC over the binding id (random, used once), its expiry,
 * the gateway's request id, the sha256 of the exact request body and of the grant token. The department
 * recomputes it and refuses a binding that is missing, expired, for another request or body, or already used.
 * The same secret authenticates the department's report of what it served (servedReport.ts), so the gateway
 * checks a report with one HMAC instead of a signature verification per fetch.
 */
import {
  createHash,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  createPublicKey,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';
import type { ConfirmationKey } from './types.ts';

export const BINDING_HEADER = 'x-govgraph-binding';

/** How long a binding is accepted, seconds: longer than any department deadline, far shorter than a grant. */
export const BINDING_LIFETIME_SECONDS = 30;

export interface Binding {
  /** The header value to send. */
  header: string;
  /** The binding's id: the department logs it as the grant it honoured. */
  id: string;
  /** sha256 (hex) of the request body: the operation as sent. */
  operation: string;
  /** The secret shared with that department: it authenticates the department's report. */
  secret: Buffer;
}

export interface BindInput {
  secret: Buffer;
  requestId: string;
  grantToken: string;
  body: string;
  /** Seconds since the epoch. Default now. */
  now?: number;
}

/** The gateway's side: one per gateway process; its private key never leaves memory. */
export interface RequestBinder {
  /** What grants carry as `cnf.jwk`. */
  confirmationKey: ConfirmationKey;
  /** The secret shared with a department, derived from its published ECDH key (cached per key). */
  secretFor(department: { kid: string; publicKey: KeyObject }): Buffer;
  bind(input: BindInput): Binding;
}

export function createRequestBinder(): RequestBinder {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' }) as JWK;
  const confirmationKey: ConfirmationKey = { kty: 'EC', crv: 'P-256', x: exported.x!, y: exported.y!, kid: `gateway-binding-${randomUUID().slice(0, 8)}` };
  const secrets = new Map<string, Buffer>();
  // Grants are cached and reused for many requests: their digest is computed once each.
  const grantDigests = new Map<string, string>();
  const grantDigest = (token: string): string => {
    let digest = grantDigests.get(token);
    if (digest === undefined) {
      if (grantDigests.size >= 1_000) grantDigests.clear();
      grantDigests.set(token, (digest = sha256Hex(token)));
    }
    return digest;
  };
  return {
    confirmationKey,
    secretFor(department) {
      let secret = secrets.get(department.kid);
      if (!secret) {
        secret = deriveSecret(privateKey, department.publicKey, confirmationKey.kid, department.kid);
        secrets.set(department.kid, secret);
      }
      return secret;
    },
    bind({ secret, requestId, grantToken, body, now }) {
      const id = randomBytes(16).toString('base64url');
      const expires = Math.floor(now ?? Date.now() / 1000) + BINDING_LIFETIME_SECONDS;
      const operation = sha256Hex(body);
      const mac = bindingMac(secret, id, expires, requestId, operation, grantDigest(grantToken));
      return { header: `v1.${id}.${expires}.${mac}`, id, operation, secret };
    },
  };
}

export type BindingRejection = 'unbound' | 'malformed' | 'expired' | 'mismatch' | 'replayed' | 'overloaded';

export class BindingRejected extends Error {
  override readonly name = 'BindingRejected';
  constructor(
    readonly kind: BindingRejection,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface BindingVerifierOptions {
  /** The department's ECDH private key and its published kid. Required. */
  agreement: { kid: string; privateKey: KeyObject };
  /** Clock skew allowed on a binding's expiry, seconds. Default 5. */
  clockToleranceSeconds?: number;
  /** Binding ids remembered until they expire (replay protection); beyond this, new requests are refused. Default 200,000. */
  maxRemembered?: number;
}

export interface VerifiedBinding {
  id: string;
  operation: string;
  secret: Buffer;
}

export interface BindingCheck {
  header: string | undefined;
  /** The verified grant's confirmation key (`cnf.jwk`), null when it carries none. */
  confirmationKey: (JWK & { kid?: string }) | null;
  grantToken: string;
  requestId: string | undefined;
  body: string;
  /** Seconds since the epoch. Default now. */
  now?: number;
}

export type BindingVerifier = (check: BindingCheck) => VerifiedBinding;

/**
 * The department's side. Binding ids are remembered by this process until they expire: a department run as
 * several replicas behind a balancer shares no memory, so a replay sent to another replica would pass here; its
 * access log still names the binding twice, which `audit:reconcile` reports.
 */
export function createBindingVerifier(options: BindingVerifierOptions): BindingVerifier {
  if (!options?.agreement?.privateKey || !options.agreement.kid) {
    throw new TypeError('createBindingVerifier: option `agreement` ({ kid, privateKey }, the department\'s ECDH key) is required.');
  }
  const tolerance = options.clockToleranceSeconds ?? 5;
  const maxRemembered = options.maxRemembered ?? 200_000;
  const secrets = new Map<string, Buffer>();
  const used = new Map<string, number>();
  const forget = (now: number) => {
    for (const [id, expires] of used) if (expires + tolerance < now) used.delete(id);
  };
  return ({ header, confirmationKey, grantToken, requestId, body, now: at }) => {
    const now = at ?? Date.now() / 1000;
    if (!confirmationKey) {
      throw new BindingRejected('unbound', 'The grant carries no confirmation key (cnf): grants must come from a gateway that binds each request.');
    }
    if (header === undefined || header === '') {
      throw new BindingRejected('unbound', `No ${BINDING_HEADER} header: every request must be bound to one gateway request and operation.`);
    }
    const [version, id, expiresText, mac, extra] = header.split('.');
    const expires = Number(expiresText);
    if (version !== 'v1' || !id || !mac || extra !== undefined || !Number.isInteger(expires) || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      throw new BindingRejected('malformed', `The ${BINDING_HEADER} header must be "v1.<id>.<expiry>.<mac>".`);
    }
    if (expires + tolerance < now) throw new BindingRejected('expired', `The request binding expired at ${new Date(expires * 1000).toISOString()}; the gateway binds each request afresh.`);
    if (expires > now + BINDING_LIFETIME_SECONDS + tolerance) throw new BindingRejected('malformed', `The request binding claims to live past ${BINDING_LIFETIME_SECONDS} s.`);
    if (!requestId) throw new BindingRejected('mismatch', 'The bound request carries no x-request-id: the binding names the gateway request it belongs to.');
    const secret = secretFor(confirmationKey);
    const operation = sha256Hex(body);
    const expected = bindingMac(secret, id, expires, requestId, operation, sha256Hex(grantToken));
    if (!sameText(expected, mac)) {
      throw new BindingRejected('mismatch', 'The request binding does not match this request: it was made for another operation, request or grant.');
    }
    if (used.has(id)) throw new BindingRejected('replayed', `Request binding ${id} was already used: a binding serves one request, once.`);
    if (used.size >= maxRemembered) forget(now);
    if (used.size >= maxRemembered) throw new BindingRejected('overloaded', 'Too many recent requests to remember for replay protection; try again shortly.');
    used.set(id, expires);
    return { id, operation, secret };
  };

  function secretFor(jwk: JWK & { kid?: string }): Buffer {
    const cacheKey = `${jwk.kid ?? ''}|${jwk.x}|${jwk.y}`;
    let secret = secrets.get(cacheKey);
    if (!secret) {
      let publicKey: KeyObject;
      try {
        publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) }, format: 'jwk' });
      } catch {
        throw new BindingRejected('malformed', 'The grant\'s confirmation key is not a P-256 public key.');
      }
      secret = deriveSecret(options.agreement.privateKey, publicKey, jwk.kid ?? '', options.agreement.kid);
      if (secrets.size >= 1_000) secrets.delete(secrets.keys().next().value!);
      secrets.set(cacheKey, secret);
    }
    return secret;
  }
}

/** HMAC of a text with a binding secret, base64url: bindings and reports alike. */
export function macOf(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of two texts. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function bindingMac(secret: Buffer, id: string, expires: number, requestId: string, operation: string, grant: string): string {
  return macOf(secret, `govgraph-binding/v1\n${id}\n${expires}\n${requestId}\n${operation}\n${grant}`);
}

function deriveSecret(privateKey: KeyObject, publicKey: KeyObject, gatewayKid: string, departmentKid: string): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), `govgraph-binding/v1|${gatewayKid}|${departmentKid}`, 32));
}
