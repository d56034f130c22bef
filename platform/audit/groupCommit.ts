/**
 * Group commit for an audit trail, whatever its database: appends queue up, and the entries that arrived before
 * the next `setImmediate` (or within `maxBatchDelayMs`) are handed to the trail's `write` as one batch, at most
 * `batchLimit` at a time and one batch at a time. Each append settles with its batch: resolved with its record
 * once `write` returned, or rejected, with every other append of the batch, with one `AuditUnavailableError`
 * when `write` failed (then the database kept nothing of the batch: `write` is one transaction). Each entry is checked
 * and its strings bounded (recordedText.ts) as it is appended: the record is of the bounded entry.
 *
 * A synchronous `write` (SQLite) runs its batch there and then; an asynchronous one (PostgreSQL) runs one batch at a
 * time per queue, and what arrives meanwhile forms the next batch.
 */
import { canonicalJson } from './canonical.ts';
import { checkAuditEntry } from './entryValidation.ts';
import { AuditUnavailableError } from './errors.ts';
import { boundedEntry } from './recordedText.ts';
import type { AuditStats } from './trail.ts';
import type { AuditEntry, AuditRecord } from './types.ts';

/** An entry waiting for its batch, with its canonical JSON (what its hash is computed over). */
export interface PendingEntry {
  entry: AuditEntry;
  canonical: string;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** How long the first entry of a batch waits for others, in milliseconds; 0: until the next `setImmediate`. */
  maxBatchDelayMs: number;
  /** Most entries in one batch; the rest go in the next. */
  batchLimit: number;
  /** Writes the batch in one transaction, returning its records in the batch's order; throws (rejects) having kept nothing. */
  write: (batch: PendingEntry[]) => AuditRecord[] | Promise<AuditRecord[]>;
  /** Told of each committed batch's records, after their appends resolved (where a trail decides to seal). */
  committed: (records: AuditRecord[]) => void;
}

export class GroupCommit {
  readonly #options: GroupCommitOptions;
  readonly #stats: AuditStats = { batches: 0, records: 0, lastBatchSize: 0, maxBatchSize: 0 };
  #pending: PendingEntry[] = [];
  #scheduled: { cancel: () => void } | null = null;
  #writing: Promise<void> | null = null;
  #closed = false;

  constructor(options: GroupCommitOptions) {
    this.#options = options;
  }

  /** True once `close()` was called: appends reject, and a trail starts no more seals. */
  get closed(): boolean {
    return this.#closed;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    if (this.#closed) {
      return Promise.reject(new AuditUnavailableError(`request ${String(entry?.requestId)}`, { cause: new Error('the trail is closed') }));
    }
    let canonical: string;
    let bounded: AuditEntry;
    try {
      // Every recorded string bounded (control characters stripped, long text cut with a marker): recordedText.ts.
      bounded = boundedEntry(checkAuditEntry(entry));
      canonical = canonicalJson(bounded);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#pending.push({ entry: bounded, canonical, resolve, reject });
      this.#schedule();
    });
  }

  stats(): AuditStats {
    return { ...this.#stats };
  }

  /** Refuses later appends and writes every pending entry (synchronously when `write` is). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#scheduled?.cancel();
    this.#scheduled = null;
    if (this.#writing) await this.#writing;
    while (this.#pending.length > 0) {
      const flushing = this.#flush();
      if (flushing) await flushing;
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return;
    if (this.#options.maxBatchDelayMs === 0) {
      const immediate = setImmediate(() => this.#flushScheduled());
      this.#scheduled = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(() => this.#flushScheduled(), this.#options.maxBatchDelayMs);
      this.#scheduled = { cancel: () => clearTimeout(timeout) };
    }
  }

  #flushScheduled(): void {
    this.#scheduled = null;
    const flushing = this.#flush();
    if (!flushing) {
      if (this.#pending.length > 0) this.#schedule();
      return;
    }
    this.#writing = flushing.finally(() => {
      this.#writing = null;
      if (this.#pending.length > 0 && !this.#closed) this.#schedule();
    });
  }

  /** Writes up to `batchLimit` pending entries as one batch; a promise only while an asynchronous write is under way. */
  #flush(): Promise<void> | undefined {
    const batch = this.#pending.splice(0, this.#options.batchLimit);
    if (batch.length === 0) return undefined;
    let written: AuditRecord[] | Promise<AuditRecord[]>;
    try {
      written = this.#options.write(batch);
    } catch (error) {
      this.#fail(batch, error);
      return undefined;
    }
    if (Array.isArray(written)) {
      this.#settle(batch, written);
      return undefined;
    }
    return written.then((records) => this.#settle(batch, records), (error: unknown) => this.#fail(batch, error));
  }

  #settle(batch: PendingEntry[], records: AuditRecord[]): void {
    this.#stats.batches += 1;
    this.#stats.records += records.length;
    this.#stats.lastBatchSize = records.length;
    this.#stats.maxBatchSize = Math.max(this.#stats.maxBatchSize, records.length);
    batch.forEach((pending, index) => pending.resolve(records[index]!));
    this.#options.committed(records);
  }

  #fail(batch: PendingEntry[], error: unknown): void {
    const failure = new AuditUnavailableError(`a batch of ${batch.length} entr${batch.length === 1 ? 'y' : 'ies'}`, { cause: error });
    for (const pending of batch) pending.reject(failure);
  }
}
