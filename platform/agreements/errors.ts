/** The one error type agreement stores reject with, so callers can tell a bad request from a broken store. */

export type AgreementErrorCode = 'INVALID_AGREEMENT' | 'AGREEMENT_EXISTS' | 'AGREEMENT_NOT_FOUND' | 'INVALID_STATUS_CHANGE';

export class AgreementError extends Error {
  override readonly name = 'AgreementError';
  readonly code: AgreementErrorCode;
  /** Every problem found, one sentence each (the message joins them). */
  readonly problems: readonly string[];

  constructor(code: AgreementErrorCode, subject: string, problems: readonly string[]) {
    super(`${subject}: ${problems.join('; ')}.`);
    this.code = code;
    this.problems = problems;
  }
}
