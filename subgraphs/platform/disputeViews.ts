/** Disputes as the graph shows them: the workflow's records flattened into the schema's types. */
import type { Dispute as WorkflowDispute } from '../../platform/index.ts';
import type { Dispute } from './__generated__/resolvers.ts';

export function disputeView(dispute: WorkflowDispute): Dispute {
  return {
    id: dispute.id,
    matter: { ...dispute.matter },
    consumer: dispute.consumer,
    provider: dispute.provider,
    items: [...dispute.items],
    competentDepartment: dispute.competentDepartment,
    commonSuperior: dispute.commonSuperior,
    raisedBy: { ...dispute.raisedBy },
    raisedAt: dispute.raisedAt,
    statement: dispute.statement,
    stage: dispute.stage,
    status: dispute.status,
    deadline: dispute.deadline,
    overdue: dispute.overdue,
    escalable: dispute.escalable,
    outcome: dispute.outcome,
    agreement: dispute.agreementId,
    resolvedAt: dispute.resolvedAt,
    steps: dispute.steps.map((step) => ({
      stage: step.stage,
      openedBy: { ...step.openedBy },
      openedAt: step.openedAt,
      reason: step.reason,
      deadline: step.deadline,
      overdue: step.overdue,
      outcome: step.outcome
        ? { outcome: step.outcome.outcome, note: step.outcome.note, by: { ...step.outcome.by }, at: step.outcome.at, agreement: step.outcome.agreementId }
        : null,
    })),
  };
}
