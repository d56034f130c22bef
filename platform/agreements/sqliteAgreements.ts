/**
 * Agreements in the platform's SQLite database. Every write runs in an IMMEDIATE transaction that also bumps
 * the `agreements` change counter, so `version()` moves with every change whichever process made it.
 * Items are stored as a JSON array on the agreement row, so the per-request lookup stays one statement; and a
 * consumer's agreements in force are kept in memory until the change counter moves or one of them starts or
 * ends, so most requests read only the counter (one row by its primary key).
 */
import type Database from 'better-sqlite3';
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';
import { AgreementError } from './errors.ts';
import { isStoredStatus, statusChangeProblem } from './lifecycle.ts';
import { toAgreement, toStatusChange, type AgreementRow, type HistoryRow } from './rows.ts';
import type { AgreementFilter, AgreementStatusChange, AgreementStore, CreateOptions, NewAgreement, StatusChangeOptions } from './types.ts';
import { validateNewAgreement } from './validation.ts';

export interface SqliteAgreementStoreOptions {
  /** An open platform database, migrated (see `openSqlite`). Required. */
  db: Database.Database;
  /** The clock for reported statuses and history timestamps. Default `() => new Date()`. */
  now?: () => Date;
}

/** An agreement row as SQLite returns it, its items still JSON text. */
interface StoredAgreementRow extends Omit<AgreementRow, 'items'> {
  items: string;
}

/** The per-request lookup, exported for the test that proves it searches an index rather than scanning. */
export const ACTIVE_AGREEMENTS_SQL = `
  SELECT id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status
  FROM agreements
  WHERE consumer = @consumer AND status = 'APPROVED' AND valid_until > @at AND valid_from <= @at
  ORDER BY id`;

const REPORTED_STATUS = `CASE WHEN status = 'APPROVED' AND valid_until <= @at THEN 'EXPIRED' ELSE status END`;
const REPORTED_COLUMNS = `id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, ${REPORTED_STATUS} AS status`;

export class SqliteAgreementStore implements AgreementStore {
  readonly #now: () => Date;
  readonly #active: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #list: Database.Statement;
  readonly #version: Database.Statement;
  readonly #history: Database.Statement;
  readonly #nextStart: Database.Statement;
  /** Per consumer: its agreements in force, the counter they were read at and the span in which they stay in force. */
  readonly #inForce = new Map<string, { version: number; agreements: Agreement[]; from: number; until: number }>();
  readonly #create: (agreement: Agreement, options: CreateOptions) => void;
  readonly #setStatus: (id: string, status: AgreementStatus, options: StatusChangeOptions) => void;

