/**
 * The audit trail's records: one per request through the gateway (and per workflow action), written durably
 * before the response is sent, chained by hash so that rewriting or removing a record is detectable.
 */

export type AuditOutcome = 'ok' | 'partial' | 'denied' | 'error';

/** What one provider department gave (or refused) the caller in one request. */
export interface ProviderAccess {
  /** Items served, `Type.field`, sorted. */
  served: string[];
  /** Items served masked. */
  masked: string[];
  /** Items denied. */
  denied: string[];
  /** Subject keys returned or looked up: resident IDs, credit codes, certificate numbers; sorted, unique. */
  subjects: string[];
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
