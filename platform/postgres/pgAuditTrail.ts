/**
 * The audit trail in PostgreSQL, with group commit: the entries appended while the previous batch is being
 * written (or within `maxBatchDelayMs`) go in one transaction, and each append resolves only after that commit
 * (durable: the server's `synchronous_commit` is on unless an operator turned it off). A failed commit rolls the
 * batch back whole and rejects every append in it; the chain is left as it was.
 *
 * Several processes (gateway replicas) append to one chain: each batch locks the head row (`SELECT … FOR
 * UPDATE`) before reading it, so batches chain one after another whichever process writes them, and sequence
 * numbers and hashes come from the stored head, never from memory. Seal ids too: the next id is the highest
 * stored plus one, signed into the seal; a replica that loses the id to another signs again with the next one,
 * so ids never have a gap (audit/sealCoverage.ts).
 */
import type pg from 'pg';
import { canonicalJson, recordHashOfCanonical } from '../audit/canonical.ts';
import { appendAnchor, checkSealAnchor, type SealAnchor } from '../audit/anchors.ts';
import { GroupCommit, type PendingEntry } from '../audit/groupCommit.ts';
import { indexTerms } from '../audit/indexTerms.ts';
import { signSeal } from '../audit/seals.ts';
import { encodeCursor, instant } from '../audit/sqliteAuditQuery.ts';
import type { AuditExportRange, AuditFilter, AuditHead, AuditPage, AuditPageRequest, AuditStats, AuditTrail, SealSigner } from '../audit/trail.ts';
import type { AuditEntry, AuditRecord, AuditSeal } from '../audit/types.ts';
import { inTransaction } from './connection.ts';
import { postgresAuditCountQuery, postgresAuditQuery } from './pgAuditQuery.ts';

export interface PostgresAuditTrailOptions {
  /** The store's pool (`connectPostgres`), migrated. Required. */
  pool: pg.Pool;
  /** How long the first entry of a batch waits for others, in milliseconds. Default 0 (the next `setImmediate`). */
  maxBatchDelayMs?: number;
  /** Most entries in one transaction. Default 1000. */
  batchLimit?: number;
  /** Signs automatic seals. Default none. */
  sealSigner?: SealSigner;
  /** With a signer, seal when the head is this many records past the last seal. Default 1000; 0 turns it off. */
  sealEvery?: number;
  /** With a signer, seal every this many milliseconds when records were added since the last seal. Default 0: off. */
  sealIntervalMs?: number;
  /** Where each seal is anchored as it is made (audit/anchors.ts). Default none. */
  anchor?: SealAnchor | null;
  /** The clock for seal times. Default `() => new Date()`. */
  now?: () => Date;
  /** Told when an automatic seal (or its anchor) fails. Default: logs to stderr. */
  onSealError?: (error: unknown) => void;
}

interface RecordRow { sequence: number; previous_hash: string; hash: string; entry: string }
interface SealRow { id: number; sequence: number; hash: string; time: string; kid: string; signature: string }

const KNOWN_OPTIONS = new Set(['pool', 'maxBatchDelayMs', 'batchLimit', 'sealSigner', 'sealEvery', 'sealIntervalMs', 'anchor', 'now', 'onSealError']);
const EXPORT_CHUNK = 500;
/** Attempts at a seal id other replicas keep taking first. */
const SEAL_ID_ATTEMPTS = 5;
const UNIQUE_VIOLATION = '23505';

export class PostgresAuditTrail implements AuditTrail {
  readonly #pool: pg.Pool;
  readonly #commits: GroupCommit;
  readonly #signer: SealSigner | undefined;
  readonly #sealEvery: number;
  readonly #now: () => Date;
  readonly #onSealError: (error: unknown) => void;
  readonly #anchor: SealAnchor | null;
  #sealInterval: NodeJS.Timeout | null = null;
  #sealing: Promise<unknown> | null = null;
  #lastSealed = 0;

