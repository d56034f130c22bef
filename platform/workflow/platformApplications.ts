/**
 * Applications in the platform store, SQLite or PostgreSQL. Each write is one transaction that reads the agreement
 * row locked, changes it, appends its status history, bumps the `agreements` change counter and writes the
 * application row together, so the gateway (which reads agreements through `AgreementStore`) sees an application, a
 * decision or a revocation whole or not at all. The agreement rows are written by `PlatformAgreementStore`'s own
 * writes, under the same rules (`validateNewAgreement`, `statusChangeProblem`); the workflow calls them itself only
 * because `AgreementStore` can neither narrow an approval's terms nor share a transaction.
 */
import type { AgreementStatus } from '../../sharing/types.ts';
import { AgreementError } from '../agreements/errors.ts';
import { statusChangeProblem } from '../agreements/lifecycle.ts';
import { insertAgreement, lockedStatus, recordChange } from '../agreements/platformAgreementStore.ts';
import type { HistoryRow } from '../agreements/rows.ts';
import { validateNewAgreement } from '../agreements/validation.ts';
import { fromJson, type Db, type DialectSql, type Tx, type Work } from '../store/db.ts';
import { toApplication, type ApplicationRow } from './rows.ts';
import { reserveNumber } from './sequences.ts';
import { shanghaiDate } from './workingDays.ts';
import type { Application, ApplicationQuery, ApplicationRecords, NewApplicationRecord, PageRequest, RecordPage, RecordedChange } from './types.ts';

/** Its one parameter is the instant statuses are reported at. */
const REPORTED_STATUS = `CASE WHEN a.status = 'APPROVED' AND a.valid_until <= ? THEN 'EXPIRED' ELSE a.status END`;
const FROM = 'FROM agreements a LEFT JOIN applications p ON p.agreement_id = a.id';
const SELECT_APPLICATIONS = `
  SELECT a.id, a.consumer, a.provider, a.items, a.purpose, a.legal_basis, a.valid_from, a.valid_until,
         ${REPORTED_STATUS} AS status, p.scenario, p.applicant_application, p.applicant_department, p.applied_at,
         p.deadline, p.requested_items, p.requested_valid_from, p.requested_valid_until
  ${FROM}`;

export class PlatformApplicationRecords implements ApplicationRecords {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async reserveId(at: Date): Promise<string> {
    const series = `AGR-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(await reserveNumber(this.#db, 'agreements', series)).padStart(4, '0')}`;
  }

  async create(record: NewApplicationRecord): Promise<void> {
    const agreement = validateNewAgreement({ ...record.agreement, status: 'PENDING' });
    const now = record.appliedAt.toISOString();
    await this.#db.transaction(function* (tx) {
      yield* insertAgreement(tx, agreement, now);
      yield* recordChange(tx, agreement.id, null, 'PENDING', null, record.applicant.application, now);
      yield* tx.run(
        `INSERT INTO applications (agreement_id, scenario, applicant_application, applicant_department, applied_at, deadline,
                                   requested_items, requested_valid_from, requested_valid_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

  async get(id: string, at: Date): Promise<Application | null> {
    const iso = at.toISOString();
    return this.#db.snapshot(function* (tx) {
      const row = yield* tx.get<ApplicationRow>(`${SELECT_APPLICATIONS} WHERE a.id = ?`, [iso, id]);
      return row ? (yield* withHistory(tx, [row], at))[0]! : null;
    });
  }

  async list(query: ApplicationQuery, at: Date): Promise<Application[]> {
    const { where, params } = matching(this.#db, query, at);
    return this.#db.snapshot(function* (tx) {
      return yield* withHistory(tx, yield* tx.all<ApplicationRow>(`${SELECT_APPLICATIONS}${where} ORDER BY a.id`, [at.toISOString(), ...params]), at);
    });
  }

  async page(query: ApplicationQuery, page: PageRequest, at: Date): Promise<RecordPage<Application>> {
    const { where, params } = matching(this.#db, query, at);
    const after = page.afterId === null ? '' : ' AND a.id > ?';
    // The page and its count from one snapshot; one more than asked: whether another page follows.
    return this.#db.snapshot(function* (tx) {
      const rows = yield* tx.all<ApplicationRow>(
        `${SELECT_APPLICATIONS}${where}${after} ORDER BY a.id LIMIT ?`, [at.toISOString(), ...params, ...(page.afterId === null ? [] : [page.afterId]), page.first + 1],
      );
      const counted = yield* tx.get<{ n: number }>(`SELECT count(*) AS n ${FROM}${where}`, params);
      return { records: yield* withHistory(tx, rows.slice(0, page.first), at), hasNextPage: rows.length > page.first, totalCount: Number(counted!.n) };
    });
  }

  async #change(id: string, status: AgreementStatus, { actor, reason, at }: RecordedChange, terms?: { items: string[]; validUntil: string }): Promise<void> {
    const now = at.toISOString();
    await this.#db.transaction(function* (tx) {
      const from = yield* lockedStatus(tx, id, status);
      const problem = statusChangeProblem(from, status, reason ?? undefined);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', `Cannot set agreement ${id} to ${status}`, [problem]);
      if (terms) yield* tx.run('UPDATE agreements SET items = ?, valid_until = ? WHERE id = ?', [JSON.stringify(terms.items), terms.validUntil, id]);
      yield* tx.run('UPDATE agreements SET status = ?, updated_at = ? WHERE id = ?', [status, now, id]);
      yield* recordChange(tx, id, from, status, reason, actor, now);
    });
  }
}

/** The conditions of `query` (only those given), with their parameters in order. */
function matching(sql: DialectSql, query: ApplicationQuery, at: Date): { where: string; params: unknown[] } {
  const iso = at.toISOString();
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => where.push(condition) && params.push(...values);
  if (query.visibleTo !== null) add('(a.consumer = ? OR a.provider = ?)', query.visibleTo, query.visibleTo);
  if (query.consumer !== undefined) add('a.consumer = ?', query.consumer);
  if (query.provider !== undefined) add('a.provider = ?', query.provider);
  if (query.status !== undefined) add(`${REPORTED_STATUS} = ?`, iso, query.status);
  if (query.statuses !== undefined) add(`${REPORTED_STATUS} IN (SELECT value FROM ${sql.jsonEach('?')})`, iso, JSON.stringify(query.statuses));
  if (query.overdue !== undefined) add(`${query.overdue ? '' : 'NOT '}(a.status = 'PENDING' AND p.deadline IS NOT NULL AND p.deadline <= ?)`, iso);
  return { where: where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ' WHERE 1 = 1', params };
}

function* withHistory(tx: Tx, rows: ApplicationRow[], at: Date): Work<Application[]> {
  const history = new Map<string, HistoryRow[]>();
  if (rows.length > 0) {
    const changes = yield* tx.all<HistoryRow>(
      `SELECT agreement_id, from_status, to_status, reason, actor, changed_at FROM agreement_status_history
       WHERE agreement_id IN (SELECT value FROM ${tx.jsonEach('?')}) ORDER BY id`,
      [JSON.stringify(rows.map((row) => row.id))],
    );
    for (const change of changes) history.set(change.agreement_id, [...(history.get(change.agreement_id) ?? []), change]);
  }
  return rows.map((row) => toApplication({
    ...row, items: fromJson<string[]>(row.items), requested_items: row.requested_items === null ? null : fromJson<string[]>(row.requested_items),
  }, history.get(row.id) ?? [], at));
}
