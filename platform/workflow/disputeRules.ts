/**
 * The statutory route of a dispute as pure rules: what may be disputed (a refused application; an objection left
 * unanswered past its deadline), who sees a dispute at each stage, who records its outcome there and which outcomes
 * that stage allows, and what an agreement must be for a resolution to grant access by it. Each check returns its
 * problem as a sentence saying what to do, or null.
 */
import type { Agreement } from '../../sharing/types.ts';
import { DISPUTE_STAGES, type Dispute, type DisputeOutcome, type DisputeStage } from './disputeTypes.ts';
import type { Application, Objection } from './types.ts';

/** Working days of each stage, and who takes over after negotiation (department ids). */
export interface DisputeSettings {
  days: Readonly<Record<DisputeStage, number>>;
  competentDepartment: string;
  commonSuperior: string;
}

export const DEFAULT_DISPUTE_DAYS: Readonly<Record<DisputeStage, number>> = { NEGOTIATION: 10, COMPETENT_DEPARTMENT: 10, COMMON_SUPERIOR: 10 };

/** The sharing platform's own department coordinates (the competent department), the people's government decides. */
export const DEFAULT_DISPUTE_PARTIES = { competentDepartment: 'platform', commonSuperior: 'people-government' } as const;

export const STAGE_WORDS: Readonly<Record<DisputeStage, string>> = {
  NEGOTIATION: 'negotiation between the departments',
  COMPETENT_DEPARTMENT: 'coordination by the competent department',
  COMMON_SUPERIOR: 'decision of the common superior',
};

/** Outcomes each stage may record: the parties and the competent department settle or not; the superior decides. */
export const OUTCOMES_AT: Readonly<Record<DisputeStage, readonly DisputeOutcome[]>> = {
  NEGOTIATION: ['SETTLED', 'UNRESOLVED'],
  COMPETENT_DEPARTMENT: ['SETTLED', 'UNRESOLVED'],
  COMMON_SUPERIOR: ['UPHELD', 'DISMISSED'],
};

export function nextStage(stage: DisputeStage): DisputeStage | null {
  return DISPUTE_STAGES[DISPUTE_STAGES.indexOf(stage) + 1] ?? null;
}

/** Whether `department` may know of the dispute: its parties always; the competent department and the superior once it reaches them. */
export function mayKnow(dispute: Dispute, department: string): boolean {
  const reached = DISPUTE_STAGES.indexOf(dispute.stage);
  return department === dispute.consumer || department === dispute.provider
    || (department === dispute.competentDepartment && reached >= 1)
    || (department === dispute.commonSuperior && reached >= 2);
}

/** The departments whose admin records the outcome at the dispute's stage. */
export function deciders(dispute: Dispute): string[] {
  switch (dispute.stage) {
    case 'NEGOTIATION':
      return [dispute.consumer, dispute.provider];
    case 'COMPETENT_DEPARTMENT':
      return [dispute.competentDepartment];
    case 'COMMON_SUPERIOR':
      return [dispute.commonSuperior];
  }
}

/** Why a refused application cannot be disputed (yet), or null. */
export function applicationDisputeProblem({ agreement, deadline }: Application): string | null {
  switch (agreement.status) {
    case 'REJECTED':
      return null;
    case 'PENDING':
      return `it is PENDING${deadline ? `, its reply due by ${deadline}` : ''}: only a refused (REJECTED) application can be disputed`;
    default:
      return `it is ${agreement.status}, not refused: only a refused (REJECTED) application can be disputed`;
  }
}

/** Why an objection cannot be disputed (yet), or null. */
export function objectionDisputeProblem(objection: Objection): string | null {
  if (objection.answer) {
    return `it was answered ${objection.status} at ${objection.answer.at}: only an objection left unanswered past its deadline can be disputed`;
  }
  if (!objection.overdue) return `its answer is due by ${objection.deadline}: it can be disputed once that passes unanswered`;
  return null;
}

/** Why the dispute cannot take `outcome` now, or null. */
export function outcomeConflict(dispute: Dispute): string | null {
  if (dispute.status === 'RESOLVED') return `it ended ${dispute.outcome} at ${dispute.resolvedAt}; a resolved dispute takes no further outcome`;
  const step = dispute.steps.at(-1);
  if (step?.outcome) {
    return `the ${STAGE_WORDS[dispute.stage]} recorded ${step.outcome.outcome} at ${step.outcome.at}; ${dispute.consumer} may escalate it`;
  }
  return null;
}

/** Why the consumer cannot escalate the dispute now, or null. */
export function escalationConflict(dispute: Dispute): string | null {
  if (dispute.status === 'RESOLVED') return `it ended ${dispute.outcome} at ${dispute.resolvedAt}; a resolved dispute is not escalated`;
  if (nextStage(dispute.stage) === null) return 'it is before the common superior, whose decision ends the route';
  if (!dispute.escalable) {
    const who = dispute.stage === 'NEGOTIATION' ? 'either department' : dispute.competentDepartment;
    return `the ${STAGE_WORDS[dispute.stage]} is due by ${dispute.deadline} and recorded no outcome: escalate once that passes, or once ${who} records UNRESOLVED`;
  }
  return null;
}

/**
 * Why `agreement` (looked up by the id the actor gave; null when there is none) does not show the access a
 * resolution grants, or null: it must be an agreement of the dispute's consumer with its provider, APPROVED and in
 * force at `at`, listing at least one disputed item. The same words when it does not exist and when it is another
 * department's, so a decider learns nothing of other agreements.
 */
export function grantingAgreementProblem(dispute: Dispute, id: string, agreement: Agreement | null, at: Date): string | null {
  const now = at.toISOString();
  const grants = agreement !== null && agreement.consumer === dispute.consumer && agreement.provider === dispute.provider
    && agreement.status === 'APPROVED' && agreement.validFrom <= now && now < agreement.validUntil
    && agreement.items.some((item) => dispute.items.includes(item));
  if (grants) return null;
  return `agreement ${id} is not an agreement of ${dispute.consumer} with ${dispute.provider} in force for ${dispute.items.join(', ')}: ` +
    `access is granted only by an agreement the provider approved (applyForSharing, then decideApplication); name it once approved, or leave agreement out`;
}
