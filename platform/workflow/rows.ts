/**
 * How stored application and objection rows read as workflow values, for the SQLite and the PostgreSQL stores
 * alike, including the derived `overdue` flag (judged at `at`, the same instant the queries filter by). Rows
 * arrive with their JSON columns decoded (PostgreSQL does it; the SQLite stores parse the text).
 */
import { toAgreement, type AgreementRow, type HistoryRow } from '../agreements/rows.ts';
import type { Application, Objection, ObjectionStatus } from './types.ts';

export interface ApplicationRow extends AgreementRow {
  scenario: string | null;
  applicant_application: string | null;
  applicant_department: string | null;
  applied_at: string | null;
  deadline: string | null;
  requested_items: string[] | null;
  requested_valid_from: string | null;
  requested_valid_until: string | null;
}

/** `history` is the agreement's status changes, oldest first. */
export function toApplication(row: ApplicationRow, history: HistoryRow[], at: Date): Application {
  const agreement = toAgreement(row);
  const decided = history.find((change) => change.from_status === 'PENDING');
  const revoked = history.find((change) => change.to_status === 'REVOKED');
  return {
    agreement,
    request: row.applied_at !== null
      ? {
          scenario: row.scenario!,
          applicant: { application: row.applicant_application!, department: row.applicant_department! },
          appliedAt: row.applied_at,
          items: row.requested_items!,
          validFrom: row.requested_valid_from!,
          validUntil: row.requested_valid_until!,
        }
      : null,
    deadline: row.deadline,
    overdue: agreement.status === 'PENDING' && row.deadline !== null && row.deadline <= at.toISOString(),
    decision: decided ? { status: decided.to_status as 'APPROVED' | 'REJECTED', ...change(decided) } : null,
    revocation: revoked ? change(revoked) : null,
  };
}

function change(row: HistoryRow): { reason: string | null; actor: string; at: string } {
  return { reason: row.reason, actor: row.actor, at: row.changed_at };
}

export interface ObjectionRow {
  id: string;
  consumer: string;
  provider: string;
  item: string;
  subject_key: string;
  description: string;
  reporter_application: string;
  reported_at: string;
  deadline: string;
  status: string;
  answer_note: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

export const OBJECTION_COLUMNS = `id, consumer, provider, item, subject_key, description, reporter_application, reported_at, deadline, status,
  answer_note, answered_by, answered_at`;

export function toObjection(row: ObjectionRow, at: Date): Objection {
  const status = row.status as ObjectionStatus;
  return {
    id: row.id,
    consumer: row.consumer,
    provider: row.provider,
    item: row.item,
    subjectKey: row.subject_key,
    description: row.description,
    reporter: { application: row.reporter_application, department: row.consumer },
    reportedAt: row.reported_at,
    deadline: row.deadline,
    status,
    answer: row.answered_at === null ? null : { note: row.answer_note!, actor: row.answered_by!, at: row.answered_at },
    overdue: status === 'OPEN' && row.deadline <= at.toISOString(),
  };
}
