/**
 * Builds the audit entry of one gateway request from what the request learned: the caller, the purpose, the
 * decisions for the fields it really selected, the subjects each provider was asked about, and the outcome.
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
}

export function requestEntry(facts: RequestFacts): AuditEntry {
  const { context } = facts;
  const providers: Record<string, ProviderAccess> = {};
  const access = (provider: string): ProviderAccess =>
    (providers[provider] ??= { served: [], masked: [], denied: [], subjects: [] });
  const agreements = new Set<string>();
  for (const decision of facts.decisions) {
    const entry = access(decision.provider ?? '(undeclared)');
    if (decision.effect === 'deny') {
      entry.denied.push(decision.item);
      continue;
    }
    entry.served.push(decision.item);
    if (decision.masked) entry.masked.push(decision.item);
    if (decision.agreementId) agreements.add(decision.agreementId);
  }
  for (const [provider, subjects] of context.subjects ?? []) {
    if (subjects.size > 0) access(provider).subjects.push(...subjects);
  }
  for (const entry of Object.values(providers)) {
    for (const list of [entry.served, entry.masked, entry.denied]) list.sort();
    entry.subjects = [...new Set(entry.subjects)].sort();
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
