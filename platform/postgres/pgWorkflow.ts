/**
 * What `pgDisputes.ts` still uses until disputes are written over the seam: dispute ids
 * from `workflow_sequences` in one upserting statement (two replicas never get the same number, and a number is
 * never reused), and the snapshot its reads take.
 */
import type pg from 'pg';

/** The next number of `series` (e.g. AGR-2026), above every id already stored in `table` under it. */
export async function reserve(pool: pg.Pool, table: 'agreements' | 'objections' | 'disputes', series: string): Promise<number> {
  const { rows } = await pool.query<{ value: number }>(
    `WITH existing AS (SELECT coalesce(max(substr(id, 10)::bigint), 0) AS n FROM ${table} WHERE id ~ ('^' || $1 || '-[0-9]+$'))
     INSERT INTO workflow_sequences (name, value) SELECT $1, n + 1 FROM existing
     ON CONFLICT (name) DO UPDATE SET value = greatest(workflow_sequences.value, (SELECT n FROM existing)) + 1
     RETURNING value`,
    [series],
  );
  return rows[0]!.value;
}

/** A page and its count read from one snapshot, writing nothing. */
export const SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
