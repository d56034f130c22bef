/**
 * Agreements in the platform store, SQLite or PostgreSQL. Every write is one transaction that reads the agreement
 * row locked (SQLite's IMMEDIATE transaction, PostgreSQL's `FOR UPDATE`: two replicas deciding one agreement cannot
 * both succeed), appends its status history and bumps the `agreements` change counter, so `version()` moves with
 * every change whichever process made it (in PostgreSQL its trigger also notifies listeners on commit). Items are
 * stored as a JSON array on the agreement row, so the per-request lookup stays one indexed statement. In SQLite a
 * consumer's agreements in force are kept in memory until the counter moves or one of them starts or ends, so most
 * requests read only the counter (one row by its primary key); PostgreSQL gateways cache across replicas instead
 * (`platform/postgres/agreementCache.ts`).
 */
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';
import { fromJson, isUniqueViolation, type Db, type Tx, type Work } from '../store/db.ts';
import { AgreementError } from './errors.ts';
import { isStoredStatus, statusChangeProblem, type StoredStatus } from './lifecycle.ts';
import { toAgreement, toStatusChange, type AgreementRow, type HistoryRow } from './rows.ts';
import type { AgreementFilter, AgreementStatusChange, AgreementStore, CreateOptions, NewAgreement, StatusChangeOptions } from './types.ts';
import { validateNewAgreement } from './validation.ts';

export interface PlatformAgreementStoreOptions {
  /** The platform store's seam, migrated (`openSqlite`, or `postgresDb` over a migrated schema). Required. */
  db: Db;
  /** The clock for reported statuses and history timestamps. Default `() => new Date()`. */
  now?: () => Date;
}

/** The per-request lookup (consumer, instant, instant), exported for the tests that prove it searches an index. */
export const ACTIVE_AGREEMENTS_SQL = `
  SELECT id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status
  FROM agreements
  WHERE consumer = ? AND status = 'APPROVED' AND valid_until > ? AND valid_from <= ?
  ORDER BY id`;

/** Its one parameter is the instant the status is reported at. */
const REPORTED_STATUS = `CASE WHEN status = 'APPROVED' AND valid_until <= ? THEN 'EXPIRED' ELSE status END`;
const REPORTED_COLUMNS = `id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, ${REPORTED_STATUS} AS status`;

export class PlatformAgreementStore implements AgreementStore {
  readonly #db: Db;
  readonly #now: () => Date;
  /** SQLite only, per consumer: its agreements in force, the counter they were read at and the span in which they stay in force. */
  readonly #inForce: Map<string, { version: number; agreements: Agreement[]; from: number; until: number }> | null;

  constructor(options: PlatformAgreementStoreOptions) {
    if (!options?.db) throw new TypeError('PlatformAgreementStore: option `db` is required (the seam of an open, migrated platform store).');
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
    this.#inForce = options.db.dialect === 'sqlite' ? new Map() : null;
  }

  async agreementsFor(consumer: string, at: Date): Promise<Agreement[]> {
    const iso = timestamp(at, 'agreementsFor');
    if (!this.#inForce) return this.#active(consumer, iso);
    const time = at.getTime();
    const version = await this.version();
    const known = this.#inForce.get(consumer);
    if (known && known.version === version && known.from <= time && time < known.until) return known.agreements;
    const agreements = await this.#active(consumer, iso);
    // In force until the first of them ends or the next approved one starts, whichever comes first.
    const next = await this.#db.get<{ next: string | null }>(
      `SELECT min(valid_from) AS next FROM agreements WHERE consumer = ? AND status = 'APPROVED' AND valid_from > ? AND valid_until > valid_from`, [consumer, iso],
    );
    let until = next?.next == null ? Number.POSITIVE_INFINITY : Date.parse(next.next);
    for (const agreement of agreements) until = Math.min(until, Date.parse(agreement.validUntil));
    if (this.#inForce.size >= 10_000) this.#inForce.clear();
    this.#inForce.set(consumer, { version, agreements, from: time, until });
    return agreements;
  }

  async get(id: string): Promise<Agreement | null> {
    const row = await this.#db.get<AgreementRow>(`SELECT ${REPORTED_COLUMNS} FROM agreements WHERE id = ?`, [this.#now().toISOString(), id]);
    return row ? fromRow(row) : null;
  }

  async list(filter: AgreementFilter = {}): Promise<Agreement[]> {
    const at = this.#now().toISOString();
    const { consumer = null, provider = null, status = null } = filter;
    const rows = await this.#db.all<AgreementRow>(
      `SELECT ${REPORTED_COLUMNS} FROM agreements
       WHERE (CAST(? AS TEXT) IS NULL OR consumer = ?) AND (CAST(? AS TEXT) IS NULL OR provider = ?) AND (CAST(? AS TEXT) IS NULL OR ${REPORTED_STATUS} = ?)
       ORDER BY id`,
      [at, consumer, consumer, provider, provider, status, at, status],
    );
    return rows.map(fromRow);
  }

