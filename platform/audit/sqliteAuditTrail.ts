/**
 * The audit trail in the platform's SQLite database (the shared trail, `chainedTrail.ts`, with SQLite's batch
 * insert). A batch is one IMMEDIATE transaction with `synchronous = FULL`, so one fsync makes a whole batch durable,
 * written there and then by the group commit: prepared statements, no turn of the event loop inside.
 *
 * The subject index is written behind the chain: a record's commit lists it in `audit_unindexed`, and the subject
 * rows of up to `subjectBacklog.maxRecords` records (or those of the last `maxDelayMs`) are written later in one
 * transaction, sorted by subject, removing them from the list. A record of a fan-out names a few hundred subjects;
 * written with it, its rows land on as many B-tree pages, each a WAL frame at the commit (docs/PERFORMANCE.md,
 * "Audit"). A query by subject reads the listed records' content too, so it misses nothing meanwhile; a writer that
 * stops first leaves them listed, and the next one indexes them (rows are inserted OR IGNORE, so twice is harmless).
 */
import type Database from 'better-sqlite3';
import { sqliteDb } from '../store/sqliteDb.ts';
import { recordHashOfCanonical } from './canonical.ts';
import { ChainedAuditTrail, checkKnownOptions, checkTrailOptions, SHARED_OPTIONS, type ChainedTrailOptions } from './chainedTrail.ts';
import type { PendingEntry } from './groupCommit.ts';
import { indexTerms } from './indexTerms.ts';
import type { AuditHead } from './trail.ts';
import type { AuditEntry, AuditRecord } from './types.ts';

export interface SqliteAuditTrailOptions extends ChainedTrailOptions {
  /**
   * An open, migrated platform database: a connection of the trail's own, because the trail switches it to
   * `synchronous = FULL` (a commit is on disk before an append resolves). Required.
   */
  db: Database.Database;
  /**
   * The subject index written behind the chain: after this many records or milliseconds, whichever comes first.
   * Default { maxRecords: 200, maxDelayMs: 1000 }; null writes each record's subject rows in its commit.
   */
  subjectBacklog?: { maxRecords?: number; maxDelayMs?: number } | null;
}

/** The subject rows of a committed record, not written yet. */
interface UnindexedRecord {
  sequence: number;
  time: string;
  subjects: { subject: string; provider: string }[];
}

/** A record listed as unindexed by another writer is taken over once it is this old (that writer has stopped). */
const ORPHAN_AGE_MS = 10_000;
const KNOWN_OPTIONS = ['db', ...SHARED_OPTIONS, 'subjectBacklog'];

export class SqliteAuditTrail extends ChainedAuditTrail {
  /** The trail's connection, for its owner to close after `close()`. */
  readonly db: Database.Database;
  readonly #backlogLimits: { maxRecords: number; maxDelayMs: number } | null;
  /** Committed records of this writer whose subject rows are not written yet, in sequence order. */
  #backlog: UnindexedRecord[] = [];
  #backlogTimer: NodeJS.Timeout | null = null;
  readonly #write: (batch: PendingEntry[]) => { records: AuditRecord[]; unindexed: UnindexedRecord[] };
  readonly #writeSubjects: (records: readonly UnindexedRecord[]) => void;

