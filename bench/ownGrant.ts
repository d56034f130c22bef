/**
 * A department's own grant: signed with the gateway grant key for `department`, with the department itself as the
 * caller, so the department answers every item it catalogues, raw (its own data). The plain gateway sends one per
 * department (it has no other way past the departments' grant check), and the benchmark reads a department
 * directly with one to pick its resident.
 */
import { createGrantSigner } from '../sharing/grantToken.ts';
import type { GrantKey } from '../sharing/grantKeys.ts';

export function signOwnGrant(key: GrantKey, department: string, ttlSeconds: number): Promise<string> {
  const signer = createGrantSigner({ privateKey: key.privateKey, kid: key.kid, ttlSeconds });
  return signer.sign({
    sub: `${department}-own-systems`,
    dept: department,
    aud: department,
    purpose: null,
    agreements: [],
    items: [],
    raw: [],
  });
}
