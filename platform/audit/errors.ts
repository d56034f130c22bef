/**
 * The one error a caller of the trail must act on: the entry could not be made durable, so whatever it was
 * recording must not happen (the gateway answers 503 and serves nothing). Nothing of the failed batch was kept.
 */
export class AuditUnavailableError extends Error {
  readonly code = 'AUDIT_UNAVAILABLE';

  constructor(what: string, options?: { cause?: unknown }) {
    super(
      `The audit trail could not record ${what}${causeText(options?.cause)}; nothing of it was kept. ` +
        'Serve nothing that needs a record until the platform store is writable again (check its disk, permissions and locks).',
      options,
    );
    this.name = 'AuditUnavailableError';
  }
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? ` (${cause.message})` : '';
}