  constructor(options: PostgresAuditTrailOptions) {
    checkOptions(options);
    this.#pool = options.pool;
    this.#signer = options.sealSigner;
    this.#sealEvery = options.sealEvery ?? 1000;
    this.#now = options.now ?? (() => new Date());
    this.#onSealError = options.onSealError ?? ((error) => console.error(`Automatic audit seal failed: ${error instanceof Error ? error.message : String(error)}`));
    this.#anchor = options.anchor ?? null;
    this.#commits = new GroupCommit({
      maxBatchDelayMs: options.maxBatchDelayMs ?? 0,
      batchLimit: options.batchLimit ?? 1000,
      write: (batch) => inTransaction(this.#pool, (client) => writeBatch(client, batch), null),
      committed: (records) => {
        // The batch's last record is the head this transaction left: sealed as written, whatever commits next.
        const last = records.at(-1)!;
        if (this.#sealEvery > 0 && last.sequence - this.#lastSealed >= this.#sealEvery) this.#startSeal({ sequence: last.sequence, hash: last.hash });
      },
    });
    const interval = options.sealIntervalMs ?? 0;
    if (this.#signer && interval > 0) {
      this.#sealInterval = setInterval(() => this.#sealIfBehind(1), interval);
      this.#sealInterval.unref();
    }
  }

  /** Reads where the last seal stands; called once by the store before the trail is used. */
  async start(): Promise<this> {
    const { rows } = await this.#pool.query<{ sequence: number }>('SELECT coalesce(max(sequence), 0)::bigint AS sequence FROM audit_seals');
    this.#lastSealed = rows[0]!.sequence;
    return this;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    return this.#commits.append(entry);
  }

  async seal(signer: SealSigner): Promise<AuditSeal> {
    if (!signer || typeof signer.kid !== 'string' || !signer.privateKey) {
      throw new TypeError('Audit seal: the signer must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).');
    }
    return this.#sealAt(signer, await this.#checkedHead());
  }

