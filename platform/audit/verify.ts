/**
 * Verifies a trail, from the platform database or from exported JSON Lines: recomputes every hash in sequence
 * order, finds missing records, checks each seal's signature against the gateway JWKS and that the record it
 * seals still has the hash it sealed, and finds truncation (a seal, the head marker or index rows beyond the last
 * record). It finds missing seals too (sealCoverage.ts): a gap in the seal ids, a seal renumbered, more records in
 * a row than the sealing schedule leaves unsealed, and (in a store) records older than it allows after the last
 * seal; and, given the trail's anchor file (anchors.ts), every anchored seal must be in the store as anchored.
 * The answer is the first problem in sequence order, or the counts of what was checked.
 *
 * From a store, SQLite or PostgreSQL (`verifyStore`), it also checks that each record's index rows (consumer, time,
 * kind, providers, items, subjects) match its content, because an altered index row hides a record from the people it
 * concerns without touching the chain. It reads the seals, then the records in one read snapshot, so appends by other
 * processes do not race it; records a chunk at a time, their index rows as each dialect's indexes allow (`IndexReader`).
 */
import type Database from 'better-sqlite3';
import type { JWK } from 'jose';
import type { Db, Dialect, Tx, Work } from '../store/db.ts';
import { sqliteDb } from '../store/sqliteDb.ts';
import type { AnchoredSeal } from './anchors.ts';
import { ChainChecker, type VerifyFailure } from './chainChecker.ts';
import { indexTerms } from './indexTerms.ts';
import { coverageLimits, SEAL_POLICY, SealCoverage, sealIdProblem, type SealPolicy } from './sealCoverage.ts';
import { openSeal } from './seals.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';

export type { VerifyFailure } from './chainChecker.ts';

/** Records read per round trip. */
const CHUNK = 1000;

export type VerifyResult =
  | {
    ok: true;
    records: number;
    seals: number;
    last: { sequence: number; hash: string } | null;
    /** With `anchors`: how many anchored seals were found in the store as anchored (all of them, when ok). */
    anchored?: number;
  }
  | VerifyFailure;

/** A line of an export: its text, or the parsed record or `{ seal }`. */
export type AuditLine = string | AuditRecord | { seal: AuditSeal };

export interface VerifyOptions {
  /** The public key set the seals were signed with (`{ keys }`: the gateway's, a department's or the sealing key's). */
  jwks: { keys: JWK[] };
  /**
   * The trail's seals as its anchor file holds them (`readAnchors`): each must be in the store as anchored, and its
   * record must still have the hash it sealed. Stores only (an export holds a range). Default none.
   */
  anchors?: readonly AnchoredSeal[];
  /**
   * The schedule the trail was sealed on: seals missing from it fail the verification. `null` skips those checks
   * (only for a trail nobody seals on purpose). Default `SEAL_POLICY` (every 1,000 records and every minute).
   */
  sealPolicy?: SealPolicy | null;
  /** The verification's clock, for the age of unsealed records (stores only). Default now. */
  now?: Date;
}

export async function verifyTrail(
  source: Database.Database | Iterable<AuditLine> | AsyncIterable<AuditLine>,
  options: VerifyOptions,
): Promise<VerifyResult> {
  checkVerifyOptions(options, 'verifyTrail');
  return isDatabase(source) ? verifyStore(sqliteDb(source), options, streamedIndexRows(source)) : verifyLines(source, options);
}

export function checkVerifyOptions(options: VerifyOptions, owner: string): void {
  if (!options?.jwks || !Array.isArray(options.jwks.keys)) {
    throw new TypeError(`${owner}: option \`jwks\` is required ({ keys: [...] }, the gateway JWKS).`);
  }
  if (options.anchors !== undefined && !Array.isArray(options.anchors)) throw new TypeError(`${owner}: option \`anchors\` must be a list (readAnchors).`);
  if (options.now !== undefined && !(options.now instanceof Date && Number.isFinite(options.now.getTime()))) {
    throw new TypeError(`${owner}: option \`now\` must be a valid Date.`);
  }
  if (options.sealPolicy) coverageLimits(options.sealPolicy);
}

