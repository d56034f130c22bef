/**
 * A department's own decision about one of its fields for one verified grant: the second line of defence,
 * independent of what the gateway decided. Decisions are data (`Decision`), the same shape the gateway records.
 *
 * - a key field of an entity: allowed, raw (the gateway joins entities by their keys and masks them itself);
 * - a field without @share: denied, even to the department itself (fail closed: a field missing from the catalogue
 *   is a mistake the department should see at once, not a silent hole);
 * - the department itself (grant.dept is this department): allowed, raw, every catalogued item;
 * - UNCONDITIONAL: allowed; CONDITIONAL: allowed only when the grant lists the item; NONE: denied;
 * - an allowed sensitive item is masked unless the grant lists it in `raw`, and denied when its type has no masked
 *   form (see sharing/masking.ts).
 *
 * Federation's own fields (`_entities`, `_service`) are not items; the shield rules allow them before asking here.
 */
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import type { Decision, GrantClaims, ItemPolicy } from '../../../sharing/types.ts';

export interface DepartmentDecisionsOptions {
  /** The department deciding (its id). Required. */
  department: string;
  /** Its own catalogue, read from its typeDefs. Required. */
  catalogue: SharingCatalogue;
  /** Whether an item's values can be masked (strings); a sensitive item that cannot is denied unless raw. Required. */
  isMaskable(item: string): boolean;
}

export interface DepartmentDecisions {
  /** The decision about `type.field` for this grant; memoized per grant (one grant per request). */
  decide(grant: GrantClaims | undefined, type: string, field: string): Decision;
}

export function createDepartmentDecisions(options: DepartmentDecisionsOptions): DepartmentDecisions {
  const { department, catalogue, isMaskable } = options;
  if (!department) throw new Error('createDepartmentDecisions: option `department` is required.');
  if (!catalogue) throw new Error('createDepartmentDecisions: option `catalogue` is required.');
  // Keyed by the verified grant object (frozen; one per token while the verifier caches it): entries go with it.
  const memo = new WeakMap<GrantClaims, Map<string, Decision>>();

  function decideFresh(grant: GrantClaims | undefined, type: string, field: string): Decision {
    const item = `${type}.${field}`;
    const policy = catalogue.policy(type, field);
    const provider = policy?.provider ?? department;
    const isKey = catalogue.keys.get(type)?.has(field) ?? false;
    // An uncatalogued key is shared by construction (every department holding the entity knows it); any other
    // uncatalogued field is treated as NONE.
    const level = policy?.level ?? (isKey ? 'UNCONDITIONAL' : 'NONE');
    const allow = (basis: 'provider' | 'unconditional' | 'agreement' | 'default', masked: boolean): Decision => ({
      effect: 'allow',
      item,
      level,
      provider,
      masked,
      basis,
      agreementId: basis === 'agreement' && grant?.agreements.length === 1 ? grant.agreements[0]! : null,
    });
    const deny = (reason: string, remedy: string): Decision => ({ effect: 'deny', item, level, provider, reason, remedy });

    if (!grant) return deny(`${department} has no verified grant for this request, so it shares nothing.`, 'send the request through the gateway');
    if (isKey) return allow(grant.dept === department ? 'provider' : 'default', false);
    if (!policy) {
      return deny(
        `${item} is not in the sharing catalogue of ${department} (it carries no @share), so ${department} serves it to no one, not even itself.`,
        `ask ${department} to publish ${item} in its catalogue`,
      );
    }
    if (grant.dept === department) return allow('provider', false);
    switch (policy.level) {
      case 'UNCONDITIONAL':
        return sensitiveOrRaw(policy, grant, allow('unconditional', true), allow('unconditional', false));
      case 'CONDITIONAL':
        if (!grant.items.includes(item)) {
          return deny(
            `${item} is CONDITIONAL: ${provider} shares it only under an approved agreement, and the grant for ${grant.dept}` +
              `${grant.purpose ? ` (purpose ${grant.purpose})` : ''} does not list it.`,
            `apply to ${provider} for ${item}`,
          );
        }
        return sensitiveOrRaw(policy, grant, allow('agreement', true), allow('agreement', false));
      case 'NONE':
        return deny(
          `${item} is not shared (NONE): it never leaves ${provider}.${policy.reason ? ` ${policy.reason}` : ''}`,
          `none: ${provider} does not share ${item} with other departments`,
        );
    }
  }

  function sensitiveOrRaw(policy: ItemPolicy, grant: GrantClaims, masked: Decision, raw: Decision): Decision {
    if (!policy.sensitive || grant.raw.includes(policy.item)) return raw;
    if (isMaskable(policy.item)) return masked;
    return {
      effect: 'deny',
      item: policy.item,
      level: policy.level,
      provider: masked.provider,
      reason: `${policy.item} is sensitive and has no masked form, so it is shared only raw, under an agreement that grants it raw.`,
      remedy: `apply to ${masked.provider} for ${policy.item} (raw)`,
    };
  }

  return {
    decide(grant, type, field) {
      if (!grant) return decideFresh(grant, type, field);
      let decisions = memo.get(grant);
      if (!decisions) memo.set(grant, (decisions = new Map()));
      const key = `${type}.${field}`;
      let decision = decisions.get(key);
      if (!decision) decisions.set(key, (decision = decideFresh(grant, type, field)));
      return decision;
    },
  };
}
