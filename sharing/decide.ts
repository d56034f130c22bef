/**
 * The one sharing decision: may this caller receive this item, for this purpose, under these agreements?
 * Returns data (allow with masking, or deny with a reason and a remedy), never throws; the caller of `decide`
 * chooses to null the field, reject the operation, or record it. Fails closed: an item without a policy gets
 * the operator's default level, NONE unless configured otherwise.
 */
import type { Agreement, Caller, Decision, ItemPolicy, ShareLevel } from './types.ts';

export interface DecisionRequest {
  caller: Caller;
  /** The `X-Purpose` of the request: an agreement id or a purpose code; null when none was named. */
  purpose: string | null;
  /** The caller department's agreements that are approved and valid now. */
  agreements: readonly Agreement[];
}

export interface DecideOptions {
  /** Level of an item the supergraph gives none (a foreign supergraph). Default NONE. */
  defaultLevel?: ShareLevel;
}

export function decide(item: string, policy: ItemPolicy | undefined, request: DecisionRequest, options: DecideOptions = {}): Decision {
  const level = policy?.level ?? options.defaultLevel ?? 'NONE';
  const provider = policy?.provider ?? null;
  const allow = (basis: 'provider' | 'unconditional' | 'agreement' | 'default', masked: boolean, agreementId: string | null = null): Decision => ({
    effect: 'allow', item, level, provider, masked, basis, agreementId,
  });
  if (provider !== null && provider === request.caller.department) return allow('provider', false);
  if (!policy) {
    return level === 'UNCONDITIONAL'
      ? allow('default', false)
      : deny(item, level, provider, `${item} declares no sharing level and the gateway's default is ${level}`,
          'ask the operator to declare a level for it');
  }
  if (level === 'NONE') {
    return deny(item, level, provider, `${item} is not shared outside ${provider ?? 'its department'}${policy.reason ? `: ${policy.reason}` : ''}`,
      'none: this item is never shared');
  }
  const granting = matchingAgreements(item, provider, request);
  const grant = granting.find((a) => purposeMatches(a, request.purpose));
  if (level === 'UNCONDITIONAL') {
    const masked = policy.sensitive && !grant;
    return allow('unconditional', masked, masked ? null : (grant?.id ?? null));
  }
  if (grant) return allow('agreement', false, grant.id);
  if (granting.length > 0) {
    const purposes = [...new Set(granting.map((a) => a.purpose))].join(', ');
    return request.purpose === null
      ? deny(item, level, provider, `${item} is CONDITIONAL and the request names no purpose`,
          `send the header X-Purpose: ${granting[0]!.purpose} (agreement ${granting[0]!.id})`)
      : deny(item, level, provider, `${item} is CONDITIONAL and ${request.caller.department}'s agreements with ${provider} for it cover the purpose(s) ${purposes}, not "${request.purpose}"`,
          `name one of those purposes in X-Purpose, or apply to ${provider} for ${item} for "${request.purpose}"`);
  }
  return deny(item, level, provider,
    `${item} is CONDITIONAL and ${request.caller.department} has no approved agreement with ${provider} for it`,
    `apply to ${provider} for ${item}, stating the purpose and legal basis`);
}

/** Approved, currently valid agreements of the caller with the item's provider that list the item. */
function matchingAgreements(item: string, provider: string | null, request: DecisionRequest): Agreement[] {
  return request.agreements.filter(
    (a) => a.consumer === request.caller.department && a.provider === provider && a.items.includes(item),
  );
}

export function purposeMatches(agreement: Agreement, purpose: string | null): boolean {
  return purpose !== null && (purpose === agreement.id || purpose === agreement.purpose);
}

function deny(item: string, level: ShareLevel, provider: string | null, reason: string, remedy: string): Decision {
  return { effect: 'deny', item, level, provider, reason, remedy };
}
