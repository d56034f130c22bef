/**
 * Applications and objections in the PostgreSQL platform store, with the SQLite stores' rules and answers
 * (`platform/workflow/sqliteApplications.ts`, `sqliteObjections.ts`). An application's create, approval,
 * rejection or revocation is one transaction that locks the agreement row, writes it, appends its status history
 * and bumps the `agreements` change counter (which notifies replicas on commit), so every gateway sees it whole
 * or not at all. Ids come from `workflow_sequences` in one upserting statement: two replicas never get the same
 * number, and a number is never reused.
 */
import type pg from 'pg';
import type { AgreementStatus } from '../../sharing/types.ts';
import { AgreementError } from '../agreements/errors.ts';
import { statusChangeProblem } from '../agreements/lifecycle.ts';
import type { HistoryRow } from '../agreements/rows.ts';
import { validateNewAgreement } from '../agreements/validation.ts';
import { OBJECTION_COLUMNS, toApplication, toObjection, type ApplicationRow, type ObjectionRow } from '../workflow/rows.ts';
import type {
  Application, ApplicationQuery, ApplicationRecords, NewApplicationRecord, NewObjectionRecord, Objection, ObjectionAnswer,
  ObjectionQuery, ObjectionRecords, PageRequest, RecordPage, RecordedChange,
} from '../workflow/types.ts';
import { shanghaiDate } from '../workflow/workingDays.ts';
import { inTransaction } from './connection.ts';
import { insertAgreement, lockedStatus, recordChange } from './pgAgreements.ts';

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

/** `$1` is the instant statuses and overdue flags are reported at. */
const REPORTED_STATUS = `CASE WHEN a.status = 'APPROVED' AND a.valid_until <= $1 THEN 'EXPIRED' ELSE a.status END`;
const OVERDUE = `(a.status = 'PENDING' AND p.deadline IS NOT NULL AND p.deadline <= $1)`;
const SELECT_APPLICATIONS = `
  SELECT a.id, a.consumer, a.provider, a.items, a.purpose, a.legal_basis, a.valid_from, a.valid_until,
         ${REPORTED_STATUS} AS status, p.scenario, p.applicant_application, p.applicant_department, p.applied_at,
         p.deadline, p.requested_items, p.requested_valid_from, p.requested_valid_until
  FROM agreements a LEFT JOIN applications p ON p.agreement_id = a.id`;

