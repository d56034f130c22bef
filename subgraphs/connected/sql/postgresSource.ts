/**
 * A PostgreSQL database read through a pg pool. Every session is read-only (`default_transaction_read_only`) with a
 * server-side statement deadline (`statement_timeout`) and a client-side one just after it, so neither a slow plan
 * nor a lost connection holds a request. Dates stay as the database writes them (`2019-05-20`, no time-zone
 * shift); timestamps with a zone become ISO 8601 in UTC.
 */
import pg from 'pg';
import { SourceFailure, type Row, type SqlSource, type SqlSourceOptions, type TableSchema, type WritePrivilege } from './sqlSource.ts';

const RAW_TEXT = new Set([1082 /* date */, 1083 /* time */, 1114 /* timestamp */, 1700 /* numeric */, 20 /* int8 */]);

export async function openPostgresSource(url: string, schema: string, options: SqlSourceOptions): Promise<SqlSource> {
  const getTypeParser = ((oid: number, format?: 'text') => {
    if (RAW_TEXT.has(oid)) return (value: string) => value;
    if (oid === 1184) return (value: string) => new Date(value).toISOString();
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1_000,
    application_name: options.applicationName,
    options: '-c default_transaction_read_only=on',
    types: { getTypeParser },
  });
  pool.on('error', () => {}); // an idle connection that dies is replaced; the next query reports it
  let executed = 0;
  const parsed = new URL(url);
  const location = `postgres://${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname} schema ${schema}`;

  async function run(sql: string, params: readonly unknown[]): Promise<Row[]> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    executed++;
    try {
      return (await pool.query(text, params as unknown[])).rows as Row[];
    } catch (error) {
      throw failure(error, options.statementTimeoutMs);
    }
  }

  return {
    dialect: 'postgres',
    location,
    get statementsExecuted() {
      return executed;
    },
    query: run,
    async describe() {
      const relations = await run(
        `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY c.relname`,
        [schema],
      );
      const columns = await run(
        `SELECT table_name AS "table", column_name AS name, data_type AS "dataType", is_nullable = 'YES' AS nullable
         FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position`,
        [schema],
      );
      const constraints = await run(
        `SELECT con.contype AS kind, rel.relname AS "table", frel.relname AS "references",
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS "referencedColumns"
         FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
         LEFT JOIN pg_class frel ON frel.oid = con.confrelid
         WHERE ns.nspname = ? AND con.contype IN ('p', 'f') ORDER BY rel.relname, con.conname`,
        [schema],
      );
      return relations.map((r): TableSchema => ({
        name: r.name as string,
        kind: r.kind === 'v' || r.kind === 'm' ? 'view' : 'table',
        columns: columns
          .filter((c) => c.table === r.name)
          .map((c) => ({ name: c.name as string, dataType: String(c.dataType).toLowerCase(), nullable: c.nullable === true })),
        primaryKey: (constraints.find((k) => k.kind === 'p' && k.table === r.name)?.columns as string[] | undefined) ?? [],
        foreignKeys: constraints
          .filter((k) => k.kind === 'f' && k.table === r.name)
          .map((k) => ({ columns: k.columns as string[], table: k.references as string, references: k.referencedColumns as string[] })),
      }));
    },
    async writePrivileges(tables) {
      const superuser = await run(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`, []);
      if (superuser[0]?.rolsuper === true) return [{ table: '*', privilege: 'SUPERUSER' }];
      const rows = await run(
        `SELECT t AS "table", p AS privilege FROM unnest(?::text[]) AS t CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p
         WHERE has_table_privilege(current_user, format('%I.%I', ?::text, t), p) ORDER BY 1, 2`,
        [tables, schema],
      );
      return rows as unknown as WritePrivilege[];
    },
    quote,
    qualify: (table) => `${quote(schema)}.${quote(table)}`,
    async ping() {
      await run('SELECT 1', []);
    },
    async close() {
      await pool.end();
    },
  };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function failure(error: unknown, timeoutMs: number): SourceFailure {
  const e = error as { code?: string; message?: string };
  if (e.code === '57014' || /timeout/i.test(e.message ?? '')) return new SourceFailure('timeout', `no answer within ${timeoutMs} ms`);
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ECONNRESET' || e.code?.startsWith('08') || /terminat|connect/i.test(e.message ?? '')) {
    return new SourceFailure('unreachable', e.message ?? 'the database cannot be reached');
  }
  return new SourceFailure('error', e.code ? `PostgreSQL error ${e.code}: ${e.message ?? ''}` : (e.message ?? String(error)));
}
