/**
 * The one error the workflow refuses with, so a caller (the platform subgraph) can map it to a response without
 * parsing messages: FORBIDDEN (the actor's department or roles do not allow it), INVALID (bad input; `problems`
 * lists every one found), NOT_FOUND, CONFLICT (the application or objection is no longer in a state that allows
 * it, e.g. decided twice) and UNAVAILABLE (the audit trail could not record the action, so nothing was changed).
 */

export type WorkflowErrorCode = 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE';

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  readonly code: WorkflowErrorCode;
  /** Every problem found, one sentence each (the message joins them after the subject). */
  readonly problems: readonly string[];

  /** `subject` says what was refused ("Cannot decide AGR-2026-0001"); the message is `subject: p1; p2.` */
  constructor(code: WorkflowErrorCode, subject: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`${subject}: ${problems.join('; ')}.`, options);
    this.code = code;
    this.problems = problems;
  }
}