export class PostgresApplicationRecords implements ApplicationRecords {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `AGR-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserve(this.#pool, 'agreements', series)).padStart(4, '0')}`;
  }

  async create(record: NewApplicationRecord): Promise<void> {
    const agreement = validateNewAgreement({ ...record.agreement, status: 'PENDING' });
    const now = record.appliedAt.toISOString();
    await inTransaction(this.#pool, async (client) => {
      await insertAgreement(client, agreement, now);
      await recordChange(client, agreement.id, null, 'PENDING', null, record.applicant.application, now);
      await client.query(
        `INSERT INTO applications (agreement_id, scenario, applicant_application, applicant_department, applied_at, deadline,
                                   requested_items, requested_valid_from, requested_valid_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [agreement.id, record.scenario, record.applicant.application, record.applicant.department, now, record.deadline.toISOString(),
          JSON.stringify(agreement.items), agreement.validFrom, agreement.validUntil],
      );
    });
  }

  async approve(id: string, terms: { items: string[]; validUntil: string }, change: RecordedChange): Promise<void> {
    await this.#change(id, 'APPROVED', change, terms);
  }

  async close(id: string, status: 'REJECTED' | 'REVOKED', change: RecordedChange): Promise<void> {
    await this.#change(id, status, change);
  }

  async #change(id: string, status: AgreementStatus, { actor, reason, at }: RecordedChange, terms?: { items: string[]; validUntil: string }): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      const from = await lockedStatus(client, id, status);
      const problem = statusChangeProblem(from, status, reason ?? undefined);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, [problem]);
      const now = at.toISOString();
      if (terms) await client.query('UPDATE agreements SET items = $1, valid_until = $2 WHERE id = $3', [JSON.stringify(terms.items), terms.validUntil, id]);
      await client.query('UPDATE agreements SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id]);
      await recordChange(client, id, from, status, reason, actor, now);
    });
  }

  async get(id: string, at: Date): Promise<Application | null> {
    const { rows } = await this.#pool.query<ApplicationRow>(`${SELECT_APPLICATIONS} WHERE a.id = $2`, [at.toISOString(), id]);
    return rows[0] ? (await this.#withHistory(this.#pool, rows, at))[0]! : null;
  }

  async list(query: ApplicationQuery, at: Date): Promise<Application[]> {
    const { rows } = await this.#pool.query<ApplicationRow>(
      `${SELECT_APPLICATIONS}${APPLICATIONS_MATCHING} ORDER BY a.id`,
      applicationParams(query, at),
    );
    return this.#withHistory(this.#pool, rows, at);
  }

  async page(query: ApplicationQuery, page: PageRequest, at: Date): Promise<RecordPage<Application>> {
    const params = applicationParams(query, at);
    // The page and its count from one snapshot.
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<ApplicationRow>(
        `${SELECT_APPLICATIONS}${APPLICATIONS_MATCHING} AND ($8::text IS NULL OR a.id > $8) ORDER BY a.id LIMIT $9`,
        [...params, page.afterId, page.first + 1],
      );
      const { rows: counted } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM agreements a LEFT JOIN applications p ON p.agreement_id = a.id${APPLICATIONS_MATCHING}`,
        params,
      );
      return {
        records: await this.#withHistory(client, rows.slice(0, page.first), at),
        hasNextPage: rows.length > page.first,
        totalCount: Number(counted[0]!.n),
      };
    }, SNAPSHOT);
  }

  async #withHistory(db: pg.Pool | pg.PoolClient, rows: ApplicationRow[], at: Date): Promise<Application[]> {
    const history = new Map<string, HistoryRow[]>();
    if (rows.length > 0) {
      const { rows: changes } = await db.query<HistoryRow>(
        'SELECT agreement_id, from_status, to_status, reason, actor, changed_at FROM agreement_status_history WHERE agreement_id = ANY($1) ORDER BY id',
        [rows.map((row) => row.id)],
      );
      for (const change of changes) history.set(change.agreement_id, [...(history.get(change.agreement_id) ?? []), change]);
    }
    return rows.map((row) => toApplication(row, history.get(row.id) ?? [], at));
  }
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
        `SELECT ${OBJECTION_COLUMNS} FROM objections${OBJECTIONS_MATCHING} AND ($8::text IS NULL OR id > $8) ORDER BY id LIMIT $9`,
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

/** `$1` the instant, `$2` … `$7` the query's conditions (null: not given). */
const APPLICATIONS_MATCHING = `
       WHERE ($2::text IS NULL OR a.consumer = $2 OR a.provider = $2)
         AND ($3::text IS NULL OR a.consumer = $3)
         AND ($4::text IS NULL OR a.provider = $4)
         AND ($5::text IS NULL OR ${REPORTED_STATUS} = $5)
         AND ($6::text[] IS NULL OR ${REPORTED_STATUS} = ANY($6))
         AND ($7::boolean IS NULL OR ${OVERDUE} = $7)`;

function applicationParams(query: ApplicationQuery, at: Date): unknown[] {
  return [
    at.toISOString(), query.visibleTo, query.consumer ?? null, query.provider ?? null, query.status ?? null,
    query.statuses ? [...query.statuses] : null, query.overdue ?? null,
  ];
}

/** `$1` the instant, `$2` … `$7` the query's conditions. */
const OBJECTIONS_MATCHING = `
       WHERE ($2::text IS NULL OR consumer = $2 OR provider = $2)
         AND ($3::text IS NULL OR consumer = $3)
         AND ($4::text IS NULL OR provider = $4)
         AND ($5::text IS NULL OR status = $5)
         AND ($6::boolean IS NULL OR (status = 'OPEN' AND deadline <= $1) = $6)
         AND ($7::text IS NULL OR subject_key = $7)`;

function objectionParams(query: ObjectionQuery, at: Date): unknown[] {
  return [at.toISOString(), query.visibleTo, query.consumer ?? null, query.provider ?? null, query.status ?? null, query.overdue ?? null, query.subjectKey ?? null];
}
