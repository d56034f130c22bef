/**
 * The audit trail in the platform's SQLite database, with group commit: the entries appended in one tick (or
 * within `maxBatchDelayMs`) are written in one IMMEDIATE transaction with `synchronous = FULL`, so one fsync
 * makes a whole batch durable, and each append resolves only after that commit. A failed commit rolls the batch
 * back whole and rejects every append in it; the chain is left as it was.
 *
 * Sequence numbers and hashes are assigned inside the transaction from the stored head, never from memory, so
 * several trail instances or processes appending to one file still form one chain. Seals are numbered the same
 * way, from the stored seals: the next id is the highest plus one, signed into the seal, and an insert that loses
 * the id to another sealer signs again with the next one, so ids never have a gap (sealCoverage.ts).
 *
 * The subject index is written behind the chain: a record's commit lists it in `audit_unindexed`, and the subject
 * rows of up to `subjectBacklog.maxRecords` records (or those of the last `maxDelayMs`) are written later in one
 * transaction, sorted by subject, removing them from the list. A record of a fan-out names a few hundred subjects;
 * written with it, its rows land on as many B-tree pages, each a WAL frame at the commit (docs/PERFORMANCE.md,
 * "Audit"). A query by subject reads the listed records' content too, so it misses nothing meanwhile; a writer that
 * stops first leaves them listed, and the next one indexes them (rows are inserted OR IGNORE, so twice is harmless).
 */
import type Database from 'better-sqlite3';
import { canonicalJson, recordHashOfCanonical } from './canonical.ts';
import { appendAnchor, checkSealAnchor, type SealAnchor } from './anchors.ts';
import { GroupCommit, type PendingEntry } from './groupCommit.ts';
import { indexTerms } from './indexTerms.ts';
import { signSeal } from './seals.ts';
import { auditBacklogQuery, auditCountQuery, auditQuery, encodeCursor, instant } from './sqliteAuditQuery.ts';
import type { AuditExportRange, AuditFilter, AuditHead, AuditPage, AuditPageRequest, AuditStats, AuditTrail, SealSigner } from './trail.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';

export interface SqliteAuditTrailOptions {
  /**
   * An open, migrated platform database: a connection of the trail's own, because the trail switches it to
   * `synchronous = FULL` (a commit is on disk before an append resolves). Required.
   */
  db: Database.Database;
  /** How long the first entry of a batch waits for others, in milliseconds. Default 0: the batch is what arrived before the next `setImmediate`. */
  maxBatchDelayMs?: number;
  /** Most entries in one transaction; the rest go in the next. Default 1000. */
  batchLimit?: number;
  /** Signs automatic seals. Default none: no automatic sealing (`seal()` can still be called). */
  sealSigner?: SealSigner;
  /** With a signer, seal when the head is this many records past the last seal. Default 1000; 0 turns it off. */
  sealEvery?: number;
  /** With a signer, seal every this many milliseconds when records were added since the last seal. Default 0: off. */
  sealIntervalMs?: number;
  /** Where each seal is anchored as it is made (anchors.ts). Default none. */
  anchor?: SealAnchor | null;
  /** The clock for seal times. Default `() => new Date()`. */
  now?: () => Date;
  /** Told when an automatic seal (or its anchor) fails (the records are durable regardless). Default: logs to stderr. */
  onSealError?: (error: unknown) => void;
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

interface RecordRow { sequence: number; previous_hash: string; hash: string; entry: string }
interface SealRow { id: number; sequence: number; hash: string; time: string; kid: string; signature: string }

const KNOWN_OPTIONS = new Set(['db', 'maxBatchDelayMs', 'batchLimit', 'sealSigner', 'sealEvery', 'sealIntervalMs', 'anchor', 'now', 'onSealError', 'subjectBacklog']);
const EXPORT_CHUNK = 500;
/** Attempts at a seal id another sealer keeps taking first. */
const SEAL_ID_ATTEMPTS = 5;

export class SqliteAuditTrail implements AuditTrail {
  /** The trail's connection, for its owner to close after `close()`. */
  readonly db: Database.Database;
  readonly #commits: GroupCommit;
  readonly #signer: SealSigner | undefined;
  readonly #sealEvery: number;
  readonly #now: () => Date;
  readonly #onSealError: (error: unknown) => void;
  readonly #anchor: SealAnchor | null;
  readonly #statements: Record<'head' | 'lastRecord' | 'lastSeal' | 'nextSealId' | 'insertSeal' | 'exportBounds' | 'sealsBetween' | 'recordsBetween', Database.Statement>;
  readonly #queries = new Map<string, Database.Statement>();
  #sealInterval: NodeJS.Timeout | null = null;
  #sealing: Promise<unknown> | null = null;
  #lastSealed: number;
  readonly #backlogLimits: { maxRecords: number; maxDelayMs: number } | null;
  /** Committed records of this writer whose subject rows are not written yet, in sequence order. */
  #backlog: UnindexedRecord[] = [];
  #backlogTimer: NodeJS.Timeout | null = null;
  readonly #writeSubjects: (records: readonly UnindexedRecord[]) => void;
  readonly #backlogQueries = new Map<string, Database.Statement>();

