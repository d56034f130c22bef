/**
 * The one sharing decision: may this caller receive this item, for this purpose, under these agreements?
 * Returns data (allow with masking, or deny with a reason and a remedy), never throws; the caller of `decide`
 * chooses to null the field, reject the operation, or record it. Fails closed: an item without a policy gets
 * the operator's default level, NONE unless configured otherwise.
 *
 * A remedy stands on its own (a client may show it without the reason): it names the purpose to send and the
 * agreement that covers it, or whom to apply to, or that nothing can grant the item. An agreement id in X-Purpose
 * is read as one, and a purpose no agreement has is said to be unknown rather than "not covered".
 */
import type { Agreement, Caller, Decision, DenyDecision, ItemPolicy, ShareLevel } from './types.ts';

/** An agreement of the caller that is not in force: why a denial happened when there was one. */
export interface AgreementNotInForce {
  /** Its status is PENDING, REJECTED, REVOKED or EXPIRED. */
  agreement: Agreement;
  /** When it took that status (the decision, the revocation, the end of its period); null when unknown. */
  since: string | null;
  /** The provider's reason for a rejection or a revocation. */
  reason: string | null;
  /** The reply deadline of a pending application. */
  deadline?: string | null;
}

export interface DecisionRequest {
  caller: Caller;
  /** The `X-Purpose` of the request: an agreement id or a purpose code; null when none was named. */
  purpose: string | null;
  /** The caller department's agreements that are approved and valid now. */
  agreements: readonly Agreement[];
  /**
   * The caller department's agreements not in force (pending, rejected, revoked, expired), when the caller of
   * `decide` has them: a denial then says what became of the one that listed the item. Default none.
   */
  notInForce?: readonly AgreementNotInForce[];
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
    const owner = provider ?? 'its department';
    return deny(item, level, provider, `${item} is not shared outside ${owner}${policy.reason ? `: ${policy.reason}` : ''}`,
      `it cannot be obtained: ${owner} shares it with no other department, under any agreement`);
  }
  const granting = matchingAgreements(item, provider, request);
  const grant = granting.find((a) => purposeMatches(a, request.purpose));
  if (level === 'UNCONDITIONAL') {
    const masked = policy.sensitive && !grant;
    return allow('unconditional', masked, masked ? null : (grant?.id ?? null));
  }
  if (grant) return allow('agreement', false, grant.id);
  const consumer = request.caller.department;
  if (granting.length === 0) return notGranted(item, provider, request);
  const send = `send the header X-Purpose: ${purposeChoices(granting)}`;
  if (request.purpose === null) {
    return deny(item, level, provider, `${item} is CONDITIONAL and the request names no purpose`, send);
  }
  const named = request.agreements.find((a) => a.id === request.purpose);
  if (named) {
    return deny(item, level, provider,
      `${item} is CONDITIONAL and agreement ${named.id}, named in X-Purpose, does not cover it (it grants ${named.items.join(', ')} of ${named.provider})`,
      `${send} for it`);
  }
  if (!request.agreements.some((a) => a.purpose === request.purpose)) {
    return deny(item, level, provider, `${item} is CONDITIONAL and no agreement of ${consumer} in force has the purpose or id "${request.purpose}"`, `${send} for it`);
  }
  const purposes = [...new Set(granting.map((a) => a.purpose))].join(', ');
  return deny(item, level, provider,
    `${item} is CONDITIONAL and ${consumer}'s agreements with ${provider} for it cover the purpose(s) ${purposes}, not "${request.purpose}"`,
    `${send} for it, or apply to ${provider} for ${item} for "${request.purpose}"`);
}

/**
 * When X-Purpose names neither an agreement in force nor the purpose of one (a typo, most often): what to say once
 * for the whole request, with the purposes the caller's agreements do have. Null when the purpose is known or absent.
 */
