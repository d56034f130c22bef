/**
 * Disputes in the platform's SQLite database: a row per dispute (one per matter: the UNIQUE key makes two racing
 * raises end in one) and a row per step. Escalating and recording an outcome are conditional updates of the row
 * as the workflow read it (the stage, no outcome yet), each in one transaction with its step, so of two racing
 * actions one wins and the other changes nothing.
 */
import type Database from 'better-sqlite3';
import { DISPUTE_COLUMNS, DISPUTE_STEP_COLUMNS, OVERDUE_SQL, toDispute, VISIBLE_SQL, type DisputeRow, type DisputeStepRow } from './disputeRows.ts';
import { DISPUTE_STAGES, type Dispute, type DisputeMatterKind, type DisputeQuery, type DisputeRecords, type DisputeStage, type NewDisputeRecord, type NewDisputeStep, type RecordedDisputeOutcome } from './disputeTypes.ts';
import { sequenceReserver } from './sqliteSequences.ts';
import type { PageRequest, RecordPage } from './types.ts';
import { shanghaiDate } from './workingDays.ts';

type StoredRow = Omit<DisputeRow, 'items'> & { items: string };

export class SqliteDisputeRecords implements DisputeRecords {
  readonly #db: Database.Database;
  readonly #reserve: (series: string) => number;
  readonly #statements: Record<'insert' | 'insertStep' | 'escalate' | 'unresolved' | 'resolve' | 'stepOutcome' | 'byId' | 'byMatter' | 'steps' | 'list' | 'count', Database.Statement>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#reserve = sequenceReserver(db, `SELECT max(CAST(substr(id, 10) AS INTEGER)) FROM disputes WHERE id GLOB ? || '-[0-9]*'`);
    const matching = `
      WHERE (@visibleTo IS NULL OR ${VISIBLE_SQL.replaceAll(':d', '@visibleTo')})
        AND (@consumer IS NULL OR consumer = @consumer)
        AND (@provider IS NULL OR provider = @provider)
        AND (@item IS NULL OR EXISTS (SELECT 1 FROM json_each(disputes.items) WHERE value = @item))
        AND (@stage IS NULL OR stage = @stage)
        AND (@status IS NULL OR status = @status)
        AND (@overdue IS NULL OR ${OVERDUE_SQL.replace(':at', '@at')} = @overdue)`;
    this.#statements = {
      insert: db.prepare(`
        INSERT INTO disputes (id, matter_kind, matter_id, consumer, provider, items, competent_department, common_superior, statement,
                              raised_by, raised_at, stage, stage_deadline, stage_outcome, status)
        VALUES (@id, @matterKind, @matterId, @consumer, @provider, @items, @competentDepartment, @commonSuperior, @statement,
                @raisedBy, @raisedAt, 'NEGOTIATION', @deadline, NULL, 'OPEN')
        ON CONFLICT (matter_kind, matter_id) DO NOTHING`),
      insertStep: db.prepare(`
        INSERT INTO dispute_steps (dispute_id, step, stage, opened_by_application, opened_by_department, opened_at, reason, deadline)
        VALUES (@id, @step, @stage, @application, @department, @openedAt, @reason, @deadline)`),
      escalate: db.prepare(`
        UPDATE disputes SET stage = @to, stage_deadline = @deadline, stage_outcome = NULL
        WHERE id = @id AND status = 'OPEN' AND stage = @from`),
      unresolved: db.prepare(`
        UPDATE disputes SET stage_outcome = 'UNRESOLVED' WHERE id = @id AND status = 'OPEN' AND stage = @stage AND stage_outcome IS NULL`),
      resolve: db.prepare(`
        UPDATE disputes SET status = 'RESOLVED', outcome = @outcome, agreement_id = @agreementId, resolved_at = @at
        WHERE id = @id AND status = 'OPEN' AND stage = @stage AND stage_outcome IS NULL`),
      stepOutcome: db.prepare(`
        UPDATE dispute_steps SET outcome = @outcome, note = @note, decided_by_application = @application, decided_by_department = @department,
                                 decided_at = @at, agreement_id = @agreementId
        WHERE dispute_id = @id AND stage = @stage AND outcome IS NULL`),
      byId: db.prepare(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE id = ?`),
      byMatter: db.prepare(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE matter_kind = ? AND matter_id = ?`),
      steps: db.prepare(`SELECT ${DISPUTE_STEP_COLUMNS} FROM dispute_steps WHERE dispute_id IN (SELECT value FROM json_each(?)) ORDER BY dispute_id, step`),
      list: db.prepare(`SELECT ${DISPUTE_COLUMNS} FROM disputes${matching} AND (@afterId IS NULL OR id > @afterId) ORDER BY id LIMIT @limit`),
      count: db.prepare(`SELECT count(*) FROM disputes${matching}`).pluck(),
    };
  }

  async reserveId(at: Date): Promise<string> {
    const series = `DSP-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(this.#reserve(series)).padStart(4, '0')}`;
  }

  async create(record: NewDisputeRecord): Promise<boolean> {
    const { first } = record;
    return this.#db.transaction(() => {
      const inserted = this.#statements.insert.run({
        id: record.id, matterKind: record.matter.kind, matterId: record.matter.id, consumer: record.consumer, provider: record.provider,
        items: JSON.stringify(record.items), competentDepartment: record.competentDepartment, commonSuperior: record.commonSuperior,
        statement: first.reason, raisedBy: first.openedBy.application, raisedAt: first.openedAt.toISOString(), deadline: first.deadline.toISOString(),
      });
      if (inserted.changes !== 1) return false;
      this.#statements.insertStep.run(stepParams(record.id, 1, first));
      return true;
    }).immediate();
  }

  async escalate(id: string, from: DisputeStage, step: NewDisputeStep): Promise<boolean> {
    const to = DISPUTE_STAGES[DISPUTE_STAGES.indexOf(from) + 1];
    if (!to || to !== step.stage) return false;
    return this.#db.transaction(() => {
      if (this.#statements.escalate.run({ id, from, to, deadline: step.deadline.toISOString() }).changes !== 1) return false;
      this.#statements.insertStep.run(stepParams(id, DISPUTE_STAGES.indexOf(to) + 1, step));
      return true;
    }).immediate();
  }

  async recordOutcome(id: string, stage: DisputeStage, outcome: RecordedDisputeOutcome): Promise<boolean> {
    const params = {
      id, stage, outcome: outcome.outcome, note: outcome.note, application: outcome.by.application, department: outcome.by.department,
      at: outcome.at.toISOString(), agreementId: outcome.agreementId,
    };
    return this.#db.transaction(() => {
      const changed = outcome.outcome === 'UNRESOLVED' ? this.#statements.unresolved.run(params) : this.#statements.resolve.run(params);
      if (changed.changes !== 1) return false;
      this.#statements.stepOutcome.run(params);
      return true;
    }).immediate();
  }

  async get(id: string, at: Date): Promise<Dispute | null> {
    return this.#read(() => this.#withSteps(this.#statements.byId.all(id) as StoredRow[], at)[0] ?? null);
  }

  async forMatter(kind: DisputeMatterKind, matterId: string, at: Date): Promise<Dispute | null> {
    return this.#read(() => this.#withSteps(this.#statements.byMatter.all(kind, matterId) as StoredRow[], at)[0] ?? null);
  }

  async list(query: DisputeQuery, at: Date): Promise<Dispute[]> {
    return this.#read(() => this.#withSteps(this.#statements.list.all({ ...matching(query, at), afterId: null, limit: -1 }) as StoredRow[], at));
  }

  async page(query: DisputeQuery, page: PageRequest, at: Date): Promise<RecordPage<Dispute>> {
    const params = matching(query, at);
    return this.#read(() => {
      const rows = this.#statements.list.all({ ...params, afterId: page.afterId, limit: page.first + 1 }) as StoredRow[];
      return {
        records: this.#withSteps(rows.slice(0, page.first), at),
        hasNextPage: rows.length > page.first,
        totalCount: this.#statements.count.get(params) as number,
      };
    });
  }

  /** Rows and their steps from one snapshot. */
  #read<T>(read: () => T): T {
    return this.#db.transaction(read)();
  }

  #withSteps(rows: StoredRow[], at: Date): Dispute[] {
    if (rows.length === 0) return [];
    const steps = this.#statements.steps.all(JSON.stringify(rows.map((row) => row.id))) as DisputeStepRow[];
    return rows.map((row) => toDispute({ ...row, items: JSON.parse(row.items) as string[] }, steps.filter((step) => step.dispute_id === row.id), at));
  }
}

function stepParams(id: string, step: number, { stage, openedBy, openedAt, reason, deadline }: NewDisputeStep) {
  return { id, step, stage, application: openedBy.application, department: openedBy.department, openedAt: openedAt.toISOString(), reason, deadline: deadline.toISOString() };
}

function matching(query: DisputeQuery, at: Date) {
  return {
    visibleTo: query.visibleTo,
    consumer: query.consumer ?? null,
    provider: query.provider ?? null,
    item: query.item ?? null,
    stage: query.stage ?? null,
    status: query.status ?? null,
    overdue: query.overdue === undefined ? null : Number(query.overdue),
    at: at.toISOString(),
  };
}
