/**
 * Verifies a trail, from the platform database or from exported JSON Lines: recomputes every hash in sequence
 * order, finds missing records, checks each seal's signature against the gateway JWKS and that the record it
 * seals still has the hash it sealed, and finds truncation (a seal, the head marker or index rows beyond the last
 * record). The answer is the first problem in sequence order, or the counts of what was checked.
 *
 * From the database it also checks that each record's index rows (consumer, time, kind, providers, items,
 * subjects) match its content, because an altered index row hides a record from the people it concerns without
 * touching the chain. It reads records in one read transaction, so appends by other processes do not race it.
 */
import type Database from 'better-sqlite3';
import type { JWK } from 'jose';
import { ChainChecker, type VerifyFailure } from './chainChecker.ts';
import { indexTerms } from './indexTerms.ts';
import { openSeal } from './seals.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';

export type { VerifyFailure } from './chainChecker.ts';

export type VerifyResult =
  | { ok: true; records: number; seals: number; last: { sequence: number; hash: string } | null }
  | VerifyFailure;

/** A line of an export: its text, or the parsed record or `{ seal }`. */
export type AuditLine = string | AuditRecord | { seal: AuditSeal };

export interface VerifyOptions {
  /** The gateway's public key set (`{ keys }`, as `readGatewayJwks` returns it); seals must verify against it. */
  jwks: { keys: JWK[] };
}

export async function verifyTrail(
  source: Database.Database | Iterable<AuditLine> | AsyncIterable<AuditLine>,
  options: VerifyOptions,
): Promise<VerifyResult> {
  if (!options?.jwks || !Array.isArray(options.jwks.keys)) {
    throw new TypeError('verifyTrail: option `jwks` is required ({ keys: [...] }, the gateway JWKS).');
  }
  return isDatabase(source) ? verifyDatabase(source, options.jwks) : verifyLines(source, options.jwks);
}

async function verifyDatabase(db: Database.Database, jwks: { keys: JWK[] }): Promise<VerifyResult> {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_records'`).get()) {
    throw new Error(`${db.name} has no audit trail (its schema predates the audit-trail migration, or it is not a platform store).`);
  }
  const checker = new ChainChecker({ start: 'strict' });
  const seals = db.prepare('SELECT id, sequence, hash, time, signature FROM audit_seals ORDER BY sequence, id').all() as (AuditSeal & { signature: string })[];
  for (const seal of seals) {
    const failure = checker.seal({ ...seal, check: await openSeal(seal.signature, jwks) });
    if (failure) return failure;
  }
  const failure = db.transaction(() => checkRecords(db, checker))();
  return failure ?? done(checker);
}

export interface StoredRecord { sequence: number; previous_hash: string; hash: string; time: string; consumer: string | null; kind: string; entry: string }

/** Inside one read transaction: records, their index rows and the head marker, all in sequence order. */
function checkRecords(db: Database.Database, checker: ChainChecker): VerifyFailure | null {
  const providers = new IndexRows(db, 'SELECT sequence, time, provider FROM audit_record_providers ORDER BY sequence', (r) => JSON.stringify([r.time, r.provider]));
  const items = new IndexRows(db, 'SELECT sequence, time, item, provider, disposition FROM audit_record_items ORDER BY sequence', (r) => JSON.stringify([r.time, r.item, r.provider, r.disposition]));
  const subjects = new IndexRows(db, 'SELECT sequence, time, subject, provider FROM audit_record_subjects ORDER BY sequence', (r) => JSON.stringify([r.time, r.subject, r.provider]));
  const rows = db.prepare('SELECT sequence, previous_hash, hash, time, consumer, kind, entry FROM audit_records ORDER BY sequence').iterate() as IterableIterator<StoredRecord>;
  try {
    for (const row of rows) {
      const entry = parseEntry(row.entry);
      const record = { ...(entry ?? ({} as AuditEntry)), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
      const found = { providers: providers.take(row.sequence), items: items.take(row.sequence), subjects: subjects.take(row.sequence) };
      const failure = checker.record(record, () => (entry ? indexProblem(row, entry, found) : 'content is not valid JSON (rewritten?)'));
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

export function indexProblem(row: StoredRecord, entry: AuditEntry, found: Record<'providers' | 'items' | 'subjects', IndexTake>): string | undefined {
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

async function verifyLines(lines: Iterable<AuditLine> | AsyncIterable<AuditLine>, jwks: { keys: JWK[] }): Promise<VerifyResult> {
  const checker = new ChainChecker({ start: 'given' });
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