  /**
   * Signs and stores a seal of `head`, a record known to be in the chain, as the next seal id. The identity column
   * is moved along, so a statement that inserts a seal without an id (an older release) takes the one after.
   */
  async #sealAt(signer: SealSigner, head: AuditHead): Promise<AuditSeal> {
    for (let attempt = 1; ; attempt += 1) {
      const { rows: [next] } = await this.#pool.query<{ id: number }>('SELECT coalesce(max(id), 0)::bigint + 1 AS id FROM audit_seals');
      const id = Number(next!.id);
      const time = this.#now().toISOString();
      const seal: AuditSeal = { id, sequence: head.sequence, hash: head.hash, time, kid: signer.kid, signature: await signSeal(signer, { id, ...head, time }) };
      try {
        await this.#pool.query(
          `WITH stored AS (
             INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
           )
           SELECT setval(pg_get_serial_sequence('audit_seals', 'id'), (SELECT id FROM stored))`,
          [id, seal.sequence, seal.hash, time, seal.kid, seal.signature],
        );
      } catch (error) {
        // Another replica stored seal `id` meanwhile: sign again as the next one.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION && attempt < SEAL_ID_ATTEMPTS) continue;
        throw error;
      }
      this.#lastSealed = Math.max(this.#lastSealed, head.sequence);
      if (this.#anchor) appendAnchor(this.#anchor, seal);
      return seal;
    }
  }

  async head(): Promise<AuditHead> {
    const { rows } = await this.#pool.query<AuditHead>('SELECT sequence, hash FROM audit_head WHERE id = 1');
    return rows[0]!;
  }

  async query(filter: AuditFilter = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
    const { sql, params, first } = postgresAuditQuery(filter, page);
    const { rows } = await this.#pool.query<RecordRow>(sql, params);
    const records = rows.slice(0, first).map(toRecord);
    return { records, endCursor: records.length > 0 ? encodeCursor(records.at(-1)!) : null, hasNextPage: rows.length > first };
  }

  async count(filter: AuditFilter = {}): Promise<number> {
    const { sql, params } = postgresAuditCountQuery(filter);
    const { rows } = await this.#pool.query<{ n: number }>(sql, params);
    return rows[0]!.n;
  }

  async *export(range: AuditExportRange): AsyncIterable<string> {
    const from = instant(range?.from, 'from');
    const to = instant(range?.to, 'to');
    if (to <= from) throw new TypeError(`Audit export: \`to\` (${to}) must be after \`from\` (${from}).`);
    const { rows: [bounds] } = await this.#pool.query<{ first: number | null; last: number | null }>(
      'SELECT min(sequence) AS first, max(sequence) AS last FROM audit_records WHERE time >= $1 AND time < $2', [from, to],
    );
    if (!bounds || bounds.first === null || bounds.last === null) return;
    const { first, last } = bounds;
    const seals = await this.#pool.query<SealRow>(
      'SELECT id, sequence, hash, time, kid, signature FROM audit_seals WHERE sequence BETWEEN $1 AND $2 ORDER BY sequence, id', [first, last],
    );
    for (const row of seals.rows) yield `${canonicalJson({ seal: row })}\n`;
    for (let start = first; start <= last; start += EXPORT_CHUNK) {
      const { rows } = await this.#pool.query<RecordRow>(
        'SELECT sequence, previous_hash, hash, entry FROM audit_records WHERE sequence BETWEEN $1 AND $2 ORDER BY sequence',
        [start, Math.min(last, start + EXPORT_CHUNK - 1)],
      );
      for (const row of rows) yield `${canonicalJson(toRecord(row))}\n`;
    }
  }

  stats(): AuditStats {
    return this.#commits.stats();
  }

  /** Writes what is pending, then (with a signer) seals the head if records were added since the last seal. */
  async close(): Promise<void> {
    if (this.#sealInterval) clearInterval(this.#sealInterval);
    await this.#commits.close();
    await this.#sealing;
    if (!this.#signer || this.#pool.ended) return;
    try {
      if ((await this.#recordsUnsealed()) > 0) await this.seal(this.#signer);
    } catch (error) {
      this.#onSealError(error);
    }
  }

  /** Records past the newest seal in the store (by this or any other replica). */
  async #recordsUnsealed(): Promise<number> {
    const { rows: [row] } = await this.#pool.query<{ sequence: number; sealed: number }>(
      'SELECT sequence, (SELECT coalesce(max(sequence), 0) FROM audit_seals)::bigint AS sealed FROM audit_head WHERE id = 1',
    );
    if (!row) throw new Error('the audit_head row is missing (the store was altered)');
    return Number(row.sequence) - Math.max(this.#lastSealed, Number(row.sealed));
  }

  /** Starts an automatic seal when the head is at least `behind` records past the last seal (any replica's) and none is running. */
  #sealIfBehind(behind: number): void {
    if (!this.#signer || this.#sealing || this.#commits.closed) return;
    this.#sealing = this.#recordsUnsealed()
      .then((unsealed) => (unsealed >= behind ? this.seal(this.#signer!) : null))
      .catch((error: unknown) => this.#onSealError(error))
      .finally(() => (this.#sealing = null));
  }

  #startSeal(head: AuditHead): void {
    if (!this.#signer || this.#sealing || this.#commits.closed) return;
    this.#sealing = this.#sealAt(this.#signer, head)
      .catch((error: unknown) => this.#onSealError(error))
      .finally(() => (this.#sealing = null));
  }

  /** The stored head, refused when it disagrees with the last record: a seal must never vouch for a broken head. */
  async #checkedHead(): Promise<AuditHead> {
    const [head, last] = await inTransaction(this.#pool, async (client) => [
      (await client.query<AuditHead>('SELECT sequence, hash FROM audit_head WHERE id = 1')).rows[0],
      (await client.query<AuditHead>('SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1')).rows[0],
    ], 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
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
 * The batch transaction, in three round trips (the head stays locked for as few as possible, since every replica
 * waits for it): BEGIN with the head locked and read; one statement inserting the records and their index rows
 * (arrays unnested into rows) and moving the head; COMMIT.
 */
async function writeBatch(client: pg.PoolClient, batch: PendingEntry[]): Promise<AuditRecord[]> {
  const results = (await client.query('BEGIN; SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE')) as unknown as pg.QueryResult<AuditHead>[];
  const head = results[1]?.rows[0];
  if (!head) throw new Error('the audit_head row is missing (the store was altered)');
  let { sequence, hash: previousHash } = head;
  const records: AuditRecord[] = [];
  const columns = { records: [[], [], [], [], [], [], []] as unknown[][], providers: [[], [], []] as unknown[][], items: [[], [], [], [], []] as unknown[][], subjects: [[], [], [], []] as unknown[][] };
  const push = (target: unknown[][], ...values: unknown[]) => values.forEach((value, index) => target[index]!.push(value));
  for (const { entry, canonical } of batch) {
    sequence += 1;
    const hash = recordHashOfCanonical(previousHash, sequence, canonical);
    const terms = indexTerms(entry);
    push(columns.records, sequence, previousHash, hash, terms.time, terms.consumer, terms.kind, canonical);
    for (const provider of terms.providers) push(columns.providers, provider, terms.time, sequence);
    for (const { item, provider, disposition } of terms.items) push(columns.items, item, terms.time, sequence, provider, disposition);
    for (const { subject, provider } of terms.subjects) push(columns.subjects, subject, terms.time, sequence, provider);
    records.push({ ...entry, sequence, previousHash, hash });
    previousHash = hash;
  }
  await client.query(
    `WITH records AS (
       INSERT INTO audit_records (sequence, previous_hash, hash, time, consumer, kind, entry)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ), providers AS (
       INSERT INTO audit_record_providers (provider, time, sequence) SELECT * FROM unnest($8::text[], $9::text[], $10::bigint[])
     ), items AS (
       INSERT INTO audit_record_items (item, time, sequence, provider, disposition)
       SELECT * FROM unnest($11::text[], $12::text[], $13::bigint[], $14::text[], $15::text[])
     ), subjects AS (
       INSERT INTO audit_record_subjects (subject, time, sequence, provider) SELECT * FROM unnest($16::text[], $17::text[], $18::bigint[], $19::text[])
     )
     UPDATE audit_head SET sequence = $20, hash = $21 WHERE id = 1`,
    [...columns.records, ...columns.providers, ...columns.items, ...columns.subjects, sequence, previousHash],
  );
  return records;
}

export function toRecord(row: RecordRow): AuditRecord {
  return { ...(JSON.parse(row.entry) as AuditEntry), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
}

function checkOptions(options: PostgresAuditTrailOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('PostgresAuditTrail: options must be an object with at least `pool`.');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`PostgresAuditTrail: unknown option \`${key}\` (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
  }
  if (!options.pool || typeof options.pool.query !== 'function') throw new TypeError('PostgresAuditTrail: option `pool` is required (the platform store\'s pg pool).');
  const counts: [keyof PostgresAuditTrailOptions, number][] = [['maxBatchDelayMs', 0], ['batchLimit', 1], ['sealEvery', 0], ['sealIntervalMs', 0]];
  for (const [name, minimum] of counts) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < minimum)) {
      throw new TypeError(`PostgresAuditTrail: option \`${name}\` must be an integer of at least ${minimum}; got ${String(value)}.`);
    }
  }
  const signer = options.sealSigner;
  if (signer !== undefined && (typeof signer !== 'object' || signer === null || !signer.privateKey || typeof signer.kid !== 'string')) {
    throw new TypeError('PostgresAuditTrail: option `sealSigner` must be { privateKey, kid } (the gateway key from loadOrCreateGrantKey).');
  }
  for (const name of ['now', 'onSealError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`PostgresAuditTrail: option \`${name}\` must be a function.`);
  }
  if (options.anchor != null) checkSealAnchor(options.anchor, 'PostgresAuditTrail');
}
