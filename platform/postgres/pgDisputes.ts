/**
 * Disputes in the PostgreSQL platform store, with the SQLite store's rules and answers
 * (`platform/workflow/sqliteDisputes.ts`): one dispute per matter (two replicas raising at once end in one),
 * escalation and outcomes as conditional updates of the row as the workflow read it, each in one transaction with
 * its step, so of two racing actions on any replicas one wins and the other changes nothing.
 */
import type pg from 'pg';
import { DISPUTE_COLUMNS, DISPUTE_STEP_COLUMNS, OVERDUE_SQL, toDispute, VISIBLE_SQL, type DisputeRow, type DisputeStepRow } from '../workflow/disputeRows.ts';
import {
  DISPUTE_STAGES, type Dispute, type DisputeMatterKind, type DisputeQuery, type DisputeRecords, type DisputeStage, type NewDisputeRecord,
  type NewDisputeStep, type RecordedDisputeOutcome,
} from '../workflow/disputeTypes.ts';
import type { PageRequest, RecordPage } from '../workflow/types.ts';
import { shanghaiDate } from '../workflow/workingDays.ts';
import { inTransaction } from './connection.ts';
import { reserve, SNAPSHOT } from './pgWorkflow.ts';

const INSERT_STEP = `
  INSERT INTO dispute_steps (dispute_id, step, stage, opened_by_application, opened_by_department, opened_at, reason, deadline)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** `$1` the instant, `$2` … `$8` the query's conditions (null: not given). */
const MATCHING = `
  WHERE ($2::text IS NULL OR ${VISIBLE_SQL.replaceAll(':d', '$2')})
    AND ($3::text IS NULL OR consumer = $3)
    AND ($4::text IS NULL OR provider = $4)
    AND ($5::text IS NULL OR items ? $5)
    AND ($6::text IS NULL OR stage = $6)
    AND ($7::text IS NULL OR status = $7)
    AND ($8::boolean IS NULL OR ${OVERDUE_SQL.replace(':at', '$1')} = $8)`;

export class PostgresDisputeRecords implements DisputeRecords {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `DSP-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserve(this.#pool, 'disputes', series)).padStart(4, '0')}`;
  }

  async create(record: NewDisputeRecord): Promise<boolean> {
    const { first } = record;
    return inTransaction(this.#pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO disputes (id, matter_kind, matter_id, consumer, provider, items, competent_department, common_superior, statement,
                               raised_by, raised_at, stage, stage_deadline, stage_outcome, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'NEGOTIATION', $12, NULL, 'OPEN')
         ON CONFLICT (matter_kind, matter_id) DO NOTHING`,
        [record.id, record.matter.kind, record.matter.id, record.consumer, record.provider, JSON.stringify(record.items), record.competentDepartment,
          record.commonSuperior, first.reason, first.openedBy.application, first.openedAt.toISOString(), first.deadline.toISOString()],
      );
      if (inserted.rowCount !== 1) return false;
      await client.query(INSERT_STEP, stepParams(record.id, 1, first));
      return true;
    });
  }

  async escalate(id: string, from: DisputeStage, step: NewDisputeStep): Promise<boolean> {
    const to = DISPUTE_STAGES[DISPUTE_STAGES.indexOf(from) + 1];
    if (!to || to !== step.stage) return false;
    return inTransaction(this.#pool, async (client) => {
      const moved = await client.query(
        `UPDATE disputes SET stage = $3, stage_deadline = $4, stage_outcome = NULL WHERE id = $1 AND status = 'OPEN' AND stage = $2`,
        [id, from, to, step.deadline.toISOString()],
      );
      if (moved.rowCount !== 1) return false;
      await client.query(INSERT_STEP, stepParams(id, DISPUTE_STAGES.indexOf(to) + 1, step));
      return true;
    });
  }

  async recordOutcome(id: string, stage: DisputeStage, outcome: RecordedDisputeOutcome): Promise<boolean> {
    const at = outcome.at.toISOString();
    return inTransaction(this.#pool, async (client) => {
      const changed = outcome.outcome === 'UNRESOLVED'
        ? await client.query(
            `UPDATE disputes SET stage_outcome = 'UNRESOLVED' WHERE id = $1 AND status = 'OPEN' AND stage = $2 AND stage_outcome IS NULL`,
            [id, stage],
          )
        : await client.query(
            `UPDATE disputes SET status = 'RESOLVED', outcome = $3, agreement_id = $4, resolved_at = $5
             WHERE id = $1 AND status = 'OPEN' AND stage = $2 AND stage_outcome IS NULL`,
            [id, stage, outcome.outcome, outcome.agreementId, at],
          );
      if (changed.rowCount !== 1) return false;
      await client.query(
        `UPDATE dispute_steps SET outcome = $3, note = $4, decided_by_application = $5, decided_by_department = $6, decided_at = $7, agreement_id = $8
         WHERE dispute_id = $1 AND stage = $2 AND outcome IS NULL`,
        [id, stage, outcome.outcome, outcome.note, outcome.by.application, outcome.by.department, at, outcome.agreementId],
      );
      return true;
    });
  }

  async get(id: string, at: Date): Promise<Dispute | null> {
    return (await this.#read(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE id = $1`, [id], at))[0] ?? null;
  }

  async forMatter(kind: DisputeMatterKind, matterId: string, at: Date): Promise<Dispute | null> {
    return (await this.#read(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE matter_kind = $1 AND matter_id = $2`, [kind, matterId], at))[0] ?? null;
  }

  async list(query: DisputeQuery, at: Date): Promise<Dispute[]> {
    return this.#read(`SELECT ${DISPUTE_COLUMNS} FROM disputes${MATCHING} ORDER BY id`, params(query, at), at);
  }

  async page(query: DisputeQuery, page: PageRequest, at: Date): Promise<RecordPage<Dispute>> {
    const conditions = params(query, at);
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<DisputeRow>(
        `SELECT ${DISPUTE_COLUMNS} FROM disputes${MATCHING} AND ($9::text IS NULL OR id > $9) ORDER BY id LIMIT $10`,
        [...conditions, page.afterId, page.first + 1],
      );
      const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM disputes${MATCHING}`, conditions);
      return {
        records: await withSteps(client, rows.slice(0, page.first), at),
        hasNextPage: rows.length > page.first,
        totalCount: Number(counted[0]!.n),
      };
    }, SNAPSHOT);
  }

  /** Rows and their steps from one snapshot. */
  async #read(sql: string, values: unknown[], at: Date): Promise<Dispute[]> {
    return inTransaction(this.#pool, async (client) => withSteps(client, (await client.query<DisputeRow>(sql, values)).rows, at), SNAPSHOT);
  }
}

async function withSteps(client: pg.PoolClient, rows: DisputeRow[], at: Date): Promise<Dispute[]> {
  if (rows.length === 0) return [];
  const { rows: steps } = await client.query<DisputeStepRow>(
    `SELECT ${DISPUTE_STEP_COLUMNS} FROM dispute_steps WHERE dispute_id = ANY($1) ORDER BY dispute_id, step`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => toDispute(row, steps.filter((step) => step.dispute_id === row.id), at));
}

function stepParams(id: string, step: number, { stage, openedBy, openedAt, reason, deadline }: NewDisputeStep): unknown[] {
  return [id, step, stage, openedBy.application, openedBy.department, openedAt.toISOString(), reason, deadline.toISOString()];
}

function params(query: DisputeQuery, at: Date): unknown[] {
  return [
    at.toISOString(), query.visibleTo, query.consumer ?? null, query.provider ?? null, query.item ?? null, query.stage ?? null,
    query.status ?? null, query.overdue ?? null,
  ];
}
