/**
 * Issues the short-lived token the gateway sends each department with a fetch: the caller, the purpose, and
 * which of that department's conditional (and sensitive) items the caller's agreements grant for the purpose.
 * The department enforces its own levels with it; the caller's roles ride along for the platform subgraph's
 * workflow; its confirmation key (`cnf`) makes it useless without the request binding only this gateway process
 * can make (sharing/binding.ts), so a grant captured on the wire cannot be replayed. Tokens are cached per (caller, roles, department, purpose, grant) and reused until shortly before they
 * expire, so signing is not paid per request; a caller whose token now carries other roles gets a new grant.
 */
import { LRUCache } from 'lru-cache';
import { purposeMatches, type Agreement, type Caller, type ConfirmationKey } from '../../sharing/index.ts';
import type { GrantSigner } from '../../sharing/grantToken.ts';
import { consumerMaskingKey } from '../../sharing/masking.ts';

export interface GrantIssuerOptions {
  signer: GrantSigner;
  /** Lifetime the signer gives tokens, seconds; a cached token is renewed when less than a quarter is left. */
  ttlSeconds: number;
  /** Cached tokens kept at most. Default 10,000. */
  maxCached?: number;
  /** The public key of this process's request binder (`cnf.jwk`): every request presenting the grant is bound with it. Required. */
  confirmationKey: ConfirmationKey;
  /** The platform's masking key: each grant carries its consumer's derived key (`mk`). Default none: departments hide sensitive values whole. */
  maskingKey?: Buffer | null;
}

export interface GrantRequest {
  caller: Caller;
  purpose: string | null;
  agreements: readonly Agreement[];
}

export interface GrantIssuer {
  tokenFor(request: GrantRequest, department: string): Promise<string>;
}

export function createGrantIssuer(options: GrantIssuerOptions): GrantIssuer {
  const cache = new LRUCache<string, { token: Promise<string>; renewAt: number }>({ max: options.maxCached ?? 10_000 });
  return {
    tokenFor(request, department) {
      const granting = request.agreements.filter((a) => a.provider === department && purposeMatches(a, request.purpose));
      const items = [...new Set(granting.flatMap((a) => a.items))].sort();
      const agreements = granting.map((a) => a.id).sort();
      const roles = [...new Set(request.caller.roles)].sort();
      // A resident's grant names the resident: one resident's grant is never another's.
      const resident = request.caller.resident ?? null;
      const key = [request.caller.application, request.caller.department, resident ?? '', JSON.stringify(roles), department, request.purpose ?? '', agreements.join(',')].join('|');
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.renewAt > now) return cached.token;
      const token = options.signer.sign({
        sub: request.caller.application,
        dept: request.caller.department,
        roles,
        aud: department,
        purpose: request.purpose,
        agreements,
        items,
        raw: items,
        cnf: { jwk: options.confirmationKey },
        mk: options.maskingKey ? consumerMaskingKey(options.maskingKey, request.caller.department).toString('base64url') : null,
        resident,
      });
      cache.set(key, { token, renewAt: now + options.ttlSeconds * 750 });
      token.catch(() => cache.delete(key));
      return token;
    },
  };
}
