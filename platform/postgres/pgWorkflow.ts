/**
 * Objections in the PostgreSQL platform store, with the SQLite store's rules and answers
 * (`platform/workflow/sqliteObjections.ts`). Ids come from `workflow_sequences` in one upserting statement: two
 * replicas never get the same number, and a number is never reused.
 */
import type pg from 'pg';
import { OBJECTION_COLUMNS, toObjection, type ObjectionRow } from '../workflow/rows.ts';
import type { NewObjectionRecord, Objection, ObjectionAnswer, ObjectionQuery, ObjectionRecords, PageRequest, RecordPage } from '../workflow/types.ts';
import { shanghaiDate } from '../workflow/workingDays.ts';
import { inTransaction } from './connection.ts';

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

export class PostgresObjectionRecords implements ObjectionRecords {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `OBJ-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserve(this.#pool, 'objections', series)).padStart(4, '0')}`;
  }

  async create(record: NewObjectionRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO objections (id, consumer, provider, item, subject_key, description, reporter_application, reported_at, deadline, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'OPEN')`,
      [record.id, record.consumer, record.provider, record.item, record.subjectKey, record.description, record.reporter.application,
        record.reportedAt.toISOString(), record.deadline.toISOString()],
    );
  }

  /** A conditional update of an OPEN row: of two racing answers, one wins. */
  async answer(id: string, status: ObjectionAnswer, note: string, actor: string, at: Date): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE objections SET status = $2, answer_note = $3, answered_by = $4, answered_at = $5 WHERE id = $1 AND status = 'OPEN'`,
      [id, status, note, actor, at.toISOString()],
    );
    return result.rowCount === 1;
  }

  async get(id: string, at: Date): Promise<Objection | null> {
    const { rows } = await this.#pool.query<ObjectionRow>(`SELECT ${OBJECTION_COLUMNS} FROM objections WHERE id = $1`, [id]);
    return rows[0] ? toObjection(rows[0], at) : null;
  }

  async list(query: ObjectionQuery, at: Date): Promise<Objection[]> {
    const { rows } = await this.#pool.query<ObjectionRow>(
      `SELECT ${OBJECTION_COLUMNS} FROM objections${OBJECTIONS_MATCHING} ORDER BY id`,
      objectionParams(query, at),
    );
    return rows.map((row) => toObjection(row, at));
  }

  async page(query: ObjectionQuery, page: PageRequest, at: Date): Promise<RecordPage<Objection>> {
    const params = objectionParams(query, at);
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<ObjectionRow>(
        `SELECT ${OBJECTION_COLUMNS} FROM objections${OBJECTIONS_MATCHING} AND ($7::text IS NULL OR id > $7) ORDER BY id LIMIT $8`,
        [...params, page.afterId, page.first + 1],
      );
      const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM objections${OBJECTIONS_MATCHING}`, params);
      return {
        records: rows.slice(0, page.first).map((row) => toObjection(row, at)),
        hasNextPage: rows.length > page.first,
        totalCount: Number(counted[0]!.n),
      };
    }, SNAPSHOT);
  }
}

/** A page and its count read from one snapshot, writing nothing. */
export const SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** `$1` the instant, `$2` … `$6` the query's conditions. */
const OBJECTIONS_MATCHING = `
       WHERE ($2::text IS NULL OR consumer = $2 OR provider = $2)
         AND ($3::text IS NULL OR consumer = $3)
         AND ($4::text IS NULL OR provider = $4)
         AND ($5::text IS NULL OR status = $5)
         AND ($6::boolean IS NULL OR (status = 'OPEN' AND deadline <= $1) = $6)`;

function objectionParams(query: ObjectionQuery, at: Date): unknown[] {
  return [at.toISOString(), query.visibleTo, query.consumer ?? null, query.provider ?? null, query.status ?? null, query.overdue ?? null];
}