  constructor(options: SqliteAuditTrailOptions) {
    checkOptions(options);
    const { db } = options;
    this.db = db;
    this.#signer = options.sealSigner;
    this.#sealEvery = options.sealEvery ?? 1000;
    this.#now = options.now ?? (() => new Date());
    this.#onSealError = options.onSealError ?? ((error) => console.error(`Automatic audit seal failed: ${error instanceof Error ? error.message : String(error)}`));
    this.#anchor = options.anchor ?? null;
    db.pragma('synchronous = FULL');

    this.#statements = {
      head: db.prepare('SELECT sequence, hash FROM audit_head WHERE id = 1'),
      lastRecord: db.prepare('SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1'),
      lastSeal: db.prepare('SELECT coalesce(max(sequence), 0) FROM audit_seals').pluck(),
      nextSealId: db.prepare('SELECT coalesce(max(id), 0) + 1 FROM audit_seals').pluck(),
      insertSeal: db.prepare('INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) VALUES (@id, @sequence, @hash, @time, @kid, @signature)'),
      exportBounds: db.prepare('SELECT min(sequence) AS first, max(sequence) AS last FROM audit_records WHERE time >= @from AND time < @to'),
      sealsBetween: db.prepare('SELECT id, sequence, hash, time, kid, signature FROM audit_seals WHERE sequence BETWEEN ? AND ? ORDER BY sequence, id'),
      recordsBetween: db.prepare('SELECT sequence, previous_hash, hash, entry FROM audit_records WHERE sequence BETWEEN ? AND ? ORDER BY sequence'),
    };
    this.#backlogLimits = options.subjectBacklog === null ? null : { maxRecords: 200, maxDelayMs: 1000, ...options.subjectBacklog };
    this.#writeSubjects = subjectWriter(db, this.#now);
    const write = batchWriter(db, this.#statements.head, this.#backlogLimits !== null);
    this.#commits = new GroupCommit({
      maxBatchDelayMs: options.maxBatchDelayMs ?? 0,
      batchLimit: options.batchLimit ?? 1000,
      write: (batch) => {
        const { records, unindexed } = write(batch);
        if (unindexed.length > 0) this.#deferSubjects(unindexed);
        return records;
      },
      committed: () => {
        if (this.#sealEvery > 0) this.#sealIfBehind(this.#sealEvery);
      },
    });
    // Records a writer that stopped left unindexed: indexed now.
    if (this.#backlogLimits) this.#flushSubjects();
    this.#lastSealed = this.#statements.lastSeal.get() as number;
    const interval = options.sealIntervalMs ?? 0;
    if (this.#signer && interval > 0) {
      this.#sealInterval = setInterval(() => this.#sealIfBehind(1), interval);
      this.#sealInterval.unref();
    }
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    return this.#commits.append(entry);
  }

