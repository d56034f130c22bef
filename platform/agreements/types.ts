/**
 * What the platform keeps about agreements, as seen by its callers. The interface is asynchronous although the
 * embedded SQLite store answers synchronously, so a PostgreSQL store can replace it without changing a caller.
 */
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';

/** An agreement to record. EXPIRED is derived from `validUntil`, never stored, so it cannot be given. */
export interface NewAgreement extends Omit<Agreement, 'status'> {
  /** Default PENDING (an application awaiting its provider's decision). */
  status?: 'PENDING' | 'APPROVED';
}

export interface AgreementFilter {
  consumer?: string;
  provider?: string;
  /** The status as reported, so EXPIRED selects approved agreements past their `validUntil`. */
  status?: AgreementStatus;
}

export interface StatusChangeOptions {
  /** Why; required when rejecting or revoking. */
  reason?: string;
  /** Who made the change (a user or application id). */
  actor: string;
}

export interface CreateOptions {
  /** Who recorded the agreement. Default `platform`. */
  actor?: string;
  reason?: string;
}

/** One row of an agreement's status history; the first row is its creation (`from` null). */
export interface AgreementStatusChange {
  agreementId: string;
  from: AgreementStatus | null;
  to: AgreementStatus;
  reason: string | null;
  actor: string;
  /** ISO timestamp. */
  at: string;
}

export interface AgreementStore {
  /**
   * Agreements of `consumer` that are APPROVED and valid at `at` (validFrom <= at < validUntil), by id.
   * Runs on every gateway request: one indexed statement.
   */
  agreementsFor(consumer: string, at: Date): Promise<Agreement[]>;
  /** The agreement, with its status as of now (EXPIRED when approved and past validUntil); null when unknown. */
  get(id: string): Promise<Agreement | null>;
  /** Agreements matching every given filter, by id, with their status as of now. */
  list(filter?: AgreementFilter): Promise<Agreement[]>;
  /** Validates and records a new agreement; rejects with an `AgreementError` naming every problem. */
  create(agreement: NewAgreement, options?: CreateOptions): Promise<Agreement>;
  /**
   * Moves an agreement along its lifecycle (PENDING → APPROVED | REJECTED, APPROVED → REVOKED) and records the
   * change with its reason, actor and time. Rejecting and revoking need a reason.
   */
  setStatus(id: string, status: AgreementStatus, options: StatusChangeOptions): Promise<Agreement>;
  /** Status changes of one agreement, oldest first (empty when unknown). */
  history(id: string): Promise<AgreementStatusChange[]>;
  /** A counter that increases with every change to agreements, made by this or any other process. */
  version(): Promise<number>;
}
