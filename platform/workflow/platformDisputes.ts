/**
 * Disputes in the platform store, SQLite or PostgreSQL: a row per dispute (one per matter: the UNIQUE key makes two
 * racing raises end in one, on any replicas) and a row per step. Escalating and recording an outcome are conditional
 * updates of the row as the workflow read it (the stage, no outcome yet), each in one transaction with its step, so
 * of two racing actions one wins and the other changes nothing.
 */
import type { DialectSql, Db, Tx, Work } from '../store/db.ts';
import { fromJson } from '../store/db.ts';
import { DISPUTE_COLUMNS, DISPUTE_STEP_COLUMNS, OVERDUE_SQL, toDispute, VISIBLE_SQL, type DisputeRow, type DisputeStepRow } from './disputeRows.ts';
import {
  DISPUTE_STAGES, type Dispute, type DisputeMatterKind, type DisputeQuery, type DisputeRecords, type DisputeStage, type NewDisputeRecord,
  type NewDisputeStep, type RecordedDisputeOutcome,
} from './disputeTypes.ts';
import { reserveNumber } from './sequences.ts';
import type { PageRequest, RecordPage } from './types.ts';
import { shanghaiDate } from './workingDays.ts';

const SELECT = `SELECT ${DISPUTE_COLUMNS} FROM disputes`;
const INSERT_STEP = `
  INSERT INTO dispute_steps (dispute_id, step, stage, opened_by_application, opened_by_department, opened_at, reason, deadline)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

export class PlatformDisputeRecords implements DisputeRecords {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `DSP-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserveNumber(this.#db, 'disputes', series)).padStart(4, '0')}`;
  }

  async create(record: NewDisputeRecord): Promise<boolean> {
    const { first } = record;
    return this.#db.transaction(function* (tx) {
      const inserted = yield* tx.run(
        `INSERT INTO disputes (id, matter_kind, matter_id, consumer, provider, items, competent_department, common_superior, statement,
                               raised_by, raised_at, stage, stage_deadline, stage_outcome, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEGOTIATION', ?, NULL, 'OPEN')
         ON CONFLICT (matter_kind, matter_id) DO NOTHING`,
        [record.id, record.matter.kind, record.matter.id, record.consumer, record.provider, JSON.stringify(record.items), record.competentDepartment,
          record.commonSuperior, first.reason, first.openedBy.application, first.openedAt.toISOString(), first.deadline.toISOString()],
      );
      if (inserted !== 1) return false;
      yield* tx.run(INSERT_STEP, stepParams(record.id, 1, first));
      return true;
    });
  }

  async escalate(id: string, from: DisputeStage, step: NewDisputeStep): Promise<boolean> {
    const to = DISPUTE_STAGES[DISPUTE_STAGES.indexOf(from) + 1];
    if (!to || to !== step.stage) return false;
    return this.#db.transaction(function* (tx) {
      const moved = yield* tx.run(
        `UPDATE disputes SET stage = ?, stage_deadline = ?, stage_outcome = NULL WHERE id = ? AND status = 'OPEN' AND stage = ?`,
        [to, step.deadline.toISOString(), id, from],
      );
      if (moved !== 1) return false;
      yield* tx.run(INSERT_STEP, stepParams(id, DISPUTE_STAGES.indexOf(to) + 1, step));
      return true;
    });
  }

  async recordOutcome(id: string, stage: DisputeStage, outcome: RecordedDisputeOutcome): Promise<boolean> {
    const at = outcome.at.toISOString();
    return this.#db.transaction(function* (tx) {
      const changed = outcome.outcome === 'UNRESOLVED'
        ? yield* tx.run(`UPDATE disputes SET stage_outcome = 'UNRESOLVED' WHERE id = ? AND status = 'OPEN' AND stage = ? AND stage_outcome IS NULL`, [id, stage])
        : yield* tx.run(
          `UPDATE disputes SET status = 'RESOLVED', outcome = ?, agreement_id = ?, resolved_at = ?
           WHERE id = ? AND status = 'OPEN' AND stage = ? AND stage_outcome IS NULL`,
          [outcome.outcome, outcome.agreementId, at, id, stage],
        );
      if (changed !== 1) return false;
      yield* tx.run(
        `UPDATE dispute_steps SET outcome = ?, note = ?, decided_by_application = ?, decided_by_department = ?, decided_at = ?, agreement_id = ?
         WHERE dispute_id = ? AND stage = ? AND outcome IS NULL`,
        [outcome.outcome, outcome.note, outcome.by.application, outcome.by.department, at, outcome.agreementId, id, stage],
      );
      return true;
    });
  }

  async get(id: string, at: Date): Promise<Dispute | null> {
    return (await this.#read(`${SELECT} WHERE id = ?`, [id], at))[0] ?? null;
  }

  async forMatter(kind: DisputeMatterKind, matterId: string, at: Date): Promise<Dispute | null> {
    return (await this.#read(`${SELECT} WHERE matter_kind = ? AND matter_id = ?`, [kind, matterId], at))[0] ?? null;
  }

  async list(query: DisputeQuery, at: Date): Promise<Dispute[]> {
    const { where, params } = matching(this.#db, query, at);
    return this.#read(`${SELECT}${where} ORDER BY id`, params, at);
  }

  async page(query: DisputeQuery, page: PageRequest, at: Date): Promise<RecordPage<Dispute>> {
    const { where, params } = matching(this.#db, query, at);
    const after = page.afterId === null ? { sql: '', params: [] } : { sql: ' AND id > ?', params: [page.afterId] };
    // The page, its count and their steps from one snapshot; one more than asked: whether another page follows.
    return this.#db.snapshot(function* (tx) {
      const rows = yield* tx.all<DisputeRow>(`${SELECT}${where}${after.sql} ORDER BY id LIMIT ?`, [...params, ...after.params, page.first + 1]);
      const counted = yield* tx.get<{ n: number }>(`SELECT count(*) AS n FROM disputes${where}`, params);
      return { records: yield* withSteps(tx, rows.slice(0, page.first), at), hasNextPage: rows.length > page.first, totalCount: Number(counted!.n) };
    });
  }

  /** Rows and their steps from one snapshot. */
  #read(sql: string, params: unknown[], at: Date): Promise<Dispute[]> {
    return this.#db.snapshot(function* (tx) {
      return yield* withSteps(tx, yield* tx.all<DisputeRow>(sql, params), at);
    });
  }
}

