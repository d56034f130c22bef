/**
 * Applications in the platform's SQLite database. Each write is one IMMEDIATE transaction that changes the
 * agreement row, appends its status history, bumps the `agreements` change counter and writes the application
 * row together, so the gateway (which reads agreements through `AgreementStore`) sees an application, a decision
 * or a revocation whole or not at all. The agreement rows are written exactly as `PlatformAgreementStore` writes
 * them, under the same rules (`validateNewAgreement`, `statusChangeProblem`); the workflow writes them itself
 * only because `AgreementStore` can neither narrow an approval's terms nor share a transaction.
 */
import type Database from 'better-sqlite3';
import type { AgreementStatus } from '../../sharing/types.ts';
import { AgreementError } from '../agreements/errors.ts';
import { isStoredStatus, statusChangeProblem } from '../agreements/lifecycle.ts';
import type { HistoryRow } from '../agreements/rows.ts';
import { validateNewAgreement } from '../agreements/validation.ts';
import { toApplication, type ApplicationRow } from './rows.ts';
import { sequenceReserver } from './sqliteSequences.ts';
import { shanghaiDate } from './workingDays.ts';
import type { Application, ApplicationQuery, ApplicationRecords, NewApplicationRecord, PageRequest, RecordPage, RecordedChange } from './types.ts';

/** An application row as SQLite returns it, its JSON columns still text. */
interface StoredApplicationRow extends Omit<ApplicationRow, 'items' | 'requested_items'> {
  items: string;
  requested_items: string | null;
}

const REPORTED_STATUS = `CASE WHEN a.status = 'APPROVED' AND a.valid_until <= @at THEN 'EXPIRED' ELSE a.status END`;
const OVERDUE = `(a.status = 'PENDING' AND p.deadline IS NOT NULL AND p.deadline <= @at)`;
const SELECT_APPLICATIONS = `
  SELECT a.id, a.consumer, a.provider, a.items, a.purpose, a.legal_basis, a.valid_from, a.valid_until,
         ${REPORTED_STATUS} AS status, p.scenario, p.applicant_application, p.applicant_department, p.applied_at,
         p.deadline, p.requested_items, p.requested_valid_from, p.requested_valid_until
  FROM agreements a LEFT JOIN applications p ON p.agreement_id = a.id`;
const MATCHING = `
  WHERE (@visibleTo IS NULL OR a.consumer = @visibleTo OR a.provider = @visibleTo)
    AND (@consumer IS NULL OR a.consumer = @consumer)
    AND (@provider IS NULL OR a.provider = @provider)
    AND (@status IS NULL OR ${REPORTED_STATUS} = @status)
    AND (@statuses IS NULL OR ${REPORTED_STATUS} IN (SELECT value FROM json_each(@statuses)))
    AND (@overdue IS NULL OR ${OVERDUE} = @overdue)`;

export class SqliteApplicationRecords implements ApplicationRecords {
  readonly #reserve: (series: string) => number;
  readonly #create: (record: NewApplicationRecord) => void;
  readonly #change: (id: string, status: AgreementStatus, change: RecordedChange, terms?: { items: string[]; validUntil: string }) => void;
  readonly #byId: Database.Statement;
  readonly #list: Database.Statement;
  readonly #count: Database.Statement;
  readonly #history: Database.Statement;
  /** Runs reads in one (deferred) transaction: a page and its count from the same snapshot. */
  readonly #snapshot: <T>(read: () => T) => T;

