/**
 * How a request ended, from its HTTP status and answer: the one classification the gateway's trail, each
 * department's access log and the metrics share, so a malformed request is never counted as a sharing denial.
 */
import type { AuditOutcome } from './types.ts';

const DENIAL_STATUSES = new Set([401, 403, 429]);

export function outcomeOf(status: number, errors: readonly { extensions?: { code?: unknown } }[], data: unknown): AuditOutcome {
  if (status >= 500) return 'error';
  if (DENIAL_STATUSES.has(status)) return 'denied';
  if (status >= 400) return 'rejected';
  if (errors.length === 0) return 'ok';
  if (data) return 'partial';
  return errors.every((error) => error.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE') ? 'denied' : 'error';
}
