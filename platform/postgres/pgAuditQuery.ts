/**
 * `AuditTrail.query` in PostgreSQL: the same filters, order (time, then sequence, newest first), cursors and
 * limits as the SQLite trail (`platform/audit/sqliteAuditQuery.ts`, whose validation and cursors it reuses), the
 * statement built from the filters present so a filter on a term inside records is driven from that term's table,
 * whose key (term, time, sequence) gives the order.
 */
import { decodeCursor, DEFAULT_PAGE_SIZE, instant, MAX_PAGE_SIZE } from '../audit/sqliteAuditQuery.ts';
import type { AuditFilter, AuditPageRequest } from '../audit/trail.ts';

const FILTER_KEYS = new Set(['from', 'to', 'consumer', 'provider', 'item', 'subject', 'kind', 'notConsumer']);
const COLUMNS = 'r.sequence, r.previous_hash, r.hash, r.entry';

export interface PostgresAuditQuery {
  sql: string;
  params: (string | number)[];
  first: number;
}

export function postgresAuditQuery(filter: AuditFilter = {}, page: AuditPageRequest = {}): PostgresAuditQuery {
  checkFilter(filter);
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new TypeError(`Audit query: \`first\` must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${String(first)}.`);
  }
  const params: (string | number)[] = [];
  const param = (value: string | number) => `$${params.push(value)}`;
  const byProvider = (table: string) => (filter.provider !== undefined ? ` AND ${table}.provider = ${param(filter.provider)}` : '');
  const where: string[] = [];
  let driver: string | null = null;
  if (filter.subject !== undefined) {
    driver = 'audit_record_subjects';
    where.push(`d.subject = ${param(filter.subject)}${byProvider('d')}`);
  } else if (filter.item !== undefined) {
    driver = 'audit_record_items';
    where.push(`d.item = ${param(filter.item)}${byProvider('d')}`);
  } else if (filter.provider !== undefined) {
    driver = 'audit_record_providers';
    where.push(`d.provider = ${param(filter.provider)}`);
  }
  const at = driver ? 'd' : 'r';
  if (filter.subject !== undefined && filter.item !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_record_items i WHERE i.item = ${param(filter.item)} AND i.time = d.time AND i.sequence = d.sequence${byProvider('i')})`);
  }
  if (filter.from !== undefined) where.push(`${at}.time >= ${param(instant(filter.from, 'from'))}`);
  if (filter.to !== undefined) where.push(`${at}.time < ${param(instant(filter.to, 'to'))}`);
  if (page.after !== undefined && page.after !== null) {
    const after = decodeCursor(page.after);
    where.push(`(${at}.time, ${at}.sequence) < (${param(after.time)}, ${param(after.sequence)}::bigint)`);
  }
  if (filter.consumer !== undefined) where.push(`r.consumer = ${param(filter.consumer)}`);
  if (filter.kind !== undefined) where.push(`r.kind = ${param(filter.kind)}`);
  if (filter.notConsumer !== undefined) where.push(`(r.consumer IS NULL OR r.consumer <> ${param(filter.notConsumer)})`);
  const conditions = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const limit = param(first + 1);
  // DISTINCT ON folds the rows of one record (an item both served and masked, a subject from two providers).
  const sql = driver
    ? `SELECT DISTINCT ON (d.time, d.sequence) ${COLUMNS}, d.time AS at_time
       FROM ${driver} d JOIN audit_records r ON r.sequence = d.sequence ${conditions}
       ORDER BY d.time DESC, d.sequence DESC LIMIT ${limit}`
    : `SELECT ${COLUMNS} FROM audit_records r ${conditions} ORDER BY r.time DESC, r.sequence DESC LIMIT ${limit}`;
  return { sql, params, first };
}

/** How many records `postgresAuditQuery` would give over every page (its statement without the limit). */
export function postgresAuditCountQuery(filter: AuditFilter = {}): { sql: string; params: (string | number | null)[] } {
  const { sql, params } = postgresAuditQuery(filter);
  // The limit is the last parameter; LIMIT NULL is no limit.
  return { sql: `SELECT count(*)::int AS n FROM (${sql}) counted`, params: [...params.slice(0, -1), null] };
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
