/**
 * Verifies the audit trail of a PostgreSQL platform store, with the same checks and answers as the SQLite verify
 * (`platform/audit/verify.ts`): every hash recomputed in sequence order, missing records, seals against the
 * gateway JWKS, each record's index rows against its content, truncation (a seal, the head marker or index
 * rows beyond the last record), missing seals and the trail's anchored seals. It reads in one REPEATABLE READ transaction, so replicas appending meanwhile do
 * not race it: it verifies the trail as it stood when it began. Records are read in chunks, not all at once.
 */
import type pg from 'pg';
import type { ChainChecker, VerifyFailure } from '../audit/chainChecker.ts';
import { checkStoreSeals, checkVerifyOptions, indexProblem, storeResult, type StoredRecord, type VerifyOptions } from '../audit/verify.ts';
import type { VerifyResult } from '../audit/verify.ts';
import type { AuditEntry, AuditSeal } from '../audit/types.ts';
import { inTransaction } from './connection.ts';

const CHUNK = 1000;

export async function verifyPostgresTrail(pool: pg.Pool, options: VerifyOptions): Promise<VerifyResult> {
  checkVerifyOptions(options, 'verifyPostgresTrail');
  return inTransaction(pool, async (client) => {
    const { rows: tables } = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'audit_records'`);
    if (tables.length === 0) throw new Error('the PostgreSQL schema has no audit trail (not a platform store, or its schema predates the audit-trail migration).');
    const { rows: seals } = await client.query<AuditSeal>('SELECT id, sequence, hash, time, kid, signature FROM audit_seals ORDER BY sequence, id');
    const check = await checkStoreSeals(seals, options);
    return storeResult(check, await checkRecords(client, check.checker), options.anchors !== undefined);
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

async function checkRecords(client: pg.PoolClient, checker: ChainChecker): Promise<VerifyFailure | null> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<StoredRecord>(
      'SELECT sequence, previous_hash, hash, time, consumer, kind, entry FROM audit_records WHERE sequence > $1 ORDER BY sequence LIMIT $2',
      [after, CHUNK],
    );
    if (rows.length === 0) break;
    const last = rows.at(-1)!.sequence;
    const index = await indexRowsBetween(client, after, last);
    for (const row of rows) {
      const entry = parseEntry(row.entry);
      const record = { ...(entry ?? ({} as AuditEntry)), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash };
      const found = index.take(row.sequence);
      const failure = checker.record(record, () => (entry ? indexProblem(row, entry, found) : 'content is not valid JSON (rewritten?)'));
      if (failure) return failure;
    }
    const orphan = index.orphan();
    if (orphan !== null) return { ok: false, sequence: orphan, reason: `record ${orphan}: index rows name record ${orphan}, which does not exist` };
    after = last;
  }
  const { rows: [head] } = await client.query<{ sequence: number; hash: string }>('SELECT sequence, hash FROM audit_head WHERE id = 1');
  const failure = checker.finish(head);
  if (failure) return failure;
  if (!head) return { ok: false, sequence: (checker.last?.sequence ?? 0) + 1, reason: 'the head marker (audit_head) is missing (deleted to hide a truncation?)' };
  const { rows: [beyond] } = await client.query<{ sequence: number | null }>(
    `SELECT min(sequence) AS sequence FROM (
       SELECT sequence FROM audit_record_providers WHERE sequence > $1 UNION ALL
       SELECT sequence FROM audit_record_items WHERE sequence > $1 UNION ALL
       SELECT sequence FROM audit_record_subjects WHERE sequence > $1) t`,
    [after],
  );
  const orphan = beyond?.sequence ?? null;
  return orphan !== null ? { ok: false, sequence: orphan, reason: `index rows name record ${orphan}, which does not exist (truncated, or index rows added?)` } : null;
}

type Found = Record<'providers' | 'items' | 'subjects', { keys: string[]; orphans: number[] }>;

/** The index rows of records (after, last], grouped by sequence, keyed as the SQLite verifier keys them. */
async function indexRowsBetween(client: pg.PoolClient, after: number, last: number) {
  const read = async (sql: string, key: (row: Record<string, unknown>) => string) => {
    const bySequence = new Map<number, string[]>();
    for (const row of (await client.query<Record<string, unknown>>(sql, [after, last])).rows) {
      const sequence = row.sequence as number;
      bySequence.set(sequence, [...(bySequence.get(sequence) ?? []), key(row)]);
    }
    return bySequence;
  };
  const tables = {
    providers: await read('SELECT sequence, time, provider FROM audit_record_providers WHERE sequence > $1 AND sequence <= $2', (r) => JSON.stringify([r.time, r.provider])),
    items: await read('SELECT sequence, time, item, provider, disposition FROM audit_record_items WHERE sequence > $1 AND sequence <= $2', (r) => JSON.stringify([r.time, r.item, r.provider, r.disposition])),
    subjects: await read('SELECT sequence, time, subject, provider FROM audit_record_subjects WHERE sequence > $1 AND sequence <= $2', (r) => JSON.stringify([r.time, r.subject, r.provider])),
  };
  return {
    take(sequence: number): Found {
      const taken = {} as Found;
      for (const name of ['providers', 'items', 'subjects'] as const) {
        taken[name] = { keys: tables[name].get(sequence) ?? [], orphans: [] };
        tables[name].delete(sequence);
      }
      return taken;
    },
    /** A sequence with index rows but no record in this chunk (a deleted record), or null. */
    orphan(): number | null {
      const left = [...tables.providers.keys(), ...tables.items.keys(), ...tables.subjects.keys()];
      return left.length > 0 ? Math.min(...left) : null;
    },
  };
}

function parseEntry(text: string): AuditEntry | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditEntry) : null;
  } catch {
    return null;
  }
}