/** What a store's verification starts from: the checker holding every seal (and anchored copy), and the problems of the seal set. */
export interface StoreSealCheck {
  checker: ChainChecker;
  /** A problem of the seals as a set (an id gap, a renumbered seal, an anchor that differs); compared with the chain's by sequence. */
  early: VerifyFailure | null;
  /** Anchored seals found in the store exactly as anchored. */
  anchored: number;
}

/** Opens every stored seal, checks the set, and registers each (and each anchored copy the store lacks) with a strict checker. */
export async function checkStoreSeals(seals: readonly AuditSeal[], options: VerifyOptions): Promise<StoreSealCheck> {
  const policy = options.sealPolicy === undefined ? SEAL_POLICY : options.sealPolicy;
  const coverage = policy ? new SealCoverage({ limits: coverageLimits(policy), now: (options.now ?? new Date()).getTime() }) : null;
  const checker = new ChainChecker({ start: 'strict', coverage });
  const opened = [];
  for (const seal of seals) opened.push({ ...seal, check: await openSeal(seal.signature, options.jwks) });
  let early = sealIdProblem(opened.map((seal) => ({ id: seal.id, sequence: seal.sequence, signedId: seal.check.ok ? seal.check.claim.id : undefined })));
  const keep = (failure: VerifyFailure) => {
    if (!early || failure.sequence < early.sequence) early = failure;
  };
  for (const seal of opened) checker.seal(seal);
  const stored = new Map(seals.map((seal) => [seal.id, seal]));
  let anchored = 0;
  for (const { seal, where } of options.anchors ?? []) {
    const check = await openSeal(seal.signature, options.jwks);
    if (!check.ok) {
      keep({ ok: false, sequence: seal.sequence, reason: `the copy of seal ${seal.id} anchored in ${where} does not verify: ${check.reason} (the anchor file was altered?)` });
      continue;
    }
    const { claim } = check;
    if ((claim.id !== undefined && claim.id !== seal.id) || claim.sequence !== seal.sequence || claim.hash !== seal.hash || claim.time !== seal.time) {
      keep({ ok: false, sequence: Math.min(seal.sequence, claim.sequence), reason: `the copy of seal ${seal.id} anchored in ${where} was altered: its fields differ from what was signed` });
      continue;
    }
    const copy = stored.get(seal.id);
    if (copy && copy.signature === seal.signature) anchored += 1;
    else if (copy) keep({ ok: false, sequence: Math.min(seal.sequence, copy.sequence), reason: `seal ${seal.id} differs from its copy anchored in ${where} (replaced, or renumbered?)` });
    else checker.seal({ ...seal, check, anchored: where });
  }
  return { checker, early, anchored };
}

/** The earlier of two problems (the seal set's or the chain's), or the result of a trail found intact. */
export function storeResult(check: StoreSealCheck, failure: VerifyFailure | null, anchors: boolean): VerifyResult {
  const first = check.early && (!failure || check.early.sequence < failure.sequence) ? check.early : failure;
  if (first) return first;
  return { ...done(check.checker), ...(anchors && { anchored: check.anchored }) };
}

/** A store's trail, SQLite or PostgreSQL; `index` is how its index rows are read (`streamedIndexRows`, `rangedIndexRows`). */
export async function verifyStore(db: Db, options: VerifyOptions, index: IndexReader): Promise<VerifyResult> {
  if (!(await hasTable(db, 'audit_records'))) throw new Error(NO_TRAIL[db.dialect](db.where));
  const unindexedListed = await hasTable(db, 'audit_unindexed');
  const check = await checkStoreSeals(await db.snapshot((tx) => tx.all<AuditSeal>('SELECT id, sequence, hash, time, kid, signature FROM audit_seals ORDER BY sequence, id')), options);
  // Records, their index rows and the head in one read snapshot: a writer appending meanwhile does not race it.
  const failure = await db.snapshot((tx) => checkRecords(tx, check.checker, index, unindexedListed));
  return storeResult(check, failure, options.anchors !== undefined);
}