  constructor(db: Database.Database) {
    this.#reserve = sequenceReserver(db, `SELECT max(CAST(substr(id, 10) AS INTEGER)) FROM agreements WHERE id GLOB ? || '-[0-9]*'`);
    this.#byId = db.prepare(`${SELECT_APPLICATIONS} WHERE a.id = @id`);
    this.#list = db.prepare(`${SELECT_APPLICATIONS}${MATCHING}
        AND (@afterId IS NULL OR a.id > @afterId)
      ORDER BY a.id LIMIT @limit`);
    this.#count = db.prepare(`SELECT count(*) FROM agreements a LEFT JOIN applications p ON p.agreement_id = a.id${MATCHING}`).pluck();
    this.#snapshot = (read) => db.transaction(read)();
    this.#history = db.prepare(`
      SELECT agreement_id, from_status, to_status, reason, actor, changed_at FROM agreement_status_history
      WHERE agreement_id IN (SELECT value FROM json_each(?)) ORDER BY id`);

    const insertAgreement = db.prepare(`
      INSERT INTO agreements (id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status, created_at, updated_at)
      VALUES (@id, @consumer, @provider, @items, @purpose, @legalBasis, @validFrom, @validUntil, 'PENDING', @now, @now)`);
    const insertApplication = db.prepare(`
      INSERT INTO applications (agreement_id, scenario, applicant_application, applicant_department, applied_at, deadline,
                                requested_items, requested_valid_from, requested_valid_until)
      VALUES (@id, @scenario, @application, @department, @now, @deadline, @items, @validFrom, @validUntil)`);
    const storedStatus = db.prepare('SELECT status FROM agreements WHERE id = ?').pluck();
    const updateStatus = db.prepare('UPDATE agreements SET status = @status, updated_at = @now WHERE id = @id');
    const updateTerms = db.prepare('UPDATE agreements SET items = @items, valid_until = @validUntil WHERE id = @id');
    const recordChange = db.prepare(`
      INSERT INTO agreement_status_history (agreement_id, from_status, to_status, reason, actor, changed_at)
      VALUES (?, ?, ?, ?, ?, ?)`);
    const bump = db.prepare(`UPDATE change_counters SET version = version + 1 WHERE name = 'agreements'`);

    const create = db.transaction((record: NewApplicationRecord) => {
      const agreement = validateNewAgreement({ ...record.agreement, status: 'PENDING' });
      const now = record.appliedAt.toISOString();
      const row = { ...agreement, items: JSON.stringify(agreement.items), now };
      if (storedStatus.get(agreement.id) !== undefined) {
        throw new AgreementError('AGREEMENT_EXISTS', `Cannot create agreement ${agreement.id}`, ['an agreement with that id already exists']);
      }
      insertAgreement.run(row);
      recordChange.run(agreement.id, null, 'PENDING', null, record.applicant.application, now);
      bump.run();
      insertApplication.run({ ...row, ...record.applicant, scenario: record.scenario, deadline: record.deadline.toISOString() });
    });
    this.#create = (record) => create.immediate(record);

    const change = db.transaction((id: string, status: AgreementStatus, { actor, reason, at }: RecordedChange, terms?: { items: string[]; validUntil: string }) => {
      const subject = `Cannot set agreement ${id} to ${status}`;
      const from = storedStatus.get(id) as string | undefined;
      if (from === undefined) throw new AgreementError('AGREEMENT_NOT_FOUND', subject, ['no agreement has that id']);
      if (!isStoredStatus(from)) throw new Error(`${subject}: its stored status "${from}" is unknown.`);
      const problem = statusChangeProblem(from, status, reason ?? undefined);
      if (problem) throw new AgreementError('INVALID_STATUS_CHANGE', subject, [problem]);
      const now = at.toISOString();
      if (terms) updateTerms.run({ id, items: JSON.stringify(terms.items), validUntil: terms.validUntil });
      updateStatus.run({ id, status, now });
      recordChange.run(id, from, status, reason, actor, now);
      bump.run();
    });
    this.#change = (id, status, recorded, terms) => change.immediate(id, status, recorded, terms);
  }

  async reserveId(at: Date): Promise<string> {
    const series = `AGR-${shanghaiDate(at).slice(0, 4)}`;
    return `${series}-${String(this.#reserve(series)).padStart(4, '0')}`;
  }

  async create(record: NewApplicationRecord): Promise<void> {
    this.#create(record);
  }

  async approve(id: string, terms: { items: string[]; validUntil: string }, change: RecordedChange): Promise<void> {
    this.#change(id, 'APPROVED', change, terms);
  }

  async close(id: string, status: 'REJECTED' | 'REVOKED', change: RecordedChange): Promise<void> {
    this.#change(id, status, change);
  }

  async get(id: string, at: Date): Promise<Application | null> {
    const row = this.#byId.get({ id, at: at.toISOString() }) as StoredApplicationRow | undefined;
    return row ? this.#withHistory([row], at)[0]! : null;
  }

  async list(query: ApplicationQuery, at: Date): Promise<Application[]> {
    const rows = this.#list.all({ ...matching(query, at), afterId: null, limit: -1 }) as StoredApplicationRow[];
    return this.#withHistory(rows, at);
  }

  async page(query: ApplicationQuery, page: PageRequest, at: Date): Promise<RecordPage<Application>> {
    const params = matching(query, at);
    return this.#snapshot(() => {
      // One more than asked: whether another page follows.
      const rows = this.#list.all({ ...params, afterId: page.afterId, limit: page.first + 1 }) as StoredApplicationRow[];
      const records = this.#withHistory(rows.slice(0, page.first), at);
      return { records, hasNextPage: rows.length > page.first, totalCount: this.#count.get(params) as number };
    });
  }

  #withHistory(rows: StoredApplicationRow[], at: Date): Application[] {
    const history = new Map<string, HistoryRow[]>();
    if (rows.length > 0) {
      for (const change of this.#history.all(JSON.stringify(rows.map((row) => row.id))) as HistoryRow[]) {
        history.set(change.agreement_id, [...(history.get(change.agreement_id) ?? []), change]);
      }
    }
    return rows.map((row) => toApplication(decoded(row), history.get(row.id) ?? [], at));
  }
}

/** The named parameters of `MATCHING`. */
function matching(query: ApplicationQuery, at: Date) {
  return {
    visibleTo: query.visibleTo,
    consumer: query.consumer ?? null,
    provider: query.provider ?? null,
    status: query.status ?? null,
    statuses: query.statuses ? JSON.stringify(query.statuses) : null,
    overdue: query.overdue === undefined ? null : Number(query.overdue),
    at: at.toISOString(),
  };
}

function decoded(row: StoredApplicationRow): ApplicationRow {
  return {
    ...row,
    items: JSON.parse(row.items) as string[],
    requested_items: row.requested_items === null ? null : JSON.parse(row.requested_items) as string[],
  };
}