export function unknownPurpose(request: Pick<DecisionRequest, 'caller' | 'purpose' | 'agreements'>): { message: string; purposes: { purpose: string; agreements: string[] }[] } | null {
  const { purpose, agreements, caller } = request;
  if (purpose === null || agreements.some((a) => purposeMatches(a, purpose))) return null;
  if (agreements.length === 0) {
    return { message: `X-Purpose "${purpose}" names no agreement: ${caller.department} has no agreement in force, so it grants nothing.`, purposes: [] };
  }
  const byPurpose = new Map<string, string[]>();
  for (const agreement of agreements) byPurpose.set(agreement.purpose, [...(byPurpose.get(agreement.purpose) ?? []), agreement.id]);
  const purposes = [...byPurpose].sort(([a], [b]) => a.localeCompare(b)).map(([p, ids]) => ({ purpose: p, agreements: ids.sort() }));
  return {
    message: `X-Purpose "${purpose}" is neither the purpose nor the id of an agreement of ${caller.department} in force, so it grants nothing; ${caller.department}'s purposes are ${purposes.map((p) => `${p.purpose} (${p.agreements.join(', ')})`).join(', ')}.`,
    purposes,
  };
}

/** Denied for want of an agreement in force; when one listing the item is pending, rejected, revoked or expired, says so. */
function notGranted(item: string, provider: string | null, request: DecisionRequest): Decision {
  const consumer = request.caller.department;
  const apply = `apply to ${provider} for ${item}, stating the purpose and legal basis`;
  const former = (request.notInForce ?? [])
    .filter(({ agreement: a }) => a.consumer === consumer && a.provider === provider && a.items.includes(item))
    .sort((a, b) => (b.since ?? '').localeCompare(a.since ?? '') || b.agreement.id.localeCompare(a.agreement.id));
  const pending = former.find((f) => f.agreement.status === 'PENDING');
  const latest = pending ?? former[0];
  if (!latest) {
    const denied = deny(item, 'CONDITIONAL', provider, `${item} is CONDITIONAL and ${consumer} has no approved agreement with ${provider} for it`, apply);
    return request.notInForce === undefined ? { ...denied, noAgreement: true } : denied;
  }
  const { agreement, since, reason, deadline } = latest;
  const on = since ? ` on ${since}` : '';
  const because = reason ? ` (${reason.replace(/\.$/, '')})` : '';
  const subject = `${item} is CONDITIONAL and ${consumer}'s ${agreement.status === 'PENDING' ? 'application' : 'agreement'} ${agreement.id} for it (${agreement.purpose})`;
  switch (agreement.status) {
    case 'PENDING':
      return deny(item, 'CONDITIONAL', provider, `${subject} is pending with ${provider}${deadline ? `, its reply due by ${deadline}` : ''}`,
        `wait for ${provider}'s decision on ${agreement.id}; it grants the item from the moment it is approved`);
    case 'REJECTED':
      return deny(item, 'CONDITIONAL', provider, `${subject} was rejected${on}${because}`, `${apply}, answering the reason ${agreement.id} was rejected`);
    case 'REVOKED':
      return deny(item, 'CONDITIONAL', provider, `${subject} was revoked${on}${because}`, apply);
    default:
      return deny(item, 'CONDITIONAL', provider, `${subject} expired${on || ` at ${agreement.validUntil}`}`, `apply to ${provider} to renew ${agreement.id} for ${item}, stating the purpose and legal basis`);
  }
}

/** `p (agreement A)`, or `one of: p1 (agreement A1), p2 (agreements A2, A3)` when several purposes would do. */
function purposeChoices(granting: readonly Agreement[]): string {
  const byPurpose = new Map<string, string[]>();
  for (const agreement of granting) byPurpose.set(agreement.purpose, [...(byPurpose.get(agreement.purpose) ?? []), agreement.id]);
  const choices = [...byPurpose].map(([purpose, ids]) => `${purpose} (agreement${ids.length > 1 ? 's' : ''} ${ids.join(', ')})`);
  return choices.length === 1 ? choices[0]! : `one of: ${choices.join(', ')}`;
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

function deny(item: string, level: ShareLevel, provider: string | null, reason: string, remedy: string): DenyDecision {
  return { effect: 'deny', item, level, provider, reason, remedy };
}