  async create(agreement: NewAgreement, options: CreateOptions = {}): Promise<Agreement> {
    const valid = validateNewAgreement(agreement);
    const { actor = 'platform', reason } = options;
    if (typeof actor !== 'string' || actor.trim() === '') {
      throw new AgreementError('INVALID_AGREEMENT', `Cannot create agreement ${valid.id}`, ['the creation must name its actor (who recorded it)']);
    }
    const now = this.#now().toISOString();
    await this.#db.transaction(function* (tx) {
      yield* insertAgreement(tx, valid, now);
      yield* recordChange(tx, valid.id, null, valid.status, reason?.trim() || null, actor, now);
    });
    return (await this.get(valid.id))!;
  }

  async setStatus(id: string, status: AgreementStatus, options: StatusChangeOptions): Promise<Agreement> {
    const { reason, actor } = options;
    const now = this.#now().toISOString();
    await this.#db.transaction(function* (tx) {
      const from = yield* lockedStatus(tx, id, status);
      const problem = statusChangeProblem(from, status, reason);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, [problem]);
      if (typeof actor !== 'string' || actor.trim() === '') {
        throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, ['the change must name its actor (who made it)']);
      }
      yield* tx.run('UPDATE agreements SET status = ?, updated_at = ? WHERE id = ?', [status, now, id]);
      yield* recordChange(tx, id, from, status, reason?.trim() || null, actor, now);
    });
    return (await this.get(id))!;
  }

  async history(id: string): Promise<AgreementStatusChange[]> {
    const rows = await this.#db.all<HistoryRow>(
      'SELECT agreement_id, from_status, to_status, reason, actor, changed_at FROM agreement_status_history WHERE agreement_id = ? ORDER BY id', [id],
    );
    return rows.map(toStatusChange);
  }

  async version(): Promise<number> {
    return (await this.#db.get<{ version: number }>(`SELECT version FROM change_counters WHERE name = 'agreements'`))!.version;
  }

  async #active(consumer: string, at: string): Promise<Agreement[]> {
    return (await this.#db.all<AgreementRow>(ACTIVE_AGREEMENTS_SQL, [consumer, at, at])).map(fromRow);
  }
}

/** Inserts the agreement row; AGREEMENT_EXISTS when the id is taken, even by a racing transaction. */
export function* insertAgreement(tx: Tx, agreement: Agreement, now: string): Work<void> {
  const exists = () => new AgreementError('AGREEMENT_EXISTS', `Cannot create agreement ${agreement.id}`, ['an agreement with that id already exists']);
  if (yield* tx.get('SELECT id FROM agreements WHERE id = ?', [agreement.id])) throw exists();
  try {
    yield* tx.run(
      `INSERT INTO agreements (id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [agreement.id, agreement.consumer, agreement.provider, JSON.stringify(agreement.items), agreement.purpose, agreement.legalBasis,
        agreement.validFrom, agreement.validUntil, agreement.status, now, now],
    );
  } catch (error) {
    throw isUniqueViolation(error) ? exists() : error;
  }
}

/** The stored status of `id`, its row locked until the transaction ends; AGREEMENT_NOT_FOUND when unknown. */
export function* lockedStatus(tx: Tx, id: string, to: AgreementStatus): Work<StoredStatus> {
  const subject = `Cannot set agreement ${id} to ${to}`;
  const from = (yield* tx.get<{ status: string }>(`SELECT status FROM agreements WHERE id = ?${tx.forUpdate}`, [id]))?.status;
  if (from === undefined) throw new AgreementError('AGREEMENT_NOT_FOUND', subject, ['no agreement has that id']);
  if (!isStoredStatus(from)) throw new Error(`${subject}: its stored status "${from}" is unknown.`);
  return from;
}

/** Appends a status-history row and bumps the change counter. */
export function* recordChange(tx: Tx, id: string, from: string | null, to: string, reason: string | null, actor: string, at: string): Work<void> {
  yield* tx.run(
    'INSERT INTO agreement_status_history (agreement_id, from_status, to_status, reason, actor, changed_at) VALUES (?, ?, ?, ?, ?, ?)',
    [id, from, to, reason, actor, at],
  );
  yield* tx.run(`UPDATE change_counters SET version = version + 1 WHERE name = 'agreements'`);
}

function fromRow(row: AgreementRow): Agreement {
  return toAgreement({ ...row, items: fromJson<string[]>(row.items) });
}

/** Fail closed on a bad clock: an invalid Date would compare as no time at all. */
function timestamp(at: Date, operation: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new TypeError(`${operation}: \`at\` must be a valid Date; got ${String(at)}.`);
  }
  return at.toISOString();
}