export interface StoredRecord { sequence: number; previous_hash: string; hash: string; time: string; consumer: string | null; kind: string; entry: string }

/** Inside one read snapshot: records a chunk at a time, their index rows and the head marker, all in sequence order. */
function* checkRecords(tx: Tx, checker: ChainChecker, index: IndexReader, unindexedListed: boolean): Work<VerifyFailure | null> {
  // Records whose subject rows a writer has not written yet (sqliteAuditTrail.ts): none, or all of them.
  const unindexed = new Set(unindexedListed ? (yield* tx.all<{ sequence: number }>('SELECT sequence FROM audit_unindexed')).map((row) => row.sequence) : []);
  yield* index.open(tx);
  try {
    let after = 0;
    for (;;) {
      const rows = yield* tx.all<StoredRecord>('SELECT sequence, previous_hash, hash, time, consumer, kind, entry FROM audit_records WHERE sequence > ? ORDER BY sequence LIMIT ?', [after, CHUNK]);
      if (rows.length === 0) break;
      const last = rows.at(-1)!.sequence;
      yield* index.load(tx, after, last);
      for (const row of rows) {
        const entry = parseEntry(row.entry);
        const record = { ...(entry ?? ({} as AuditEntry)), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
        const found = index.take(row.sequence);
        const failure = checker.record(record, () => (entry ? indexProblem(row, entry, found, unindexed.has(row.sequence)) : 'content is not valid JSON (rewritten?)'));
        if (failure) return failure;
      }
      const orphan = index.orphan();
      if (orphan !== null) return { ok: false, sequence: orphan, reason: `record ${orphan}: index rows name record ${orphan}, which does not exist` };
      after = last;
    }
    const head = yield* tx.get<{ sequence: number; hash: string }>('SELECT sequence, hash FROM audit_head WHERE id = 1');
    const failure = checker.finish(head);
    if (failure) return failure;
    if (!head) return { ok: false, sequence: (checker.last?.sequence ?? 0) + 1, reason: 'the head marker (audit_head) is missing (deleted to hide a truncation?)' };
    const beyond = yield* index.beyond(tx, after);
    return beyond !== null ? { ok: false, sequence: beyond, reason: `index rows name record ${beyond}, which does not exist (truncated, or index rows added?)` } : null;
  } finally {
    index.close();
  }
}

/** With `unindexed` (the record is listed in audit_unindexed), its subject rows may also all be missing. */
export function indexProblem(row: StoredRecord, entry: AuditEntry, found: IndexTake, unindexed = false): string | undefined {
  const terms = indexTerms(entry);
  const columns = (['time', 'consumer', 'kind'] as const).filter((column) => row[column] !== terms[column]);
  if (columns.length > 0) return `its ${columns.join(', ')} column${columns.length > 1 ? 's do' : ' does'} not match its content (altered to hide or misfile it?)`;
  const expected = {
    providers: terms.providers.map((provider) => JSON.stringify([terms.time, provider])),
    items: terms.items.map((t) => JSON.stringify([terms.time, t.item, t.provider, t.disposition])),
    subjects: terms.subjects.map((t) => JSON.stringify([terms.time, t.subject, t.provider])),
  };
  for (const name of ['providers', 'items', 'subjects'] as const) {
    if (found[name].orphans.length > 0) return `index rows of ${name} name earlier record ${found[name].orphans[0]}, which does not exist`;
    if (name === 'subjects' && unindexed && found.subjects.keys.length === 0) continue;
    if (!sameSet(found[name].keys, expected[name])) return `its ${name} index rows do not match its content (altered to hide it from a view?)`;
  }
  return undefined;
}

/** The index rows of one record, per table: their keys, and the earlier sequences rows named that no record had. */
export type IndexTake = Record<'providers' | 'items' | 'subjects', { keys: string[]; orphans: number[] }>;

/**
 * How the verifier reads index rows beside the records: the three index tables' rows of one record at a time. Their
 * keys lead with the term, so how to read them by sequence depends on the indexes each dialect's tables have.
 */
export interface IndexReader {
  open(tx: Tx): Work<void>;
  /** Before the records (after, last] are taken. */
  load(tx: Tx, after: number, last: number): Work<void>;
  take(sequence: number): IndexTake;
  /** A sequence whose rows were loaded but no record took (a deleted record), or null. */
  orphan(): number | null;
  /** The first sequence after `last` (the last record) that index rows name, or null. */
  beyond(tx: Tx, last: number): Work<number | null>;
  close(): void;
}

const INDEX_TABLES = {
  providers: { sql: 'SELECT sequence, time, provider FROM audit_record_providers', key: (r: Record<string, unknown>) => JSON.stringify([r.time, r.provider]) },
  items: { sql: 'SELECT sequence, time, item, provider, disposition FROM audit_record_items', key: (r: Record<string, unknown>) => JSON.stringify([r.time, r.item, r.provider, r.disposition]) },
  subjects: { sql: 'SELECT sequence, time, subject, provider FROM audit_record_subjects', key: (r: Record<string, unknown>) => JSON.stringify([r.time, r.subject, r.provider]) },
} as const;
type IndexName = keyof typeof INDEX_TABLES;
const INDEX_NAMES = Object.keys(INDEX_TABLES) as IndexName[];

/**
 * SQLite's index tables have no index on the sequence alone: each is read once, sorted by sequence, streamed beside
 * the records on the connection's open read transaction (better-sqlite3 iterators), a record's rows taken as it
 * comes and rows naming a sequence no record has reported with the next record.
 */
export function streamedIndexRows(db: Database.Database): IndexReader {
  const streams = {} as Record<IndexName, { rows: IterableIterator<Record<string, unknown>>; next: IteratorResult<Record<string, unknown>> }>;
  return {
    *open() {
      for (const name of INDEX_NAMES) {
        const rows = db.prepare(`${INDEX_TABLES[name].sql} ORDER BY sequence`).iterate() as IterableIterator<Record<string, unknown>>;
        streams[name] = { rows, next: rows.next() };
      }
    },
    *load() {},
    take(sequence) {
      const taken = {} as IndexTake;
      for (const name of INDEX_NAMES) {
        const stream = streams[name];
        const found: IndexTake[IndexName] = { keys: [], orphans: [] };
        while (!stream.next.done && (stream.next.value.sequence as number) <= sequence) {
          const row = stream.next.value;
          if (row.sequence === sequence) found.keys.push(INDEX_TABLES[name].key(row));
          else if (!found.orphans.includes(row.sequence as number)) found.orphans.push(row.sequence as number);
          stream.next = stream.rows.next();
        }
        taken[name] = found;
      }
      return taken;
    },
    orphan: () => null,
    *beyond() {
      const rest = Math.min(...INDEX_NAMES.map((name) => (streams[name].next.done ? Number.POSITIVE_INFINITY : (streams[name].next.value.sequence as number))));
      return Number.isFinite(rest) ? rest : null;
    },
    close() {
      for (const name of INDEX_NAMES) streams[name]?.rows.return?.();
    },
  };
}

/** PostgreSQL's index tables have an index on the sequence (migration 2): each chunk's rows are read by range. */
export function rangedIndexRows(): IndexReader {
  let loaded = {} as Record<IndexName, Map<number, string[]>>;
  return {
    *open() {},
    *load(tx, after, last) {
      loaded = {} as Record<IndexName, Map<number, string[]>>;
      for (const name of INDEX_NAMES) {
        const bySequence = new Map<number, string[]>();
        for (const row of yield* tx.all<Record<string, unknown>>(`${INDEX_TABLES[name].sql} WHERE sequence > ? AND sequence <= ?`, [after, last])) {
          const sequence = row.sequence as number;
          bySequence.set(sequence, [...(bySequence.get(sequence) ?? []), INDEX_TABLES[name].key(row)]);
        }
        loaded[name] = bySequence;
      }
    },
    take(sequence) {
      const taken = {} as IndexTake;
      for (const name of INDEX_NAMES) {
        taken[name] = { keys: loaded[name].get(sequence) ?? [], orphans: [] };
        loaded[name].delete(sequence);
      }
      return taken;
    },
    orphan() {
      const left = INDEX_NAMES.flatMap((name) => [...loaded[name].keys()]);
      return left.length > 0 ? Math.min(...left) : null;
    },
    *beyond(tx, last) {
      const row = yield* tx.get<{ sequence: number | null }>(
        `SELECT min(sequence) AS sequence FROM (${INDEX_NAMES.map((name) => `SELECT sequence FROM audit_record_${name} WHERE sequence > ?`).join(' UNION ALL ')}) t`,
        [last, last, last],
      );
      return row?.sequence ?? null;
    },
    close() {},
  };
}

async function verifyLines(lines: Iterable<AuditLine> | AsyncIterable<AuditLine>, options: VerifyOptions): Promise<VerifyResult> {
  const { jwks } = options;
  if (options.anchors !== undefined) throw new TypeError('verifyTrail: `anchors` apply to a store, not to an export (which holds a range of the trail).');
  // An export holds a range: no clock (its newest records may be sealed after it ends) and no id check (its seals are those of the range).
  const policy = options.sealPolicy === undefined ? SEAL_POLICY : options.sealPolicy;
  const checker = new ChainChecker({ start: 'given', coverage: policy ? new SealCoverage({ limits: coverageLimits(policy), now: null }) : null });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (typeof line === 'string' && line.trim() === '') continue;
    const next = (checker.last?.sequence ?? 0) + 1;
    const value = typeof line === 'string' ? parseLine(line) : line;
    let failure: VerifyFailure | null;
    if (isSealLine(value)) {
      failure = checker.seal({ ...value.seal, check: await openSeal(value.seal.signature, jwks) });
    } else if (isRecord(value)) {
      failure = checker.record(value);
    } else {
      failure = { ok: false, sequence: next, reason: `line ${number} is neither a record nor a seal (${value === undefined ? 'not JSON' : 'unexpected shape'})` };
    }
    if (failure) return failure;
  }
  return checker.finish() ?? done(checker);
}

