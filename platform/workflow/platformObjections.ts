/**
 * Objections in the platform store, SQLite or PostgreSQL: one row each, answered at most once (the answer is a
 * conditional update of an OPEN row, so two answers racing cannot both win, on any replicas).
 */
import type { Db } from '../store/db.ts';
import { OBJECTION_COLUMNS, toObjection, type ObjectionRow } from './rows.ts';
import { reserveNumber } from './sequences.ts';
import type { NewObjectionRecord, Objection, ObjectionAnswer, ObjectionQuery, ObjectionRecords, PageRequest, RecordPage } from './types.ts';
import { shanghaiDate } from './workingDays.ts';

const SELECT = `SELECT ${OBJECTION_COLUMNS} FROM objections`;

export class PlatformObjectionRecords implements ObjectionRecords {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `OBJ-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserveNumber(this.#db, 'objections', series)).padStart(4, '0')}`;
  }

  async create(record: NewObjectionRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO objections (id, consumer, provider, item, subject_key, description, reporter_application, reported_at, deadline, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')`,
      [record.id, record.consumer, record.provider, record.item, record.subjectKey, record.description, record.reporter.application,
        record.reportedAt.toISOString(), record.deadline.toISOString()],
    );
  }

  async answer(id: string, status: ObjectionAnswer, note: string, actor: string, at: Date): Promise<boolean> {
    const changed = await this.#db.run(
      `UPDATE objections SET status = ?, answer_note = ?, answered_by = ?, answered_at = ? WHERE id = ? AND status = 'OPEN'`,
      [status, note, actor, at.toISOString(), id],
    );
    return changed === 1;
  }

  async get(id: string, at: Date): Promise<Objection | null> {
    const row = await this.#db.get<ObjectionRow>(`${SELECT} WHERE id = ?`, [id]);
    return row ? toObjection(row, at) : null;
  }

  async list(query: ObjectionQuery, at: Date): Promise<Objection[]> {
    const { where, params } = matching(query, at);
    return (await this.#db.all<ObjectionRow>(`${SELECT}${where} ORDER BY id`, params)).map((row) => toObjection(row, at));
  }

  async page(query: ObjectionQuery, page: PageRequest, at: Date): Promise<RecordPage<Objection>> {
    const { where, params } = matching(query, at);
    const after = page.afterId === null ? { sql: '', params: [] } : { sql: ' AND id > ?', params: [page.afterId] };
    // The page and its count from one snapshot; one more than asked: whether another page follows.
    return this.#db.snapshot(function* (tx) {
      const rows = yield* tx.all<ObjectionRow>(`${SELECT}${where}${after.sql} ORDER BY id LIMIT ?`, [...params, ...after.params, page.first + 1]);
      const counted = yield* tx.get<{ n: number }>(`SELECT count(*) AS n FROM objections${where}`, params);
      return { records: rows.slice(0, page.first).map((row) => toObjection(row, at)), hasNextPage: rows.length > page.first, totalCount: Number(counted!.n) };
    });
  }
}

/** The conditions of `query` (only those given), with their parameters in order. */
function matching(query: ObjectionQuery, at: Date): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => where.push(condition) && params.push(...values);
  if (query.visibleTo !== null) add('(consumer = ? OR provider = ?)', query.visibleTo, query.visibleTo);
  if (query.consumer !== undefined) add('consumer = ?', query.consumer);
  if (query.provider !== undefined) add('provider = ?', query.provider);
  if (query.status !== undefined) add('status = ?', query.status);
  if (query.overdue !== undefined) add(`${query.overdue ? '' : 'NOT '}(status = 'OPEN' AND deadline <= ?)`, at.toISOString());
  if (query.subjectKey !== undefined) add('subject_key = ?', query.subjectKey);
  return { where: ` WHERE ${where.length > 0 ? where.join(' AND ') : '1 = 1'}`, params };
}
