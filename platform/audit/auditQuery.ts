/**
 * The SQL of one page of `AuditTrail.query`, for SQLite and PostgreSQL: records newest first by (time, sequence),
 * every filter and the order served by one index, so a page costs its own size whatever the trail's. A filter on a
 * term inside records (subject, then item, then provider) drives the query from that term's table, whose key (term,
 * time, sequence) gives the order; the record columns (consumer, kind) are checked on the joined record. Without
 * one, the records' own index on (consumer | kind | nothing, time) drives. The statement is built from the filters
 * present, rather than one statement with `? IS NULL OR …` branches, because SQLite picks its index once per
 * statement. Only the folding of a record's several term rows differs between the dialects.
 */
import type { Dialect } from '../store/db.ts';
import type { AuditFilter, AuditPageRequest } from './trail.ts';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export interface AuditQuery {
  sql: string;
  /** In the order of the statement's `?` placeholders. */
  params: (string | number)[];
  /** Rows to read: one more than the page, to learn whether there is a next page. */
  limit: number;
  first: number;
}

const FILTER_KEYS = new Set(['from', 'to', 'consumer', 'provider', 'item', 'subject', 'kind', 'notConsumer']);
const COLUMNS = 'r.sequence, r.previous_hash, r.hash, r.entry, r.time';

export function auditQuery(filter: AuditFilter = {}, page: AuditPageRequest = {}, dialect: Dialect = 'sqlite'): AuditQuery {
  checkFilter(filter);
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new TypeError(`Audit query: \`first\` must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${String(first)}.`);
  }
  const params: (string | number)[] = [];
  const param = (value: string | number) => (params.push(value), '?');
  const byProvider = (table: string) => (filter.provider !== undefined ? ` AND ${table}.provider = ${param(filter.provider)}` : '');
  const where: string[] = [];
  const driver = filter.subject !== undefined ? 'audit_record_subjects' : filter.item !== undefined ? 'audit_record_items' : filter.provider !== undefined ? 'audit_record_providers' : null;
  if (filter.subject !== undefined) where.push(`d.subject = ${param(filter.subject)}${byProvider('d')}`);
  else if (filter.item !== undefined) where.push(`d.item = ${param(filter.item)}${byProvider('d')}`);
  else if (filter.provider !== undefined) where.push(`d.provider = ${param(filter.provider)}`);
  const at = driver ? 'd' : 'r';
  if (filter.subject !== undefined && filter.item !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_record_items i WHERE i.item = ${param(filter.item)} AND i.time = d.time AND i.sequence = d.sequence${byProvider('i')})`);
  }
  where.push(...pageConditions(filter, page, at, param));
  const conditions = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const limit = param(first + 1);
  // SQLite: CROSS JOIN keeps the term's table as the outer loop, so its index gives the order, and GROUP BY folds the
  // rows of one record (an item both served and masked, a subject from two providers) in that same index order.
  // PostgreSQL (no CROSS JOIN … ON): DISTINCT ON folds them.
  const sql = !driver
    ? `SELECT ${COLUMNS} FROM audit_records r ${conditions} ORDER BY r.time DESC, r.sequence DESC LIMIT ${limit}`
    : dialect === 'sqlite'
      ? `SELECT ${COLUMNS} FROM ${driver} d CROSS JOIN audit_records r ON r.sequence = d.sequence ${conditions}
         GROUP BY d.time, d.sequence ORDER BY d.time DESC, d.sequence DESC LIMIT ${limit}`
      : `SELECT DISTINCT ON (d.time, d.sequence) ${COLUMNS} FROM ${driver} d JOIN audit_records r ON r.sequence = d.sequence ${conditions}
         ORDER BY d.time DESC, d.sequence DESC LIMIT ${limit}`;
  return { sql, params, limit: first + 1, first };
}

/** The time range, the cursor and the record columns, on the driving table (`at`) or the record. */
function pageConditions(filter: AuditFilter, page: AuditPageRequest, at: string, param: (value: string | number) => string): string[] {
  const where: string[] = [];
  if (filter.from !== undefined) where.push(`${at}.time >= ${param(instant(filter.from, 'from'))}`);
  if (filter.to !== undefined) where.push(`${at}.time < ${param(instant(filter.to, 'to'))}`);
  if (page.after !== undefined && page.after !== null) {
    const after = decodeCursor(page.after);
    where.push(`(${at}.time, ${at}.sequence) < (${param(after.time)}, ${param(after.sequence)})`);
  }
  if (filter.consumer !== undefined) where.push(`r.consumer = ${param(filter.consumer)}`);
  if (filter.kind !== undefined) where.push(`r.kind = ${param(filter.kind)}`);
  if (filter.notConsumer !== undefined) where.push(`(r.consumer IS NULL OR r.consumer <> ${param(filter.notConsumer)})`);
  return where;
}

/**
 * The same page among the records whose subject rows are not written yet (listed in `audit_unindexed`, a few
 * hundred at most, the newest; SQLite only, whose trail writes them behind the chain): the subject is looked for in
 * each record's content. Only for a subject filter; the trail merges its rows with the indexed query's
 * (sqliteAuditTrail.ts).
 */
export function auditBacklogQuery(filter: AuditFilter, page: AuditPageRequest = {}): AuditQuery {
  const { limit, first } = auditQuery(filter, page);
  const params: (string | number)[] = [];
  const param = (value: string | number) => (params.push(value), '?');
  const byProvider = (table: string) => (filter.provider !== undefined ? ` AND ${table} = ${param(filter.provider)}` : '');
  const where = [`EXISTS (SELECT 1 FROM json_each(r.entry, '$.providers') p, json_each(p.value, '$.subjects') s WHERE s.value = ${param(filter.subject!)}${byProvider('p.key')})`];
  if (filter.item !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_record_items i WHERE i.item = ${param(filter.item)} AND i.time = r.time AND i.sequence = r.sequence${byProvider('i.provider')})`);
  }
  where.push(...pageConditions(filter, page, 'r', param));
  const sql = `SELECT ${COLUMNS} FROM audit_unindexed u JOIN audit_records r ON r.sequence = u.sequence WHERE ${where.join(' AND ')}
    ORDER BY r.time DESC, r.sequence DESC LIMIT ${param(limit)}`;
  return { sql, params, limit, first };
}

