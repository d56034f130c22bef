/**
 * The audit trail as its callers see it: append an entry and learn when it is durable, seal the head, find
 * records by whom they concern, export a range for an auditor. Asynchronous although the embedded SQLite trail
 * works synchronously, so a PostgreSQL trail can replace it without changing a caller. No method updates or
 * deletes a record.
 */
import type { KeyObject } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';

/** The key a seal is signed with: the gateway's ES256 key (`loadOrCreateGrantKey` returns one), or a department's. */
export interface SealSigner {
  privateKey: CryptoKey | KeyObject;
  kid: string;
}

export interface AuditFilter {
  /** Records whose time is at or after this instant (ISO string or Date). */
  from?: string | Date;
  /** Records whose time is before this instant. */
  to?: string | Date;
  /** The consumer department (the entry's `department`). */
  consumer?: string;
  /** A provider department that appears in the record. */
  provider?: string;
  /** An item (`Type.field`) served, masked or denied; with `provider`, by that provider. */
  item?: string;
  /** A subject key (resident ID, credit code) returned; with `provider`, by that provider. */
  subject?: string;
  /** `request`, or a workflow action such as `agreement.revoke`. */
  kind?: string;
  /** Records of every consumer but this one (the entry's `department`), and those without one (e.g. a resident's view leaves out residents' own requests). */
  notConsumer?: string;
}

export interface AuditPageRequest {
  /** How many records, 1 to 500. Default 50. */
  first?: number;
  /** The `endCursor` of the previous page; absent for the first page. */
  after?: string | null;
}

/** Newest first: by time descending, then sequence descending (records of the same millisecond, latest written first). */
export interface AuditPage {
  records: AuditRecord[];
  /** Pass as `after` for the next page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface AuditExportRange {
  /** Start of the time range, inclusive (ISO string or Date). */
  from: string | Date;
  /** End of the time range, exclusive. */
  to: string | Date;
}

export interface AuditStats {
  /** Transactions committed by this trail instance. */
  batches: number;
  /** Records those transactions wrote. */
  records: number;
  lastBatchSize: number;
  maxBatchSize: number;
}

export interface AuditHead {
  /** The last record's sequence; 0 when the trail is empty. */
  sequence: number;
  /** The last record's hash; 64 zeros when the trail is empty. */
  hash: string;
}

export interface AuditTrail {
  /**
   * Records `entry` and resolves with its record once the transaction holding it is durable. Rejects with a
   * TypeError when the entry is malformed, and with `AuditUnavailableError` when it could not be written: then
   * nothing of its batch was kept, and whatever it recorded must not be served.
   */
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** Signs and stores a checkpoint of the current head. Rejects when the head does not match the last record. */
  seal(signer: SealSigner): Promise<AuditSeal>;
  /** The current head, as stored (by any process). */
  head(): Promise<AuditHead>;
  /** Records matching every given filter, newest first, one page at a time. */
  query(filter?: AuditFilter, page?: AuditPageRequest): Promise<AuditPage>;
  /** How many records match every given filter (every page of `query`), in one snapshot; by subject, the records not yet indexed included. */
  count(filter?: AuditFilter): Promise<number>;
  /**
   * JSON Lines for an auditor, each string one line ending in `\n`: first the seals covering the exported records,
   * as `{"seal":{…}}`, then the records in sequence order with `sequence`, `previousHash` and `hash`. The records
   * are the contiguous sequence range from the first to the last record whose time is in [from, to), so the
   * chain inside the file is unbroken (a slow request's record may sit just outside the time range).
   */
  export(range: AuditExportRange): AsyncIterable<string>;
  /** Group-commit figures of this instance since it was opened. */
  stats(): AuditStats;
  /** Writes what is pending, stops automatic sealing; later appends reject. */
  close(): Promise<void>;
}

/** Where a request is recorded: anything that appends an entry and resolves once it is durable (a trail, a worker sink). */
export interface AuditSink {
  append(entry: AuditEntry): Promise<unknown>;
}
