/**
 * Every workflow action is an audit record, written before the action takes effect: the record is appended and
 * made durable first, and only then is the change written. So if the audit trail cannot record, the action
 * fails with UNAVAILABLE and nothing is changed. The change itself is one transaction; if it fails after its
 * record was written (another process decided the same application in between, or the disk failed), a second
 * record of the same kind and request id with outcome `error` says it was not carried out (best effort: should
 * that append fail too, the agreement's status history, which moves only with the change, is the authority).
 * Refusals (FORBIDDEN, INVALID, NOT_FOUND, CONFLICT) are recorded with outcome `denied`; they change nothing, so
 * a refusal whose record cannot be written is still a refusal.
 *
 * How a workflow record lists items (the trail has no bucket for "applied for"): under the provider, `served`
 * holds the items the consumer may have after the action (approved, or, for objections, the item it received and
 * disputes; for a dispute's resolution, those the agreement it names grants) and `denied` the items it may not
 * (applied for and pending, rejected, revoked, narrowed away, in dispute); `subjects` holds an objection's subject
 * key (also when a dispute about it is raised). So a query by item or subject finds the workflow records too,
 * told apart from requests by `kind`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AgreementError } from '../agreements/errors.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { AuditEntry, AuditOutcome } from '../audit/types.ts';
import { WorkflowError, type WorkflowErrorCode } from './errors.ts';

export type WorkflowKind =
  | 'agreement.apply' | 'agreement.approve' | 'agreement.reject' | 'agreement.revoke' | 'objection.report' | 'objection.answer'
  | 'dispute.raise' | 'dispute.escalate' | 'dispute.outcome' | 'correction.request';

/** What one workflow action concerns, for its audit record. */
export interface ActionFacts {
  kind: WorkflowKind;
  /** The caller as given (possibly malformed: a refusal of an unidentified caller is recorded too). */
  actor: unknown;
  provider: string | null;
  /** Items the consumer may have after the action. */
  granted?: readonly string[];
  /** Items it may not. */
  withheld?: readonly string[];
  subjects?: readonly string[];
  agreementId?: string | null;
  purpose?: string | null;
  /** The reason or note the actor gave. */
  reason?: string | null;
}

const STATUS: Record<WorkflowErrorCode, number> = { FORBIDDEN: 403, INVALID: 400, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 };

export class WorkflowAuditor {
  readonly #audit: AuditTrail;
  readonly #now: () => Date;

  constructor(audit: AuditTrail, now: () => Date) {
    this.#audit = audit;
    this.#now = now;
  }

  /** A timer for the record's `durationMs`; start it when the action starts. */
  start(): () => number {
    const started = performance.now();
    return () => Math.max(0, Math.round(performance.now() - started));
  }

  /** Records the action, then runs `effect`; `effect` never runs unless the record is durable. */
  async perform<T>(facts: ActionFacts, subject: string, elapsed: () => number, effect: () => Promise<T>): Promise<T> {
    const entry = this.#entry(facts, 'ok', 200, facts.reason ?? null, elapsed());
    try {
      await this.#audit.append(entry);
    } catch (cause) {
      throw new WorkflowError('UNAVAILABLE', subject, [
        'the audit trail could not record the action, so nothing was changed; retry once the platform store is writable again',
      ], { cause });
    }
    try {
      return await effect();
    } catch (error) {
      const failure = asConflict(error, subject);
      const status = failure instanceof WorkflowError ? STATUS[failure.code] : 500;
      const reason = `not carried out: ${failure instanceof Error ? failure.message : String(failure)}`;
      await this.#audit.append({ ...this.#entry(facts, 'error', status, reason, elapsed()), requestId: entry.requestId }).catch(() => undefined);
      throw failure;
    }
  }

  /** Records a refusal (best effort) and returns it for the caller to throw. */
  async refuse(facts: ActionFacts, error: WorkflowError, elapsed: () => number): Promise<WorkflowError> {
    await this.#audit.append(this.#entry(facts, 'denied', STATUS[error.code], error.message, elapsed())).catch(() => undefined);
    return error;
  }

  #entry(facts: ActionFacts, outcome: AuditOutcome, status: number, reason: string | null, durationMs: number): AuditEntry {
    const actor = (typeof facts.actor === 'object' && facts.actor !== null ? facts.actor : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    const strings = (list: unknown) => [...new Set((Array.isArray(list) ? list : []).filter((item): item is string => typeof item === 'string'))].sort();
    const provider = text(facts.provider);
    return {
      kind: facts.kind,
      time: this.#now().toISOString(),
      requestId: text(actor.requestId) ?? randomUUID(),
      application: text(actor.application),
      department: text(actor.department),
      purpose: text(facts.purpose),
      agreements: facts.agreementId ? [facts.agreementId] : [],
      operationName: null,
      documentHash: null,
      providers: provider
        ? { [provider]: { served: strings(facts.granted), masked: [], denied: strings(facts.withheld), subjects: strings(facts.subjects) } }
        : {},
      outcome,
      status,
      reason,
      durationMs,
    };
  }
}

/** A lifecycle refusal from the store means the state changed after the action's checks: a conflict. */
function asConflict(error: unknown, subject: string): unknown {
  if (!(error instanceof AgreementError)) return error;
  return new WorkflowError(error.code === 'INVALID_AGREEMENT' ? 'INVALID' : 'CONFLICT', subject, error.problems, { cause: error });
}