function done(checker: ChainChecker): VerifyResult {
  return { ok: true, records: checker.records, seals: checker.sealsChecked, last: checker.last };
}

function isDatabase(source: unknown): source is Database.Database {
  return typeof source === 'object' && source !== null && typeof (source as Database.Database).prepare === 'function' && 'inTransaction' in source;
}

function isSealLine(value: unknown): value is { seal: AuditSeal } {
  if (typeof value !== 'object' || value === null || !('seal' in value) || Object.keys(value).length !== 1) return false;
  const seal = (value as { seal: Partial<AuditSeal> }).seal;
  return typeof seal === 'object' && seal !== null && typeof seal.signature === 'string' && typeof seal.id === 'number';
}

function isRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<AuditRecord>;
  return typeof record.sequence === 'number' && typeof record.previousHash === 'string' && typeof record.hash === 'string';
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function parseEntry(text: string): AuditEntry | null {
  const value = parseLine(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditEntry) : null;
}

function sameSet(found: string[], expected: string[]): boolean {
  if (found.length !== expected.length) return false;
  const sorted = [...found].sort();
  return [...expected].sort().every((key, index) => key === sorted[index]);
}

const TABLE_SQL: Record<Dialect, string> = {
  sqlite: `SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?`,
  postgres: 'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?',
};
const NO_TRAIL: Record<Dialect, (where: string) => string> = {
  sqlite: (file) => `${file} has no audit trail (its schema predates the audit-trail migration, or it is not a platform store).`,
  postgres: () => 'the PostgreSQL schema has no audit trail (not a platform store, or its schema predates the audit-trail migration).',
};

async function hasTable(db: Db, name: string): Promise<boolean> {
  return (await db.get(TABLE_SQL[db.dialect], [name])) !== undefined;
}
