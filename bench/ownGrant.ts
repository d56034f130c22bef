/**
 * A department's own grant and the binding of each request to it, for the benchmark's clients that are not the
 * govgraph gateway: the plain gateway (it has no other way past the departments' grant and binding checks) and the
 * benchmark's direct reads of a department. The grant is signed with the gateway grant key for `department`, with
 * the department itself as the caller, so the department answers every item it catalogues, raw (its own data);
 * it carries this process's confirmation key, and every request is bound with the secret derived from it and the
 * department's published key (sharing/binding.ts), as the gateway binds its own.
 */
import { randomUUID } from 'node:crypto';
import { BINDING_HEADER, createRequestBinder } from '../sharing/binding.ts';
import { departmentPublicKeys } from '../sharing/departmentKeys.ts';
import { createGrantSigner } from '../sharing/grantToken.ts';
import type { GrantKey } from '../sharing/grantKeys.ts';

export interface OwnGrants {
  /** The department's own grant, signed once. */
  grantFor(department: string, ttlSeconds: number): Promise<string>;
  /** Headers binding one request (its exact body) to `grant`, with a fresh request id. */
  bindingHeaders(department: string, routingUrl: string, grant: string, body: string): Promise<Record<string, string>>;
}

export function ownGrants(key: GrantKey): OwnGrants {
  const binder = createRequestBinder();
  const signer = (ttlSeconds: number) => createGrantSigner({ privateKey: key.privateKey, kid: key.kid, ttlSeconds });
  const secrets = new Map<string, Promise<Buffer>>();
  const secretOf = (department: string, routingUrl: string) => {
    let secret = secrets.get(department);
    if (!secret) {
      secret = fetch(new URL('/.well-known/jwks.json', routingUrl))
        .then((response) => response.json() as Promise<{ keys?: unknown }>)
        .then((jwks) => binder.secretFor(departmentPublicKeys(department, jwks).agreement));
      secrets.set(department, secret);
    }
    return secret;
  };
  return {
    grantFor: (department, ttlSeconds) =>
      signer(ttlSeconds).sign({
        sub: `${department}-own-systems`,
        dept: department,
        aud: department,
        purpose: null,
        agreements: [],
        items: [],
        raw: [],
        cnf: { jwk: binder.confirmationKey },
      }),
    async bindingHeaders(department, routingUrl, grant, body) {
      const requestId = randomUUID();
      const binding = binder.bind({ secret: await secretOf(department, routingUrl), requestId, grantToken: grant, body });
      return { 'x-request-id': requestId, [BINDING_HEADER]: binding.header };
    },
  };
}
