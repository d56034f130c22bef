/**
 * Applications, agreements and objections as the graph shows them: the workflow's records flattened into the
 * schema's types, with `inForce` saying whether the gateway grants an agreement's items at this instant (the
 * same rule the gateway applies on every request: APPROVED and within [validFrom, validUntil)).
 */
import type { Application, Objection as WorkflowObjection } from '../../platform/index.ts';
import type { Objection, SharingApplication } from './__generated__/resolvers.ts';

export function applicationView(application: Application, now: Date): SharingApplication {
  const { agreement, request, decision, revocation } = application;
  const at = now.toISOString();
  return {
    id: agreement.id,
    consumer: agreement.consumer,
    provider: agreement.provider,
    items: [...agreement.items],
    purpose: agreement.purpose,
    legalBasis: agreement.legalBasis,
    scenario: request?.scenario ?? null,
    validFrom: agreement.validFrom,
    validUntil: agreement.validUntil,
    status: agreement.status,
    inForce: agreement.status === 'APPROVED' && agreement.validFrom <= at && at < agreement.validUntil,
    appliedAt: request?.appliedAt ?? null,
    applicant: request ? { ...request.applicant } : null,
    requestedItems: request ? [...request.items] : null,
    requestedValidUntil: request?.validUntil ?? null,
    deadline: application.deadline,
    overdue: application.overdue,
    decision: decision ? { reason: decision.reason, actor: decision.actor, at: decision.at } : null,
    revocation: revocation ? { ...revocation } : null,
  };
}

export function objectionView(objection: WorkflowObjection): Objection {
  return {
    id: objection.id,
    consumer: objection.consumer,
    provider: objection.provider,
    item: objection.item,
    subjectKey: objection.subjectKey,
    description: objection.description,
    reporter: { ...objection.reporter },
    reportedAt: objection.reportedAt,
    deadline: objection.deadline,
    status: objection.status,
    answer: objection.answer ? { ...objection.answer } : null,
    overdue: objection.overdue,
  };
}
