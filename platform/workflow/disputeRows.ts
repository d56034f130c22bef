/**
 * How stored dispute rows read as workflow values, for the SQLite and the PostgreSQL stores alike, with the
 * derived flags (`overdue`, `escalable`) judged at `at`, the instant the queries filter by. Rows arrive with their
 * JSON columns decoded (PostgreSQL does it; the SQLite store parses the text).
 */
import { DISPUTE_STAGES, type Dispute, type DisputeMatterKind, type DisputeOutcome, type DisputeStage, type DisputeStep, type FinalDisputeOutcome } from './disputeTypes.ts';

export interface DisputeRow {
  id: string;
  matter_kind: string;
  matter_id: string;
  consumer: string;
  provider: string;
  items: string[];
  competent_department: string;
  common_superior: string;
  statement: string;
  raised_by: string;
  raised_at: string;
  stage: string;
  stage_deadline: string;
  stage_outcome: string | null;
  status: string;
  outcome: string | null;
  agreement_id: string | null;
  resolved_at: string | null;
}

export interface DisputeStepRow {
  dispute_id: string;
  step: number;
  stage: string;
  opened_by_application: string;
  opened_by_department: string;
  opened_at: string;
  reason: string;
  deadline: string;
  outcome: string | null;
  note: string | null;
  decided_by_application: string | null;
  decided_by_department: string | null;
  decided_at: string | null;
  agreement_id: string | null;
}

export const DISPUTE_COLUMNS = `id, matter_kind, matter_id, consumer, provider, items, competent_department, common_superior, statement,
  raised_by, raised_at, stage, stage_deadline, stage_outcome, status, outcome, agreement_id, resolved_at`;

export const DISPUTE_STEP_COLUMNS = `dispute_id, step, stage, opened_by_application, opened_by_department, opened_at, reason, deadline,
  outcome, note, decided_by_application, decided_by_department, decided_at, agreement_id`;

/** The overdue flag in SQL; its one parameter is the instant. */
export const OVERDUE_SQL = "(status = 'OPEN' AND stage_outcome IS NULL AND stage_deadline <= ?)";

/** Which disputes a department may see; each of its four parameters is the department. */
export const VISIBLE_SQL = `(consumer = ? OR provider = ?
  OR (competent_department = ? AND stage IN ('COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR'))
  OR (common_superior = ? AND stage = 'COMMON_SUPERIOR'))`;

/** `steps` are the dispute's step rows, in step order. */
export function toDispute(row: DisputeRow, steps: readonly DisputeStepRow[], at: Date): Dispute {
  const now = at.toISOString();
  const stage = row.stage as DisputeStage;
  const open = row.status === 'OPEN';
  const late = row.stage_deadline <= now;
  return {
    id: row.id,
    matter: { kind: row.matter_kind as DisputeMatterKind, id: row.matter_id },
    consumer: row.consumer,
    provider: row.provider,
    items: [...row.items],
    competentDepartment: row.competent_department,
    commonSuperior: row.common_superior,
    raisedBy: { application: row.raised_by, department: row.consumer },
    raisedAt: row.raised_at,
    statement: row.statement,
    stage,
    status: open ? 'OPEN' : 'RESOLVED',
    deadline: row.stage_deadline,
    overdue: open && row.stage_outcome === null && late,
    escalable: open && stage !== DISPUTE_STAGES.at(-1) && (row.stage_outcome === 'UNRESOLVED' || late),
    outcome: row.outcome as FinalDisputeOutcome | null,
    agreementId: row.agreement_id,
    resolvedAt: row.resolved_at,
    steps: steps.map((step) => toStep(step, now)),
  };
}

function toStep(row: DisputeStepRow, now: string): DisputeStep {
  return {
    stage: row.stage as DisputeStage,
    openedBy: { application: row.opened_by_application, department: row.opened_by_department },
    openedAt: row.opened_at,
    reason: row.reason,
    deadline: row.deadline,
    overdue: row.outcome === null && row.deadline <= now,
    outcome: row.decided_at === null
      ? null
      : {
          outcome: row.outcome as DisputeOutcome,
          note: row.note!,
          by: { application: row.decided_by_application!, department: row.decided_by_department! },
          at: row.decided_at,
          agreementId: row.agreement_id,
        },
  };
}
