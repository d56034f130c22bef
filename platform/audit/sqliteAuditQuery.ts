/**
 * The SQL of one page of `AuditTrail.query`: records newest first by (time, sequence), every filter and the order
 * served by one index, so a page costs its own size whatever the trail's. A filter on a term inside records
 * (subject, then item, then provider) drives the query from that term's table, whose key (term, time, sequence)
 * gives the order; the record columns (consumer, kind) are checked on the joined record. Without one, the
 * records' own index on (consumer | kind | nothing, time) drives. The statement is built from the filters present,
 * rather than one statement with `? IS NULL OR …` branches, because SQLite picks its index once per statement.
 */
import type { AuditFilter, AuditPageRequest } from './trail.ts';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export interface AuditQuery {
  sql: string;
  params: Record<string, string | number>;
  /** Rows to read: one more than the page, to learn whether there is a next page. */
  limit: number;
  first: number;
}

const FILTER_KEYS = new Set(['from', 'to', 'consumer', 'provider', 'item', 'subject', 'kind', 'notConsumer']);
const COLUMNS = 'r.sequence, r.previous_hash, r.hash, r.entry, r.time';

export function auditQuery(filter: AuditFilter = {}, page: AuditPageRequest = {}): AuditQuery {
  checkFilter(filter);
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new TypeError(`Audit query: \`first\` must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${String(first)}.`);
  }
  const params: Record<string, string | number> = { limit: first + 1 };
  for (const key of ['consumer', 'provider', 'item', 'subject', 'kind', 'notConsumer'] as const) {
    if (filter[key] !== undefined) params[key] = filter[key];
  }
  const byProvider = filter.provider !== undefined ? ' AND {t}.provider = @provider' : '';
  const driver =
    filter.subject !== undefined ? { table: 'audit_record_subjects', condition: `d.subject = @subject${byProvider.replace('{t}', 'd')}` }
    : filter.item !== undefined ? { table: 'audit_record_items', condition: `d.item = @item${byProvider.replace('{t}', 'd')}` }
    : filter.provider !== undefined ? { table: 'audit_record_providers', condition: 'd.provider = @provider' }
    : null;
  const at = driver ? 'd' : 'r';
  const where: string[] = driver ? [driver.condition] : [];
  if (filter.subject !== undefined && filter.item !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_record_items i WHERE i.item = @item AND i.time = d.time AND i.sequence = d.sequence${byProvider.replace('{t}', 'i')})`);
  }
  if (filter.from !== undefined) {
    params.from = instant(filter.from, 'from');
    where.push(`${at}.time >= @from`);
  }
  if (filter.to !== undefined) {
    params.to = instant(filter.to, 'to');
    where.push(`${at}.time < @to`);
  }
  if (page.after !== undefined && page.after !== null) {
    const after = decodeCursor(page.after);
    params.afterTime = after.time;
    params.afterSequence = after.sequence;
    where.push(`(${at}.time, ${at}.sequence) < (@afterTime, @afterSequence)`);
  }
  if (filter.consumer !== undefined) where.push('r.consumer = @consumer');
  if (filter.kind !== undefined) where.push('r.kind = @kind');
  if (filter.notConsumer !== undefined) where.push('(r.consumer IS NULL OR r.consumer <> @notConsumer)');
  const conditions = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // CROSS JOIN keeps the term's table as the outer loop, so its index gives the order; GROUP BY folds the rows of
  // one record (an item both served and masked, a subject from two providers) in that same index order.
  const sql = driver
    ? `SELECT ${COLUMNS} FROM ${driver.table} d CROSS JOIN audit_records r ON r.sequence = d.sequence ${conditions}
       GROUP BY d.time, d.sequence ORDER BY d.time DESC, d.sequence DESC LIMIT @limit`
    : `SELECT ${COLUMNS} FROM audit_records r ${conditions} ORDER BY r.time DESC, r.sequence DESC LIMIT @limit`;
  return { sql, params, limit: first + 1, first };
}

/**
 * The same page among the records whose subject rows are not written yet (listed in `audit_unindexed`, a few
 * hundred at most, the newest): the subject is looked for in each record's content. Only for a subject filter;
 * the trail merges its rows with the indexed query's (sqliteAuditTrail.ts).
 */
export function auditBacklogQuery(filter: AuditFilter, page: AuditPageRequest = {}): AuditQuery {
  const { params, limit, first } = auditQuery(filter, page);
  const byProvider = filter.provider !== undefined ? ' AND p.key = @provider' : '';
  const where = [`EXISTS (SELECT 1 FROM json_each(r.entry, '$.providers') p, json_each(p.value, '$.subjects') s WHERE s.value = @subject${byProvider})`];
  if (filter.item !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_record_items i WHERE i.item = @item AND i.time = r.time AND i.sequence = r.sequence${filter.provider !== undefined ? ' AND i.provider = @provider' : ''})`);
  }
  if (filter.from !== undefined) where.push('r.time >= @from');
  if (filter.to !== undefined) where.push('r.time < @to');
  if (page.after !== undefined && page.after !== null) where.push('(r.time, r.sequence) < (@afterTime, @afterSequence)');
  if (filter.consumer !== undefined) where.push('r.consumer = @consumer');
  if (filter.kind !== undefined) where.push('r.kind = @kind');
  if (filter.notConsumer !== undefined) where.push('(r.consumer IS NULL OR r.consumer <> @notConsumer)');
  const sql = `SELECT ${COLUMNS} FROM audit_unindexed u JOIN audit_records r ON r.sequence = u.sequence WHERE ${where.join(' AND ')}
    ORDER BY r.time DESC, r.sequence DESC LIMIT @limit`;
  return { sql, params, limit, first };
}

/**
 * How many records `auditQuery` (and, by subject, `auditBacklogQuery`) would give over every page: the same
 * statements without their limit, a record found by both counted once.
 */
export function auditCountQuery(filter: AuditFilter = {}): { sql: string; params: Record<string, string | number> } {
  const indexed = auditQuery(filter);
  const params = { ...indexed.params, limit: -1 };
  if (filter.subject === undefined) return { sql: `SELECT count(*) FROM (${indexed.sql})`, params };
  const backlog = auditBacklogQuery(filter);
  return { sql: `SELECT count(*) FROM (SELECT sequence FROM (${indexed.sql}) UNION SELECT sequence FROM (${backlog.sql}))`, params };
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
