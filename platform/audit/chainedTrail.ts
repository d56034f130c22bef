/**
 * The audit trail, written once for SQLite and PostgreSQL: group commit, seals, the head, queries and exports. Only
 * the batch insert is the dialect's (`SqliteAuditTrail`: prepared statements in one IMMEDIATE transaction, the
 * subject index written behind the chain; `PostgresAuditTrail`: arrays unnested in one statement with the head row
 * locked), with the statement that stores a seal under its id. Each append resolves only once its batch is durable;
 * a failed batch is rolled back whole and every append in it rejected, the chain left as it was.
 *
 * Sequence numbers and hashes are assigned inside the batch transaction from the stored head, never from memory,
 * so several trails or processes appending to one store form one chain. Seals are numbered the same way, from the
 * stored seals: the next id is the highest plus one, signed into the seal, and an insert that loses the id to
 * another sealer signs again with the next one, so ids never have a gap (sealCoverage.ts).
 */
import { appendAnchor, checkSealAnchor, type SealAnchor } from './anchors.ts';
import { auditBacklogQuery, auditCountQuery, auditQuery, encodeCursor, instant } from './auditQuery.ts';
import { canonicalJson } from './canonical.ts';
import { GroupCommit, type PendingEntry } from './groupCommit.ts';
import { signSeal } from './seals.ts';
import type { AuditExportRange, AuditFilter, AuditHead, AuditPage, AuditPageRequest, AuditStats, AuditTrail, SealSigner } from './trail.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from './types.ts';
import { isUniqueViolation, type Db } from '../store/db.ts';

/** The options both trails share, with their defaults. */
export interface ChainedTrailOptions {
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
}

/** What a dialect's trail gives the shared one. */
export interface TrailDialect {
  /** The seam over the trail's connection (SQLite) or pool (PostgreSQL). */
  db: Db;
  /** Stores a seal under its id: parameters id, sequence, hash, time, kid, signature. */
  insertSeal: string;
  /** Whether records may be listed in `audit_unindexed`, their subject rows still to be written (SQLite). */
  subjectsBehind: boolean;
}

export interface RecordRow { sequence: number; previous_hash: string; hash: string; entry: string }
interface SealRow { id: number; sequence: number; hash: string; time: string; kid: string; signature: string }

export const SHARED_OPTIONS = ['maxBatchDelayMs', 'batchLimit', 'sealSigner', 'sealEvery', 'sealIntervalMs', 'anchor', 'now', 'onSealError'];
const EXPORT_CHUNK = 500;
/** Attempts at a seal id another sealer keeps taking first. */
const SEAL_ID_ATTEMPTS = 5;

export abstract class ChainedAuditTrail implements AuditTrail {
  protected readonly commits: GroupCommit;
  protected readonly now: () => Date;
  protected readonly onSealError: (error: unknown) => void;
  readonly #dialect: TrailDialect;
  readonly #signer: SealSigner | undefined;
  readonly #sealEvery: number;
  readonly #anchor: SealAnchor | null;
  #sealInterval: NodeJS.Timeout | null = null;
  #sealing: Promise<unknown> | null = null;
  protected lastSealed = 0;

