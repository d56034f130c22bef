/**
 * Masks the resolved value of a sensitive item when the department's decision says so (the caller holds no grant
 * for its raw value), with the consumer's masking key the grant carries (`mk`), so the pseudonym is the one the
 * gateway and the audit views show that department. Runs inside the shield rule, so it only sees allowed values.
 * Key fields are never wrapped: keys travel raw between gateway and department, and the gateway masks them in the
 * final response.
 */
import type { IMiddlewareFieldMap, IMiddlewareTypeMap } from 'graphql-middleware';
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import { maskValue } from '../../../sharing/masking.ts';
import type { GrantClaims } from '../../../sharing/types.ts';
import type { DepartmentDecisions } from './departmentDecisions.ts';

const keys = new WeakMap<GrantClaims, Buffer | null>();
function maskingKeyOf(grant: GrantClaims | undefined): Buffer | null {
  if (!grant) return null;
  let key = keys.get(grant);
  if (key === undefined) keys.set(grant, (key = grant.mk ? Buffer.from(grant.mk, 'base64url') : null));
  return key;
}

export function maskingMiddleware(catalogue: SharingCatalogue, decisions: DepartmentDecisions): IMiddlewareTypeMap {
  const middleware: Record<string, IMiddlewareFieldMap> = {};
  for (const policy of catalogue.items.values()) {
    if (!policy.sensitive || policy.key) continue;
    const { type, field } = policy;
    (middleware[type] ??= {})[field] = async (resolve, parent, args, context: { grant?: GrantClaims }, info) => {
      const value: unknown = await resolve(parent, args, context, info);
      const decision = decisions.decide(context.grant, type, field);
      return decision.effect === 'allow' && decision.masked ? maskValue(value, maskingKeyOf(context.grant)) : value;
    };
  }
  return middleware;
}
