/**
 * How a stored agreement row and its status history read as domain values, for the SQLite and the PostgreSQL
 * stores alike. Rows arrive with their JSON columns decoded (PostgreSQL does it; the SQLite stores parse the text).
 */
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';
import type { AgreementStatusChange } from './types.ts';

export interface AgreementRow {
  id: string;
  consumer: string;
  provider: string;
  items: string[];
  purpose: string;
  legal_basis: string;
  valid_from: string;
  valid_until: string;
  status: string;
}

export interface HistoryRow {
  agreement_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor: string;
  changed_at: string;
}

export function toAgreement(row: AgreementRow): Agreement {
  return {
    id: row.id,
    consumer: row.consumer,
    provider: row.provider,
    items: row.items,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status as AgreementStatus,
  };
}

export function toStatusChange(row: HistoryRow): AgreementStatusChange {
  return {
    agreementId: row.agreement_id,
    from: row.from_status as AgreementStatus | null,
    to: row.to_status as AgreementStatus,
    reason: row.reason,
    actor: row.actor,
    at: row.changed_at,
  };
}