  constructor(options: SqliteAgreementStoreOptions) {
    const { db } = options;
    if (!db) throw new TypeError('SqliteAgreementStore: option `db` is required (an open, migrated platform database).');
    this.#now = options.now ?? (() => new Date());
    this.#active = db.prepare(ACTIVE_AGREEMENTS_SQL);
    this.#byId = db.prepare(`SELECT ${REPORTED_COLUMNS} FROM agreements WHERE id = @id`);
    this.#list = db.prepare(`
      SELECT ${REPORTED_COLUMNS} FROM agreements
      WHERE (@consumer IS NULL OR consumer = @consumer)
        AND (@provider IS NULL OR provider = @provider)
        AND (@status IS NULL OR ${REPORTED_STATUS} = @status)
      ORDER BY id`);
    this.#version = db.prepare(`SELECT version FROM change_counters WHERE name = 'agreements'`).pluck();
    this.#nextStart = db
      .prepare(`SELECT min(valid_from) FROM agreements WHERE consumer = @consumer AND status = 'APPROVED' AND valid_from > @at AND valid_until > valid_from`)
      .pluck();
    this.#history = db.prepare(`
      SELECT agreement_id, from_status, to_status, reason, actor, changed_at
      FROM agreement_status_history WHERE agreement_id = ? ORDER BY id`);

    const storedStatus = db.prepare('SELECT status FROM agreements WHERE id = ?').pluck();
    const insert = db.prepare(`
      INSERT INTO agreements (id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status, created_at, updated_at)
      VALUES (@id, @consumer, @provider, @items, @purpose, @legalBasis, @validFrom, @validUntil, @status, @now, @now)`);
    const update = db.prepare('UPDATE agreements SET status = ?, updated_at = ? WHERE id = ?');
    const recordChange = db.prepare(`
      INSERT INTO agreement_status_history (agreement_id, from_status, to_status, reason, actor, changed_at)
      VALUES (?, ?, ?, ?, ?, ?)`);
    const bump = db.prepare(`UPDATE change_counters SET version = version + 1 WHERE name = 'agreements'`);

    const create = db.transaction((agreement: Agreement, { actor = 'platform', reason }: CreateOptions) => {
      const subject = `Cannot create agreement ${agreement.id}`;
      if (typeof actor !== 'string' || actor.trim() === '') {
        throw new AgreementError('INVALID_AGREEMENT', subject, ['the creation must name its actor (who recorded it)']);
      }
      if (storedStatus.get(agreement.id) !== undefined) {
        throw new AgreementError('AGREEMENT_EXISTS', subject, ['an agreement with that id already exists']);
      }
      const now = this.#now().toISOString();
      insert.run({ ...agreement, items: JSON.stringify(agreement.items), now });
      recordChange.run(agreement.id, null, agreement.status, reason?.trim() || null, actor, now);
      bump.run();
    });
    this.#create = (agreement, createOptions) => create.immediate(agreement, createOptions);

    const setStatus = db.transaction((id: string, status: AgreementStatus, { reason, actor }: StatusChangeOptions) => {
      const subject = `Cannot set agreement ${id} to ${status}`;
      const from = storedStatus.get(id) as string | undefined;
      if (from === undefined) throw new AgreementError('AGREEMENT_NOT_FOUND', subject, ['no agreement has that id']);
      if (!isStoredStatus(from)) throw new Error(`${subject}: its stored status "${from}" is unknown.`);
      const problem = statusChangeProblem(from, status, reason);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', subject, [problem]);
      if (typeof actor !== 'string' || actor.trim() === '') {
        throw new AgreementError('INVALID_STATUS_CHANGE', subject, ['the change must name its actor (who made it)']);
      }
      const now = this.#now().toISOString();
      update.run(status, now, id);
      recordChange.run(id, from, status, reason?.trim() || null, actor, now);
      bump.run();
    });
    this.#setStatus = (id, status, changeOptions) => setStatus.immediate(id, status, changeOptions);
  }

  async agreementsFor(consumer: string, at: Date): Promise<Agreement[]> {
    const iso = timestamp(at, 'agreementsFor');
    const time = at.getTime();
    const version = this.#version.get() as number;
    const known = this.#inForce.get(consumer);
    if (known && known.version === version && known.from <= time && time < known.until) return known.agreements;
    const agreements = (this.#active.all({ consumer, at: iso }) as StoredAgreementRow[]).map(fromStored);
    // In force until the first of them ends or the next approved one starts, whichever comes first.
    const next = this.#nextStart.get({ consumer, at: iso }) as string | null;
    let until = next === null ? Number.POSITIVE_INFINITY : Date.parse(next);
    for (const agreement of agreements) until = Math.min(until, Date.parse(agreement.validUntil));
    if (this.#inForce.size >= 10_000) this.#inForce.clear();
    this.#inForce.set(consumer, { version, agreements, from: time, until });
    return agreements;
  }

  async get(id: string): Promise<Agreement | null> {
    const row = this.#byId.get({ id, at: this.#now().toISOString() }) as StoredAgreementRow | undefined;
    return row ? fromStored(row) : null;
  }

  async list(filter: AgreementFilter = {}): Promise<Agreement[]> {
    const rows = this.#list.all({
      consumer: filter.consumer ?? null,
      provider: filter.provider ?? null,
      status: filter.status ?? null,
      at: this.#now().toISOString(),
    }) as StoredAgreementRow[];
    return rows.map(fromStored);
  }

  async create(agreement: NewAgreement, options: CreateOptions = {}): Promise<Agreement> {
    const valid = validateNewAgreement(agreement);
    this.#create(valid, options);
    return (await this.get(valid.id))!;
  }

  async setStatus(id: string, status: AgreementStatus, options: StatusChangeOptions): Promise<Agreement> {
    this.#setStatus(id, status, options);
    return (await this.get(id))!;
  }

  async history(id: string): Promise<AgreementStatusChange[]> {
    return (this.#history.all(id) as HistoryRow[]).map(toStatusChange);
  }

  async version(): Promise<number> {
    return this.#version.get() as number;
  }
}

function fromStored(row: StoredAgreementRow): Agreement {
  return toAgreement({ ...row, items: JSON.parse(row.items) as string[] });
}

/** Fail closed on a bad clock: an invalid Date would compare as no time at all. */
function timestamp(at: Date, operation: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new TypeError(`${operation}: \`at\` must be a valid Date; got ${String(at)}.`);
  }
  return at.toISOString();
}