/**
 * How many records `auditQuery` (and, by subject in SQLite, `auditBacklogQuery`) would give over every page: the
 * same statements without their limit, a record found by both counted once.
 */
export function auditCountQuery(filter: AuditFilter = {}, dialect: Dialect = 'sqlite'): { sql: string; params: (string | number | null)[] } {
  // The limit is each statement's last parameter: -1 is no limit in SQLite, NULL in PostgreSQL.
  const unlimited = (query: AuditQuery) => [...query.params.slice(0, -1), dialect === 'sqlite' ? -1 : null];
  const indexed = auditQuery(filter, {}, dialect);
  if (filter.subject === undefined || dialect !== 'sqlite') return { sql: `SELECT count(*) AS n FROM (${indexed.sql}) counted`, params: unlimited(indexed) };
  const backlog = auditBacklogQuery(filter);
  return {
    sql: `SELECT count(*) AS n FROM (SELECT sequence FROM (${indexed.sql}) UNION SELECT sequence FROM (${backlog.sql})) counted`,
    params: [...unlimited(indexed), ...unlimited(backlog)],
  };
}

/** Cursors are opaque to callers; inside, the time and sequence of the page's last record. */
export function encodeCursor(record: { time: string; sequence: number }): string {
  return Buffer.from(`audit:${record.time}|${record.sequence}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { time: string; sequence: number } {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^audit:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d+)$/.exec(text);
  if (!match) throw new TypeError(`Audit query: \`after\` is not a cursor this trail issued (${String(cursor)}); pass the endCursor of the previous page.`);
  return { time: match[1]!, sequence: Number(match[2]) };
}

/** An instant as the stored shape (Date.toISOString), so text comparison is time comparison. */
export function instant(value: string | Date, name: string): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Audit: \`${name}\` must be an ISO timestamp or a Date; got ${String(value)}.`);
  return date.toISOString();
}

function checkFilter(filter: AuditFilter): void {
  if (typeof filter !== 'object' || filter === null) throw new TypeError('Audit query: the filter must be an object.');
  for (const [key, value] of Object.entries(filter)) {
    if (!FILTER_KEYS.has(key)) throw new TypeError(`Audit query: unknown filter \`${key}\` (known: ${[...FILTER_KEYS].join(', ')}).`);
    if (key !== 'from' && key !== 'to' && value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new TypeError(`Audit query: filter \`${key}\` must be a non-empty string.`);
    }
  }
}
