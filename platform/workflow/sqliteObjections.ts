/**
 * Objections in the platform's SQLite database: one row each, answered at most once (the answer is a
 * conditional update of an OPEN row, so two answers racing cannot both win).
 */
import type Database from 'better-sqlite3';
import { sequenceReserver } from './sqliteSequences.ts';
import { OBJECTION_COLUMNS, toObjection, type ObjectionRow } from './rows.ts';
import type { NewObjectionRecord, Objection, ObjectionAnswer, ObjectionQuery, ObjectionRecords, PageRequest, RecordPage } from './types.ts';
import { shanghaiDate } from './workingDays.ts';

export class SqliteObjectionRecords implements ObjectionRecords {
  readonly #reserve: (series: string) => number;
  readonly #insert: Database.Statement;
  readonly #answer: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #list: Database.Statement;
  readonly #count: Database.Statement;
  readonly #snapshot: <T>(read: () => T) => T;

  constructor(db: Database.Database) {
    this.#reserve = sequenceReserver(db, `SELECT max(CAST(substr(id, 10) AS INTEGER)) FROM objections WHERE id GLOB ? || '-[0-9]*'`);
    this.#insert = db.prepare(`
      INSERT INTO objections (id, consumer, provider, item, subject_key, description, reporter_application, reported_at, deadline, status)
      VALUES (@id, @consumer, @provider, @item, @subjectKey, @description, @reporter, @reportedAt, @deadline, 'OPEN')`);
    this.#answer = db.prepare(`
      UPDATE objections SET status = @status, answer_note = @note, answered_by = @actor, answered_at = @at
      WHERE id = @id AND status = 'OPEN'`);
    this.#byId = db.prepare(`SELECT ${OBJECTION_COLUMNS} FROM objections WHERE id = ?`);
    const matching = `
      WHERE (@visibleTo IS NULL OR consumer = @visibleTo OR provider = @visibleTo)
        AND (@consumer IS NULL OR consumer = @consumer)
        AND (@provider IS NULL OR provider = @provider)
        AND (@status IS NULL OR status = @status)
        AND (@overdue IS NULL OR (status = 'OPEN' AND deadline <= @at) = @overdue)
        AND (@subjectKey IS NULL OR subject_key = @subjectKey)`;
    this.#list = db.prepare(`SELECT ${OBJECTION_COLUMNS} FROM objections${matching}
        AND (@afterId IS NULL OR id > @afterId)
      ORDER BY id LIMIT @limit`);
    this.#count = db.prepare(`SELECT count(*) FROM objections${matching}`).pluck();
    this.#snapshot = (read) => db.transaction(read)();
  }

  async reserveId(at: Date): Promise<string> {
    const series = `OBJ-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(this.#reserve(series)).padStart(4, '0')}`;
  }

  async create(record: NewObjectionRecord): Promise<void> {
    this.#insert.run({
      ...record,
      reporter: record.reporter.application,
      reportedAt: record.reportedAt.toISOString(),
      deadline: record.deadline.toISOString(),
    });
  }

  async answer(id: string, status: ObjectionAnswer, note: string, actor: string, at: Date): Promise<boolean> {
    return this.#answer.run({ id, status, note, actor, at: at.toISOString() }).changes === 1;
  }

  async get(id: string, at: Date): Promise<Objection | null> {
    const row = this.#byId.get(id) as ObjectionRow | undefined;
    return row ? toObjection(row, at) : null;
  }

  async list(query: ObjectionQuery, at: Date): Promise<Objection[]> {
    const rows = this.#list.all({ ...matching(query, at), afterId: null, limit: -1 }) as ObjectionRow[];
    return rows.map((row) => toObjection(row, at));
  }

  async page(query: ObjectionQuery, page: PageRequest, at: Date): Promise<RecordPage<Objection>> {
    const params = matching(query, at);
    return this.#snapshot(() => {
      const rows = this.#list.all({ ...params, afterId: page.afterId, limit: page.first + 1 }) as ObjectionRow[];
      return {
        records: rows.slice(0, page.first).map((row) => toObjection(row, at)),
        hasNextPage: rows.length > page.first,
        totalCount: this.#count.get(params) as number,
      };
    });
  }
}

function matching(query: ObjectionQuery, at: Date) {
  return {
    visibleTo: query.visibleTo,
    consumer: query.consumer ?? null,
    provider: query.provider ?? null,
    status: query.status ?? null,
    overdue: query.overdue === undefined ? null : Number(query.overdue),
    subjectKey: query.subjectKey ?? null,
    at: at.toISOString(),
  };
}