  async seal(signer: SealSigner): Promise<AuditSeal> {
    if (!signer || typeof signer.kid !== 'string' || !signer.privateKey) {
      throw new TypeError('Audit seal: the signer must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).');
    }
    const head = this.#checkedHead();
    for (let attempt = 1; ; attempt += 1) {
      const id = this.#statements.nextSealId.get() as number;
      const time = this.#now().toISOString();
      const seal: AuditSeal = { id, ...head, time, kid: signer.kid, signature: await signSeal(signer, { id, ...head, time }) };
      try {
        this.#statements.insertSeal.run(seal);
      } catch (error) {
        // Another sealer (a worker, a process) stored seal `id` meanwhile: sign again as the next one.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && attempt < SEAL_ID_ATTEMPTS) continue;
        throw error;
      }
      this.#lastSealed = Math.max(this.#lastSealed, head.sequence);
      if (this.#anchor) appendAnchor(this.#anchor, seal);
      return seal;
    }
  }

  async head(): Promise<AuditHead> {
    return this.#statements.head.get() as AuditHead;
  }

  async query(filter: AuditFilter = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
    const { sql, params, first } = auditQuery(filter, page);
    let statement = this.#queries.get(sql);
    if (!statement) this.#queries.set(sql, (statement = this.db.prepare(sql)));
    let rows: RecordRow[];
    if (filter.subject === undefined) {
      rows = statement.all(params) as RecordRow[];
    } else {
      // The index, and the records whose subject rows are not written yet, read in one snapshot and merged.
      const backlog = auditBacklogQuery(filter, page);
      let unindexed = this.#backlogQueries.get(backlog.sql);
      if (!unindexed) this.#backlogQueries.set(backlog.sql, (unindexed = this.db.prepare(backlog.sql)));
      const [indexed, listed] = this.db.transaction(() => [statement.all(params), unindexed!.all(backlog.params)] as [RecordRow[], RecordRow[]])();
      rows = mergeNewestFirst(indexed, listed);
    }
    const records = rows.slice(0, first).map(toRecord);
    return { records, endCursor: records.length > 0 ? encodeCursor(records.at(-1)!) : null, hasNextPage: rows.length > first };
  }

  async count(filter: AuditFilter = {}): Promise<number> {
    const { sql, params } = auditCountQuery(filter);
    let statement = this.#queries.get(sql);
    if (!statement) this.#queries.set(sql, (statement = this.db.prepare(sql).pluck()));
    return statement.get(params) as number;
  }

  async *export(range: AuditExportRange): AsyncIterable<string> {
    const from = instant(range?.from, 'from');
    const to = instant(range?.to, 'to');
    if (to <= from) throw new TypeError(`Audit export: \`to\` (${to}) must be after \`from\` (${from}).`);
    const { first, last } = this.#statements.exportBounds.get({ from, to }) as { first: number | null; last: number | null };
    if (first === null || last === null) return;
    for (const row of this.#statements.sealsBetween.all(first, last) as SealRow[]) yield `${canonicalJson({ seal: row })}\n`;
    for (let start = first; start <= last; start += EXPORT_CHUNK) {
      const rows = this.#statements.recordsBetween.all(start, Math.min(last, start + EXPORT_CHUNK - 1)) as RecordRow[];
      for (const row of rows) yield `${canonicalJson(toRecord(row))}\n`;
    }
  }

  stats(): AuditStats {
    return this.#commits.stats();
  }

  /** Writes what is pending (records, then their subject rows), then (with a signer) seals the head if records were added since the last seal. */
  async close(): Promise<void> {
    if (this.#sealInterval) clearInterval(this.#sealInterval);
    await this.#commits.close();
    if (this.#backlogTimer) clearTimeout(this.#backlogTimer);
    if (this.db.open) this.#flushSubjects();
    await this.#sealing;
    if (!this.#signer || !this.db.open) return;
    try {
      if (this.#recordsUnsealed() > 0) await this.seal(this.#signer);
    } catch (error) {
      this.#onSealError(error);
    }
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
      this.#onSealError(new Error(`writing the subject index failed (its records stay listed and found): ${(error as Error).message}`));
      if (!this.#backlogTimer && this.#backlogLimits) {
        this.#backlogTimer = setTimeout(() => this.#flushSubjects(), this.#backlogLimits.maxDelayMs);
        this.#backlogTimer.unref();
      }
    }
  }

  /** Records past the newest seal in the store (by this or any other sealer). */
  #recordsUnsealed(): number {
    const head = this.#statements.head.get() as AuditHead;
    return head.sequence - Math.max(this.#lastSealed, this.#statements.lastSeal.get() as number);
  }

  /** Starts an automatic seal when the head is at least `behind` records past the last seal and none is running. */
  #sealIfBehind(behind: number): void {
    if (!this.#signer || this.#sealing || this.#commits.closed) return;
    let unsealed: number;
    try {
      // Every minute (behind = 1) the stored seals are read: another sealer may have sealed the head already.
      unsealed = behind === 1 ? this.#recordsUnsealed() : (this.#statements.head.get() as AuditHead).sequence - this.#lastSealed;
    } catch (error) {
      this.#onSealError(error);
      return;
    }
    if (unsealed < behind) return;
    this.#sealing = this.seal(this.#signer)
      .catch((error: unknown) => this.#onSealError(error))
      .finally(() => (this.#sealing = null));
  }

  /** The stored head, refused when it disagrees with the last record: a seal must never vouch for a broken head. */
  #checkedHead(): AuditHead {
    const read = this.db.transaction(() => [this.#statements.head.get(), this.#statements.lastRecord.get()] as [AuditHead | undefined, AuditHead | undefined]);
    const [head, last] = read();
    const lastRecord = last ?? { sequence: 0, hash: head?.hash ?? '' };
    if (!head || head.sequence !== lastRecord.sequence || head.hash !== lastRecord.hash) {
      throw new Error(
        `Audit seal refused: the head marker (${head ? `record ${head.sequence}` : 'missing'}) does not match the last record ` +
          `(${last ? `record ${last.sequence}` : 'none'}). Run \`npm run audit:verify\` to find what was changed.`,
      );
    }
    return { sequence: head.sequence, hash: head.hash };
  }
}

/**
 * The batch transaction: chain from the stored head, insert records and their index rows, move the head. With
 * `deferSubjects`, a record's subject rows are not written but the record is listed as unindexed, and returned.
 */
function batchWriter(db: Database.Database, headStatement: Database.Statement, deferSubjects: boolean): (batch: PendingEntry[]) => { records: AuditRecord[]; unindexed: UnindexedRecord[] } {
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

/** Two pages of rows, each newest first by (time, sequence), merged; a record in both is kept once. */
function mergeNewestFirst(a: RecordRow[], b: RecordRow[]): RecordRow[] {
  if (b.length === 0) return a;
  const seen = new Set(a.map((row) => row.sequence));
  const merged = [...a, ...b.filter((row) => !seen.has(row.sequence))];
  const time = (row: RecordRow) => (row as RecordRow & { time: string }).time;
  return merged.sort((x, y) => (time(x) < time(y) ? 1 : time(x) > time(y) ? -1 : y.sequence - x.sequence));
}

function toRecord(row: RecordRow): AuditRecord {
  return { ...(JSON.parse(row.entry) as AuditEntry), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
}

function checkOptions(options: SqliteAuditTrailOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('SqliteAuditTrail: options must be an object with at least `db`.');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`SqliteAuditTrail: unknown option \`${key}\` (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
  }
  if (!options.db || typeof options.db.prepare !== 'function') {
    throw new TypeError('SqliteAuditTrail: option `db` is required (an open, migrated platform database connection of its own).');
  }
  const counts: [keyof SqliteAuditTrailOptions, number][] = [['maxBatchDelayMs', 0], ['batchLimit', 1], ['sealEvery', 0], ['sealIntervalMs', 0]];
  for (const [name, minimum] of counts) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < minimum)) {
      throw new TypeError(`SqliteAuditTrail: option \`${name}\` must be an integer of at least ${minimum}; got ${String(value)}.`);
    }
  }
  const signer = options.sealSigner;
  if (signer !== undefined && (typeof signer !== 'object' || signer === null || !signer.privateKey || typeof signer.kid !== 'string')) {
    throw new TypeError('SqliteAuditTrail: option `sealSigner` must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).');
  }
  const backlog = options.subjectBacklog;
  if (backlog !== undefined && backlog !== null) {
    for (const name of ['maxRecords', 'maxDelayMs'] as const) {
      const value = backlog[name];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new TypeError(`SqliteAuditTrail: option \`subjectBacklog.${name}\` must be a positive integer; got ${String(value)}.`);
    }
  }
  for (const name of ['now', 'onSealError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`SqliteAuditTrail: option \`${name}\` must be a function.`);
  }
  if (options.anchor != null) checkSealAnchor(options.anchor, 'SqliteAuditTrail');
}
