/**
 * Builds the audit entry of one gateway request from what the request learned: the caller, the purpose, the
 * gateway's decisions for the fields the operation really selected, and the departments' signed reports of what
 * they served. Never from the caller's response: a field aliased to a key's name, or a key never selected,
 * changes nothing here.
 *
 * Per provider: `denied` the items the gateway withheld before planning (and those the department itself withheld
 * although the gateway allowed them); `served` the items of the caller's selection the department reported
 * serving; `masked` those of them shown masked (by the department, or by the gateway: keys travel raw and are
 * masked in the final response); `subjects` every entity the department reported returning data about; `reports`
 * its report seals, one per subgraph request (checked against its access log by `audit:reconcile`). A provider
 * that does not report (a foreign subgraph, or an item of no declared provider) is recorded from the decisions
 * alone, without subjects.
 */
import type { AuditEntry, AuditOutcome, ProviderAccess } from '../../platform/audit/types.ts';
import type { Decision } from '../../sharing/index.ts';
import type { GatewayContext } from '../context.ts';

export interface RequestFacts {
  context: Partial<GatewayContext> & Pick<GatewayContext, 'requestId' | 'startedAt'>;
  operationName: string | null;
  status: number;
  outcome: AuditOutcome;
  reason: string | null;
  /** Decisions of the fields the operation selected; empty when it never got that far. */
  decisions: readonly Decision[];
  /** Whether a provider does not report what it served. Default: only an undeclared provider (null). */
  unreported?: (provider: string | null) => boolean;
  /**
   * Whether the answer holds `item` (an entity key: departments return keys for joins too, so a reported key is
   * served to the caller only where the answer holds it). Default: every reported item was delivered.
   */
  delivered?: (item: string) => boolean;
}

const UNDECLARED = '(undeclared)';

export function requestEntry(facts: RequestFacts): AuditEntry {
  const { context } = facts;
  const unreported = facts.unreported ?? ((provider) => provider === null);
  const providers: Record<string, ProviderAccess> = {};
  const access = (provider: string): ProviderAccess => (providers[provider] ??= { served: [], masked: [], denied: [], subjects: [] });
  const agreements = new Set<string>();
  const allowed = new Map<string, Extract<Decision, { effect: 'allow' }>>();
  const serve = (provider: string, decision: Extract<Decision, { effect: 'allow' }>, maskedThere: boolean) => {
    const entry = access(provider);
    entry.served.push(decision.item);
    if (decision.masked || maskedThere) entry.masked.push(decision.item);
    if (decision.agreementId) agreements.add(decision.agreementId);
  };
  for (const decision of facts.decisions) {
    if (decision.effect === 'deny') access(decision.provider ?? UNDECLARED).denied.push(decision.item);
    else if (unreported(decision.provider)) serve(decision.provider ?? UNDECLARED, decision, false);
    else allowed.set(decision.item, decision);
  }
  for (const { report, digest, signature, kid } of context.reports ?? []) {
    const entry = access(report.department);
    const masked = new Set(report.masked);
    for (const item of report.served) {
      const decision = allowed.get(item);
      if (decision && (facts.delivered?.(item) ?? true)) serve(report.department, decision, masked.has(item));
    }
    for (const item of report.denied) if (allowed.has(item)) entry.denied.push(item);
    entry.subjects.push(...report.subjects);
    (entry.reports ??= []).push({ grant: report.grant, digest, signature, kid });
  }
  for (const entry of Object.values(providers)) {
    entry.served = unique(entry.served);
    entry.masked = unique(entry.masked);
    entry.denied = unique(entry.denied);
    entry.subjects = unique(entry.subjects);
  }
  return {
    kind: 'request',
    time: new Date(context.startedAt).toISOString(),
    requestId: context.requestId,
    application: context.caller?.application ?? null,
    department: context.caller?.department ?? null,
    purpose: context.purpose ?? null,
    agreements: [...agreements].sort(),
    operationName: facts.operationName,
    documentHash: context.documentHash ?? null,
    providers,
    outcome: facts.outcome,
    status: facts.status,
    reason: facts.reason,
    durationMs: Math.round((Date.now() - context.startedAt) * 100) / 100,
  };
}

/** Sorted, each once. */
function unique(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}

/** A record that is not a request's (documents registered or removed, refusals counted): no caller, no providers. */
export function eventEntry(
  kind: string,
  fields: Pick<AuditEntry, 'time' | 'requestId' | 'outcome' | 'status' | 'reason' | 'durationMs'> & { application?: string | null },
): AuditEntry {
  const { time, requestId, application = null, outcome, status, reason, durationMs } = fields;
  return { kind, time, requestId, application, department: null, purpose: null, agreements: [], operationName: null, documentHash: null, providers: {}, outcome, status, reason, durationMs };
}
