/**
 * The audit trail's records: one per request through the gateway (and per workflow action), written durably
 * before the response is sent, chained by hash so that rewriting or removing a record is detectable.
 */

/**
 * How a request ended: `ok` served whole; `partial` served with some fields withheld or failed; `denied` refused
 * by a sharing, identity or quota rule (401, 403, 429, or every field withheld); `rejected` refused as a malformed
 * or invalid request (400, 405, 413, 415: bad JSON, a syntax or validation error, a limit); `error` the platform
 * could not answer (5xx).
 */
export type AuditOutcome = 'ok' | 'partial' | 'denied' | 'rejected' | 'error';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'partial', 'denied', 'rejected', 'error'];

/** A department's signed report of one subgraph request, as the record keeps it (sharing/servedReport.ts). */
export interface ReportSeal {
  /** The request binding the department honoured. */
  grant: string;
  /** sha256 of the report's canonical JSON. */
  digest: string;
  /** The department's ES256 signature over it (base64url, IEEE P1363). */
  signature: string;
  kid: string;
}

/** What one provider department gave (or refused) the caller in one request. */
export interface ProviderAccess {
  /** Items served, `Type.field`, sorted. */
  served: string[];
  /** Items served masked. */
  masked: string[];
  /** Items denied. */
  denied: string[];
  /** Keys of the entities the provider returned data about: resident IDs, credit codes, certificate numbers; sorted, unique. */
  subjects: string[];
  /**
   * The provider's signed reports, one per subgraph request it answered, in the order answered; what `subjects`
   * and the served items come from. Absent for a provider that does not report (a foreign subgraph) and for
   * records written before departments reported.
   */
  reports?: ReportSeal[];
}

/** What the gateway records; the store adds sequence and hashes. */
export interface AuditEntry {
  /** ISO timestamp of the request's start. */
  time: string;
  requestId: string;
  /** Null when the caller could not be identified. */
  application: string | null;
  department: string | null;
  purpose: string | null;
  /** Agreement ids that granted something in this request. */
  agreements: string[];
  operationName: string | null;
  /** sha256 of the operation document as sent. */
  documentHash: string | null;
  /** Per provider department id. */
  providers: Record<string, ProviderAccess>;
  outcome: AuditOutcome;
  /** HTTP status of the response. */
  status: number;
  /** Why, for denied and error outcomes (e.g. the 401 reason). */
  reason: string | null;
  durationMs: number;
  /** `request` for gateway requests, or a workflow action such as `agreement.revoke`. */
  kind: string;
}

export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3… without gaps. */
  sequence: number;
  /** Hash of the previous record (64 zeros for the first). */
  previousHash: string;
  /** sha256 over previousHash and the canonical serialization of this record's entry and sequence. */
  hash: string;
}

/** A signed checkpoint of the chain head. */
export interface AuditSeal {
  /** 1, 2, 3… in the order seals were made; how a verification failure names a seal. */
  id: number;
  /** The record sealed: the chain head when the seal was made. */
  sequence: number;
  hash: string;
  time: string;
  /** Compact JWS (ES256, header `typ: govgraph-audit-seal`) over the canonical JSON of { hash, sequence, time }. */
  signature: string;
  kid: string;
}
