/**
 * Agreements in the PostgreSQL platform store, with the SQLite store's rules and answers. Every write is one
 * transaction that locks the agreement row (so two replicas deciding the same agreement cannot both succeed),
 * appends its status history and bumps the `agreements` change counter, whose trigger notifies listeners on
 * commit. The per-request lookup is one indexed statement.
 */
import type pg from 'pg';
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';
import { AgreementError } from '../agreements/errors.ts';
import { isStoredStatus, statusChangeProblem } from '../agreements/lifecycle.ts';
import { toAgreement, toStatusChange, type AgreementRow, type HistoryRow } from '../agreements/rows.ts';
import type { AgreementFilter, AgreementStatusChange, AgreementStore, CreateOptions, NewAgreement, StatusChangeOptions } from '../agreements/types.ts';
import { validateNewAgreement } from '../agreements/validation.ts';
import { inTransaction, isUniqueViolation } from './connection.ts';

/** Re-exported for the agreement cache, which reads the same rows. */
export { toAgreement, type AgreementRow } from '../agreements/rows.ts';

export const ACTIVE_AGREEMENTS_SQL = `
  SELECT id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status
  FROM agreements
  WHERE consumer = $1 AND status = 'APPROVED' AND valid_until > $2 AND valid_from <= $2
  ORDER BY id`;

/** `$1` is the instant the status is reported at. */
const REPORTED_STATUS = `CASE WHEN status = 'APPROVED' AND valid_until <= $1 THEN 'EXPIRED' ELSE status END`;
const REPORTED_COLUMNS = `id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, ${REPORTED_STATUS} AS status`;

export class PostgresAgreementStore implements AgreementStore {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(options: { pool: pg.Pool; now?: () => Date }) {
    this.#pool = options.pool;
    this.#now = options.now ?? (() => new Date());
  }

  async agreementsFor(consumer: string, at: Date): Promise<Agreement[]> {
    const { rows } = await this.#pool.query<AgreementRow>(ACTIVE_AGREEMENTS_SQL, [consumer, timestamp(at, 'agreementsFor')]);
    return rows.map(toAgreement);
  }

  async get(id: string): Promise<Agreement | null> {
    const { rows } = await this.#pool.query<AgreementRow>(`SELECT ${REPORTED_COLUMNS} FROM agreements WHERE id = $2`, [this.#now().toISOString(), id]);
    return rows[0] ? toAgreement(rows[0]) : null;
  }

  async list(filter: AgreementFilter = {}): Promise<Agreement[]> {
    const { rows } = await this.#pool.query<AgreementRow>(
      `SELECT ${REPORTED_COLUMNS} FROM agreements
       WHERE ($2::text IS NULL OR consumer = $2) AND ($3::text IS NULL OR provider = $3) AND ($4::text IS NULL OR ${REPORTED_STATUS} = $4)
       ORDER BY id`,
      [this.#now().toISOString(), filter.consumer ?? null, filter.provider ?? null, filter.status ?? null],
    );
    return rows.map(toAgreement);
  }

  async create(agreement: NewAgreement, options: CreateOptions = {}): Promise<Agreement> {
    const valid = validateNewAgreement(agreement);
    const { actor = 'platform', reason } = options;
    const subject = `Cannot create agreement ${valid.id}`;
    if (typeof actor !== 'string' || actor.trim() === '') {
      throw new AgreementError('INVALID_AGREEMENT', subject, ['the creation must name its actor (who recorded it)']);
    }
    const now = this.#now().toISOString();
    await inTransaction(this.#pool, async (client) => {
      await insertAgreement(client, valid, now);
      await recordChange(client, valid.id, null, valid.status, reason?.trim() || null, actor, now);
    });
    return (await this.get(valid.id))!;
  }

  async setStatus(id: string, status: AgreementStatus, options: StatusChangeOptions): Promise<Agreement> {
    const { reason, actor } = options;
    await inTransaction(this.#pool, async (client) => {
      const from = await lockedStatus(client, id, status);
      const problem = statusChangeProblem(from, status, reason);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, [problem]);
      if (typeof actor !== 'string' || actor.trim() === '') {
        throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, ['the change must name its actor (who made it)']);
      }
      const now = this.#now().toISOString();
      await client.query('UPDATE agreements SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id]);
      await recordChange(client, id, from, status, reason?.trim() || null, actor, now);
    });
    return (await this.get(id))!;
  }

  async history(id: string): Promise<AgreementStatusChange[]> {
    const { rows } = await this.#pool.query<HistoryRow>(
      'SELECT agreement_id, from_status, to_status, reason, actor, changed_at FROM agreement_status_history WHERE agreement_id = $1 ORDER BY id',
      [id],
    );
    return rows.map(toStatusChange);
  }

  async version(): Promise<number> {
    const { rows } = await this.#pool.query<{ version: number }>(`SELECT version FROM change_counters WHERE name = 'agreements'`);
    return rows[0]!.version;
  }
}

/** Inserts the agreement row (AGREEMENT_EXISTS when the id is taken, even by a racing transaction). */
export async function insertAgreement(client: pg.PoolClient, agreement: Agreement, now: string): Promise<void> {
  await client.query('SAVEPOINT insert_agreement');
  try {
    await client.query(
      `INSERT INTO agreements (id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [agreement.id, agreement.consumer, agreement.provider, JSON.stringify(agreement.items), agreement.purpose, agreement.legalBasis,
        agreement.validFrom, agreement.validUntil, agreement.status, now],
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT insert_agreement');
    throw new AgreementError('AGREEMENT_EXISTS', `Cannot create agreement ${agreement.id}`, ['an agreement with that id already exists']);
  }
}

/** The stored status of `id`, its row locked until the transaction ends; AGREEMENT_NOT_FOUND when unknown. */
export async function lockedStatus(client: pg.PoolClient, id: string, to: AgreementStatus) {
  const subject = `Cannot set agreement ${id} to ${to}`;
  const { rows } = await client.query<{ status: string }>('SELECT status FROM agreements WHERE id = $1 FOR UPDATE', [id]);
  const from = rows[0]?.status;
  if (from === undefined) throw new AgreementError('AGREEMENT_NOT_FOUND', subject, ['no agreement has that id']);
  if (!isStoredStatus(from)) throw new Error(`${subject}: its stored status "${from}" is unknown.`);
  return from;
}

/** Appends a status-history row and bumps the change counter (whose trigger notifies on commit). */
export async function recordChange(
  client: pg.PoolClient, id: string, from: string | null, to: string, reason: string | null, actor: string, at: string,
): Promise<void> {
  await client.query(
    'INSERT INTO agreement_status_history (agreement_id, from_status, to_status, reason, actor, changed_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, from, to, reason, actor, at],
  );
  await client.query(`UPDATE change_counters SET version = version + 1 WHERE name = 'agreements'`);
}

/** Fail closed on a bad clock: an invalid Date would compare as no time at all. */
function timestamp(at: Date, operation: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new TypeError(`${operation}: \`at\` must be a valid Date; got ${String(at)}.`);
  }
  return at.toISOString();
}