  constructor(options: ChainedTrailOptions, dialect: TrailDialect) {
    this.#dialect = dialect;
    this.#signer = options.sealSigner;
    this.#sealEvery = options.sealEvery ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.onSealError = options.onSealError ?? ((error) => console.error(`Automatic audit seal failed: ${error instanceof Error ? error.message : String(error)}`));
    this.#anchor = options.anchor ?? null;
    this.commits = new GroupCommit({
      maxBatchDelayMs: options.maxBatchDelayMs ?? 0,
      batchLimit: options.batchLimit ?? 1000,
      write: (batch) => this.writeBatch(batch),
      committed: (records) => {
        // The batch's last record is the head its transaction left: sealed as written, whatever commits next.
        const last = records.at(-1)!;
        if (this.#sealEvery > 0 && last.sequence - this.lastSealed >= this.#sealEvery) this.#startSeal(() => this.#sealAt(this.#signer!, last));
      },
    });
    const interval = options.sealIntervalMs ?? 0;
    if (this.#signer && interval > 0) {
      this.#sealInterval = setInterval(() => this.#startSeal(async () => ((await this.#recordsUnsealed()) >= 1 ? this.seal(this.#signer!) : null)), interval);
      this.#sealInterval.unref();
    }
  }

  /** Writes the batch in one transaction chained from the stored head (synchronously in SQLite), returning its records in order. */
  protected abstract writeBatch(batch: PendingEntry[]): AuditRecord[] | Promise<AuditRecord[]>;

  /** Whether the connection can still be used (for the seal on close). */
  protected abstract get connected(): boolean;

  /** What the trail still owes the store once its batches are written, before the seal on close (SQLite: the subject rows). */
  protected async flush(): Promise<void> {}

  /** Reads where the last seal stands; called once before the trail is used. */
  async start(): Promise<this> {
    this.lastSealed = (await this.#dialect.db.get<{ sequence: number }>('SELECT coalesce(max(sequence), 0) AS sequence FROM audit_seals'))!.sequence;
    return this;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    return this.commits.append(entry);
  }

  async seal(signer: SealSigner): Promise<AuditSeal> {
    if (!signer || typeof signer.kid !== 'string' || !signer.privateKey) {
      throw new TypeError('Audit seal: the signer must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).');
    }
    return this.#sealAt(signer, await this.#checkedHead());
  }

  async head(): Promise<AuditHead> {
    return (await this.#dialect.db.get<AuditHead>('SELECT sequence, hash FROM audit_head WHERE id = 1'))!;
  }

  async query(filter: AuditFilter = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
    const { db, subjectsBehind } = this.#dialect;
    const { sql, params, first } = auditQuery(filter, page, db.dialect);
    let rows: RecordRow[];
    if (filter.subject === undefined || !subjectsBehind) {
      rows = await db.all<RecordRow>(sql, params);
    } else {
      // The index, and the records whose subject rows are not written yet, read in one snapshot and merged.
      const backlog = auditBacklogQuery(filter, page);
      rows = await db.snapshot(function* (tx) {
        return mergeNewestFirst(yield* tx.all<RecordRow>(sql, params), yield* tx.all<RecordRow>(backlog.sql, backlog.params));
      });
    }
    const records = rows.slice(0, first).map(toRecord);
    return { records, endCursor: records.length > 0 ? encodeCursor(records.at(-1)!) : null, hasNextPage: rows.length > first };
  }

  async count(filter: AuditFilter = {}): Promise<number> {
    // One statement: the index and (SQLite, by subject) the records not yet indexed, counted in one snapshot.
    const { db } = this.#dialect;
    const { sql, params } = auditCountQuery(filter, db.dialect);
    return Number((await db.get<{ n: number | string }>(sql, params))!.n);
  }

  async *export(range: AuditExportRange): AsyncIterable<string> {
    const { db } = this.#dialect;
    const from = instant(range?.from, 'from');
    const to = instant(range?.to, 'to');
    if (to <= from) throw new TypeError(`Audit export: \`to\` (${to}) must be after \`from\` (${from}).`);
    const bounds = await db.get<{ first: number | null; last: number | null }>('SELECT min(sequence) AS first, max(sequence) AS last FROM audit_records WHERE time >= ? AND time < ?', [from, to]);
    if (!bounds || bounds.first === null || bounds.last === null) return;
    const { first, last } = bounds;
    const seals = await db.all<SealRow>('SELECT id, sequence, hash, time, kid, signature FROM audit_seals WHERE sequence BETWEEN ? AND ? ORDER BY sequence, id', [first, last]);
    for (const row of seals) yield `${canonicalJson({ seal: row })}\n`;
    for (let start = first; start <= last; start += EXPORT_CHUNK) {
      const rows = await db.all<RecordRow>('SELECT sequence, previous_hash, hash, entry FROM audit_records WHERE sequence BETWEEN ? AND ? ORDER BY sequence', [start, Math.min(last, start + EXPORT_CHUNK - 1)]);
      for (const row of rows) yield `${canonicalJson(toRecord(row))}\n`;
    }
  }

  stats(): AuditStats {
    return this.commits.stats();
  }

  /** Writes what is pending, then (with a signer) seals the head if records were added since the last seal. */
  async close(): Promise<void> {
    if (this.#sealInterval) clearInterval(this.#sealInterval);
    await this.commits.close();
    await this.flush();
    await this.#sealing;
    if (!this.#signer || !this.connected) return;
    try {
      if ((await this.#recordsUnsealed()) > 0) await this.seal(this.#signer);
    } catch (error) {
      this.onSealError(error);
    }
  }

  /** Signs and stores a seal of `head`, a record known to be in the chain, as the next seal id. */
  async #sealAt(signer: SealSigner, head: AuditHead): Promise<AuditSeal> {
    const { db, insertSeal } = this.#dialect;
    for (let attempt = 1; ; attempt += 1) {
      const { id } = (await db.get<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM audit_seals'))!;
      const time = this.now().toISOString();
      const seal: AuditSeal = { id, sequence: head.sequence, hash: head.hash, time, kid: signer.kid, signature: await signSeal(signer, { id, sequence: head.sequence, hash: head.hash, time }) };
      try {
        await db.run(insertSeal, [id, seal.sequence, seal.hash, time, seal.kid, seal.signature]);
      } catch (error) {
        // Another sealer (a worker, a process, a replica) stored seal `id` meanwhile: sign again as the next one.
        if (isUniqueViolation(error) && attempt < SEAL_ID_ATTEMPTS) continue;
        throw error;
      }
      this.lastSealed = Math.max(this.lastSealed, head.sequence);
      if (this.#anchor) appendAnchor(this.#anchor, seal);
      return seal;
    }
  }

  /** Runs an automatic seal unless one is running, there is no signer, or the trail is closing. */
  #startSeal(seal: () => Promise<unknown>): void {
    if (!this.#signer || this.#sealing || this.commits.closed) return;
    this.#sealing = seal()
      .catch((error: unknown) => this.onSealError(error))
      .finally(() => (this.#sealing = null));
  }

  /** Records past the newest seal in the store (by this or any other sealer). */
  async #recordsUnsealed(): Promise<number> {
    const row = await this.#dialect.db.get<{ sequence: number; sealed: number }>(
      'SELECT sequence, (SELECT coalesce(max(sequence), 0) FROM audit_seals) AS sealed FROM audit_head WHERE id = 1',
    );
    if (!row) throw new Error('the audit_head row is missing (the store was altered)');
    return Number(row.sequence) - Math.max(this.lastSealed, Number(row.sealed));
  }

  /** The stored head, refused when it disagrees with the last record: a seal must never vouch for a broken head. */
  async #checkedHead(): Promise<AuditHead> {
    const [head, last] = await this.#dialect.db.snapshot(function* (tx) {
      return [
        yield* tx.get<AuditHead>('SELECT sequence, hash FROM audit_head WHERE id = 1'),
        yield* tx.get<AuditHead>('SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1'),
      ];
    });
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

/** Checks the options both trails share; `owner` names the trail in messages. */
export function checkTrailOptions(options: ChainedTrailOptions, owner: string): void {
  const counts: [keyof ChainedTrailOptions, number][] = [['maxBatchDelayMs', 0], ['batchLimit', 1], ['sealEvery', 0], ['sealIntervalMs', 0]];
  for (const [name, minimum] of counts) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < minimum)) {
      throw new TypeError(`${owner}: option \`${name}\` must be an integer of at least ${minimum}; got ${String(value)}.`);
    }
  }
  const signer = options.sealSigner;
  if (signer !== undefined && (typeof signer !== 'object' || signer === null || !signer.privateKey || typeof signer.kid !== 'string')) {
    throw new TypeError(`${owner}: option \`sealSigner\` must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).`);
  }
  for (const name of ['now', 'onSealError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`${owner}: option \`${name}\` must be a function.`);
  }
  if (options.anchor != null) checkSealAnchor(options.anchor, owner);
}

/** Refuses an option the trail does not know, listing those it does. */
export function checkKnownOptions(options: object, owner: string, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${owner}: unknown option \`${key}\` (known: ${known.join(', ')}).`);
  }
}

/** Two pages of rows, each newest first by (time, sequence), merged; a record in both is kept once. */
function mergeNewestFirst(a: RecordRow[], b: RecordRow[]): RecordRow[] {
  if (b.length === 0) return a;
  const seen = new Set(a.map((row) => row.sequence));
  const merged = [...a, ...b.filter((row) => !seen.has(row.sequence))];
  const time = (row: RecordRow) => (row as RecordRow & { time: string }).time;
  return merged.sort((x, y) => (time(x) < time(y) ? 1 : time(x) > time(y) ? -1 : y.sequence - x.sequence));
}

export function toRecord(row: RecordRow): AuditRecord {
  return { ...(JSON.parse(row.entry) as AuditEntry), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
}
