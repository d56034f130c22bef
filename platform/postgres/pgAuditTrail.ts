/**
 * The audit trail in PostgreSQL (the shared trail, `platform/audit/chainedTrail.ts`, with PostgreSQL's batch insert).
 * A batch commits durably (the server's `synchronous_commit` is on unless an operator turned it off). Several
 * processes (gateway replicas) append to one chain: each batch locks the head row (`SELECT … FOR UPDATE`) before
 * reading it, so batches chain one after another whichever process writes them. Every record's subject rows are
 * written in its commit (one unnest INSERT, row-level WAL), so nothing is listed in `audit_unindexed`.
 */
import type pg from 'pg';
import { recordHashOfCanonical } from '../audit/canonical.ts';
import { ChainedAuditTrail, checkKnownOptions, checkTrailOptions, SHARED_OPTIONS, type ChainedTrailOptions } from '../audit/chainedTrail.ts';
import type { PendingEntry } from '../audit/groupCommit.ts';
import { indexTerms } from '../audit/indexTerms.ts';
import type { AuditHead } from '../audit/trail.ts';
import type { AuditRecord } from '../audit/types.ts';
import type { Db } from '../store/db.ts';
import { inTransaction } from './connection.ts';

export interface PostgresAuditTrailOptions extends ChainedTrailOptions {
  /** The store's pool (`connectPostgres`), migrated. Required. */
  pool: pg.Pool;
}

const KNOWN_OPTIONS = ['pool', ...SHARED_OPTIONS];
/**
 * Stores a seal under its id and moves the identity column along, so a statement that inserts a seal without an id
 * (an older release) takes the one after.
 */
const INSERT_SEAL = `WITH stored AS (
    INSERT INTO audit_seals (id, sequence, hash, time, kid, signature) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?) RETURNING id
  )
  SELECT setval(pg_get_serial_sequence('audit_seals', 'id'), (SELECT id FROM stored))`;

export class PostgresAuditTrail extends ChainedAuditTrail {
  readonly #pool: pg.Pool;

  /** `db` is the store's seam over the same pool. */
  constructor(options: PostgresAuditTrailOptions, db: Db) {
    checkOptions(options);
    super(options, { db, insertSeal: INSERT_SEAL, subjectsBehind: false });
    this.#pool = options.pool;
  }

  protected writeBatch(batch: PendingEntry[]): Promise<AuditRecord[]> {
    return inTransaction(this.#pool, (client) => writeBatch(client, batch), null);
  }

  protected get connected(): boolean {
    return !this.#pool.ended;
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

function checkOptions(options: PostgresAuditTrailOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('PostgresAuditTrail: options must be an object with at least `pool`.');
  checkKnownOptions(options, 'PostgresAuditTrail', KNOWN_OPTIONS);
  if (!options.pool || typeof options.pool.query !== 'function') throw new TypeError('PostgresAuditTrail: option `pool` is required (the platform store\'s pg pool).');
  checkTrailOptions(options, 'PostgresAuditTrail');
}