  constructor(options: SqliteAuditTrailOptions) {
    checkOptions(options);
    const { db } = options;
    db.pragma('synchronous = FULL');
    super(options, { db: sqliteDb(db), insertSeal: 'INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) VALUES (?, ?, ?, ?, ?, ?)', subjectsBehind: true });
    this.db = db;
    this.#backlogLimits = options.subjectBacklog === null ? null : { maxRecords: 200, maxDelayMs: 1000, ...options.subjectBacklog };
    this.#writeSubjects = subjectWriter(db, this.now);
    this.#write = batchWriter(db, this.#backlogLimits !== null);
    // Records a writer that stopped left unindexed: indexed now.
    if (this.#backlogLimits) this.#flushSubjects();
  }

  protected writeBatch(batch: PendingEntry[]): AuditRecord[] {
    const { records, unindexed } = this.#write(batch);
    if (unindexed.length > 0) this.#deferSubjects(unindexed);
    return records;
  }

  protected get connected(): boolean {
    return this.db.open;
  }

  /** The subject rows still owed, written before the seal on close. */
  protected override async flush(): Promise<void> {
    if (this.#backlogTimer) clearTimeout(this.#backlogTimer);
    if (this.db.open) this.#flushSubjects();
  }

  /** Keeps the subject rows of just-committed records for the next write of the backlog. */
  #deferSubjects(records: UnindexedRecord[]): void {
    this.#backlog.push(...records);
    if (this.#backlog.length >= this.#backlogLimits!.maxRecords) {
      this.#flushSubjects();
      return;
    }
    if (!this.#backlogTimer) {
      this.#backlogTimer = setTimeout(() => this.#flushSubjects(), this.#backlogLimits!.maxDelayMs);
      this.#backlogTimer.unref();
    }
  }

  /** Writes the backlog's subject rows (and any another writer left behind); kept for the next try when that fails. */
  #flushSubjects(): void {
    if (this.#backlogTimer) clearTimeout(this.#backlogTimer);
    this.#backlogTimer = null;
    const records = this.#backlog;
    this.#backlog = [];
    try {
      this.#writeSubjects(records);
    } catch (error) {
      // The records are durable and listed as unindexed (queries still find them): retry with the next batch.
      this.#backlog = [...records, ...this.#backlog];
      this.onSealError(new Error(`writing the subject index failed (its records stay listed and found): ${(error as Error).message}`));
      if (!this.#backlogTimer && this.#backlogLimits) {
        this.#backlogTimer = setTimeout(() => this.#flushSubjects(), this.#backlogLimits.maxDelayMs);
        this.#backlogTimer.unref();
      }
    }
  }
}

/**
 * The batch transaction: chain from the stored head, insert records and their index rows, move the head. With
 * `deferSubjects`, a record's subject rows are not written but the record is listed as unindexed, and returned.
 */
function batchWriter(db: Database.Database, deferSubjects: boolean): (batch: PendingEntry[]) => { records: AuditRecord[]; unindexed: UnindexedRecord[] } {
  const headStatement = db.prepare('SELECT sequence, hash FROM audit_head WHERE id = 1');
  const insertRecord = db.prepare(`
    INSERT INTO audit_records (sequence, previous_hash, hash, time, consumer, kind, entry)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertProvider = db.prepare('INSERT INTO audit_record_providers (provider, time, sequence) VALUES (?, ?, ?)');
  const insertItem = db.prepare('INSERT INTO audit_record_items (item, time, sequence, provider, disposition) VALUES (?, ?, ?, ?, ?)');
  const insertSubject = db.prepare('INSERT INTO audit_record_subjects (subject, time, sequence, provider) VALUES (?, ?, ?, ?)');
  const moveHead = db.prepare('UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1');
  const listUnindexed = db.prepare('INSERT INTO audit_unindexed (sequence) VALUES (?)');

  const write = db.transaction((batch: PendingEntry[]) => {
    const head = headStatement.get() as AuditHead | undefined;
    if (!head) throw new Error('the audit_head row is missing (the store was altered)');
    let { sequence, hash: previousHash } = head;
    const records: AuditRecord[] = [];
    const unindexed: UnindexedRecord[] = [];
    for (const { entry, canonical } of batch) {
      sequence += 1;
      const hash = recordHashOfCanonical(previousHash, sequence, canonical);
      const terms = indexTerms(entry);
      insertRecord.run(sequence, previousHash, hash, terms.time, terms.consumer, terms.kind, canonical);
      for (const provider of terms.providers) insertProvider.run(provider, terms.time, sequence);
      for (const { item, provider, disposition } of terms.items) insertItem.run(item, terms.time, sequence, provider, disposition);
      if (!deferSubjects) {
        for (const { subject, provider } of terms.subjects) insertSubject.run(subject, terms.time, sequence, provider);
      } else if (terms.subjects.length > 0) {
        listUnindexed.run(sequence);
        unindexed.push({ sequence, time: terms.time, subjects: terms.subjects });
      }
      records.push({ ...entry, sequence, previousHash, hash });
      previousHash = hash;
    }
    moveHead.run(sequence, previousHash);
    return { records, unindexed };
  });
  // IMMEDIATE: take the write lock before reading the head, so no other process can chain from the same head.
  return (batch) => write.immediate(batch);
}

/**
 * Writes the subject rows of `records` and of records another writer left listed (older than ORPHAN_AGE_MS), sorted
 * by their key so that consecutive rows share B-tree pages, and removes them from the list; one transaction.
 */
function subjectWriter(db: Database.Database, now: () => Date): (records: readonly UnindexedRecord[]) => void {
  const insertSubject = db.prepare('INSERT OR IGNORE INTO audit_record_subjects (subject, time, sequence, provider) VALUES (?, ?, ?, ?)');
  const unlist = db.prepare('DELETE FROM audit_unindexed WHERE sequence = ?');
  const orphans = db.prepare(`
    SELECT r.sequence, r.entry FROM audit_unindexed u JOIN audit_records r ON r.sequence = u.sequence
    WHERE r.time < ? ORDER BY u.sequence LIMIT 1000`);
  const write = db.transaction((records: readonly UnindexedRecord[]) => {
    const mine = new Set(records.map((record) => record.sequence));
    const all = [...records];
    for (const row of orphans.all(new Date(now().getTime() - ORPHAN_AGE_MS).toISOString()) as { sequence: number; entry: string }[]) {
      if (mine.has(row.sequence)) continue;
      const terms = indexTerms(JSON.parse(row.entry) as AuditEntry);
      all.push({ sequence: row.sequence, time: terms.time, subjects: terms.subjects });
    }
    if (all.length === 0) return;
    const rows: [string, string, number, string][] = [];
    for (const { sequence, time, subjects } of all) for (const { subject, provider } of subjects) rows.push([subject, time, sequence, provider]);
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
    for (const row of rows) insertSubject.run(...row);
    for (const { sequence } of all) unlist.run(sequence);
  });
  return (records) => write.immediate(records);
}

function checkOptions(options: SqliteAuditTrailOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('SqliteAuditTrail: options must be an object with at least `db`.');
  checkKnownOptions(options, 'SqliteAuditTrail', KNOWN_OPTIONS);
  if (!options.db || typeof options.db.prepare !== 'function') {
    throw new TypeError('SqliteAuditTrail: option `db` is required (an open, migrated platform database connection of its own).');
  }
  checkTrailOptions(options, 'SqliteAuditTrail');
  const backlog = options.subjectBacklog;
  if (backlog !== undefined && backlog !== null) {
    for (const name of ['maxRecords', 'maxDelayMs'] as const) {
      const value = backlog[name];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new TypeError(`SqliteAuditTrail: option \`subjectBacklog.${name}\` must be a positive integer; got ${String(value)}.`);
    }
  }
}
