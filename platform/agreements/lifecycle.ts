/**
 * An agreement's lifecycle. A provider answers an application (PENDING) by approving or rejecting it, and may
 * later revoke an approved one; rejected and revoked are final (a new application starts over). EXPIRED is
 * never a stored state: an approved agreement simply stops granting at its validUntil, whatever is stored.
 */
import type { AgreementStatus } from '../../sharing/types.ts';

export type StoredStatus = Exclude<AgreementStatus, 'EXPIRED'>;

const NEXT: Record<StoredStatus, readonly StoredStatus[]> = {
  PENDING: ['APPROVED', 'REJECTED'],
  APPROVED: ['REVOKED'],
  REJECTED: [],
  REVOKED: [],
};

/** Statuses that must say why (the Regulations require reasons for a refusal). */
const NEEDS_REASON: ReadonlySet<AgreementStatus> = new Set(['REJECTED', 'REVOKED']);

/** Why the change is not allowed (completing "Cannot set agreement X to Y: …"), or null when it is. */
export function statusChangeProblem(from: StoredStatus, to: AgreementStatus, reason: string | undefined): string | null {
  if (to === 'EXPIRED') return 'EXPIRED is never set; an approved agreement expires by itself at its validUntil';
  const allowed = NEXT[from];
  if (!allowed.includes(to)) {
    return allowed.length === 0
      ? `it is ${from}, which is final (a new application starts over)`
      : `it is ${from}; from ${from} only ${allowed.join(' or ')} may follow`;
  }
  if (NEEDS_REASON.has(to) && (reason === undefined || reason.trim() === '')) {
    return `${to === 'REVOKED' ? 'a revocation' : 'a rejection'} needs a reason`;
  }
  return null;
}

export function isStoredStatus(value: string): value is StoredStatus {
  return Object.hasOwn(NEXT, value);
}
