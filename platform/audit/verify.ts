/**
 * Verifies a trail, from the platform database or from exported JSON Lines: recomputes every hash in sequence
 * order, finds missing records, checks each seal's signature against the gateway JWKS and that the record it
 * seals still has the hash it sealed, and finds truncation (a seal, the head marker or index rows beyond the last
 * record). It finds missing seals too (sealCoverage.ts): a gap in the seal ids, a seal renumbered, more records in
 * a row than the sealing schedule leaves unsealed, and (in a store) records older than it allows after the last
 * seal; and, given the trail's anchor file (anchors.ts), every anchored seal must be in the store as anchored.
 * The answer is the first problem in sequence order, or the counts of what was checked.
 *
 * From the database it also checks that each record's index rows (consumer, time, kind, providers, items,
 * subjects) match its content, because an altered index row hides a record from the people it concerns without
 * touching the chain. It reads records in one read transaction, so appends by other processes do not race it.
 */
import type Database from 'better-sqlite3';
import type { JWK } from 'jose';
import type { AnchoredSeal } from './anchors.ts';
import { ChainChecker, type VerifyFailure } from './chainChecker.ts';
import { indexTerms } from './indexTerms.ts';
import { coverageLimits, SEAL_POLICY, SealCoverage, sealIdProblem, type SealPolicy } from './sealCoverage.ts';
import { openSeal } from './seals.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';

export type { VerifyFailure } from './chainChecker.ts';

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
  return isDatabase(source) ? verifyDatabase(source, options) : verifyLines(source, options);
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

async function verifyDatabase(db: Database.Database, options: VerifyOptions): Promise<VerifyResult> {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_records'`).get()) {
    throw new Error(`${db.name} has no audit trail (its schema predates the audit-trail migration, or it is not a platform store).`);
  }
  // Seals, records, index rows and the head in one read transaction: a writer appending meanwhile does not race it.
  const read = db.transaction(() => db.prepare('SELECT id, sequence, hash, time, kid, signature FROM audit_seals ORDER BY sequence, id').all() as AuditSeal[]);
  const check = await checkStoreSeals(read(), options);
  const failure = db.transaction(() => checkRecords(db, check.checker))();
  return storeResult(check, failure, options.anchors !== undefined);
}

export interface StoredRecord { sequence: number; previous_hash: string; hash: string; time: string; consumer: string | null; kind: string; entry: string }

/** Inside one read transaction: records, their index rows and the head marker, all in sequence order. */
function checkRecords(db: Database.Database, checker: ChainChecker): VerifyFailure | null {
  const providers = new IndexRows(db, 'SELECT sequence, time, provider FROM audit_record_providers ORDER BY sequence', (r) => JSON.stringify([r.time, r.provider]));
  const items = new IndexRows(db, 'SELECT sequence, time, item, provider, disposition FROM audit_record_items ORDER BY sequence', (r) => JSON.stringify([r.time, r.item, r.provider, r.disposition]));
  const subjects = new IndexRows(db, 'SELECT sequence, time, subject, provider FROM audit_record_subjects ORDER BY sequence', (r) => JSON.stringify([r.time, r.subject, r.provider]));
  // Records whose subject rows a writer has not written yet (sqliteAuditTrail.ts): none, or all of them.
  const unindexed = hasTable(db, 'audit_unindexed') ? new Set(db.prepare('SELECT sequence FROM audit_unindexed').pluck().all() as number[]) : new Set<number>();
  const rows = db.prepare('SELECT sequence, previous_hash, hash, time, consumer, kind, entry FROM audit_records ORDER BY sequence').iterate() as IterableIterator<StoredRecord>;
  try {
    for (const row of rows) {
      const entry = parseEntry(row.entry);
      const record = { ...(entry ?? ({} as AuditEntry)), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
      const found = { providers: providers.take(row.sequence), items: items.take(row.sequence), subjects: subjects.take(row.sequence) };
      const failure = checker.record(record, () => (entry ? indexProblem(row, entry, found, unindexed.has(row.sequence)) : 'content is not valid JSON (rewritten?)'));
      if (failure) return failure;
    }
    const head = db.prepare('SELECT sequence, hash FROM audit_head WHERE id = 1').get() as { sequence: number; hash: string } | undefined;
    const failure = checker.finish(head);
    if (failure) return failure;
    if (!head) return { ok: false, sequence: (checker.last?.sequence ?? 0) + 1, reason: 'the head marker (audit_head) is missing (deleted to hide a truncation?)' };
    const orphan = Math.min(providers.rest(), items.rest(), subjects.rest());
    return Number.isFinite(orphan) ? { ok: false, sequence: orphan, reason: `index rows name record ${orphan}, which does not exist (truncated, or index rows added?)` } : null;
  } finally {
    rows.return?.();
    for (const index of [providers, items, subjects]) index.close();
  }
}

/** With `unindexed` (the record is listed in audit_unindexed), its subject rows may also all be missing. */
export function indexProblem(row: StoredRecord, entry: AuditEntry, found: Record<'providers' | 'items' | 'subjects', IndexTake>, unindexed = false): string | undefined {
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

export interface IndexTake { keys: string[]; orphans: number[] }

/** One index table read in sequence order, alongside the records, taking the rows of one record at a time. */
class IndexRows {
  readonly #rows: IterableIterator<Record<string, unknown>>;
  readonly #key: (row: Record<string, unknown>) => string;
  #next: IteratorResult<Record<string, unknown>>;

  constructor(db: Database.Database, sql: string, key: (row: Record<string, unknown>) => string) {
    this.#rows = db.prepare(sql).iterate() as IterableIterator<Record<string, unknown>>;
    this.#key = key;
    this.#next = this.#rows.next();
  }

  take(sequence: number): IndexTake {
    const taken: IndexTake = { keys: [], orphans: [] };
    while (!this.#next.done && (this.#next.value.sequence as number) <= sequence) {
      const row = this.#next.value;
      if (row.sequence === sequence) taken.keys.push(this.#key(row));
      else if (!taken.orphans.includes(row.sequence as number)) taken.orphans.push(row.sequence as number);
      this.#next = this.#rows.next();
    }
    return taken;
  }

  /** The sequence of the first row left over after the last record, or Infinity. */
  rest(): number {
    return this.#next.done ? Number.POSITIVE_INFINITY : (this.#next.value.sequence as number);
  }

  close(): void {
    this.#rows.return?.();
  }
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

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}