function* withSteps(tx: Tx, rows: DisputeRow[], at: Date): Work<Dispute[]> {
  if (rows.length === 0) return [];
  const steps = yield* tx.all<DisputeStepRow>(
    `SELECT ${DISPUTE_STEP_COLUMNS} FROM dispute_steps WHERE dispute_id IN (SELECT value FROM ${tx.jsonEach('?')}) ORDER BY dispute_id, step`,
    [JSON.stringify(rows.map((row) => row.id))],
  );
  return rows.map((row) => toDispute({ ...row, items: fromJson<string[]>(row.items) }, steps.filter((step) => step.dispute_id === row.id), at));
}

function stepParams(id: string, step: number, { stage, openedBy, openedAt, reason, deadline }: NewDisputeStep): unknown[] {
  return [id, step, stage, openedBy.application, openedBy.department, openedAt.toISOString(), reason, deadline.toISOString()];
}

/** The conditions of `query` (only those given), with their parameters in order. */
function matching(sql: DialectSql, query: DisputeQuery, at: Date): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => where.push(condition) && params.push(...values);
  if (query.visibleTo !== null) add(VISIBLE_SQL, ...Array<string>(4).fill(query.visibleTo));
  if (query.consumer !== undefined) add('consumer = ?', query.consumer);
  if (query.provider !== undefined) add('provider = ?', query.provider);
  if (query.item !== undefined) add(`EXISTS (SELECT 1 FROM ${sql.jsonEach('disputes.items')} WHERE value = ?)`, query.item);
  if (query.stage !== undefined) add('stage = ?', query.stage);
  if (query.status !== undefined) add('status = ?', query.status);
  if (query.overdue !== undefined) add(`${query.overdue ? '' : 'NOT '}${OVERDUE_SQL}`, at.toISOString());
  return { where: ` WHERE ${where.length > 0 ? where.join(' AND ') : '1 = 1'}`, params };
}
