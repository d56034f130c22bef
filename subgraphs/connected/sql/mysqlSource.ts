/**
 * A MySQL or MariaDB database read through a mysql2 pool. Every new connection is made read-only
 * (`SET SESSION TRANSACTION READ ONLY`) before it serves a read, and every read has a deadline (mysql2's `timeout`,
 * which abandons the connection). Dates and big numbers stay strings as the database writes them.
 */
import mysql from 'mysql2/promise';
import { SourceFailure, type Row, type SqlSource, type SqlSourceOptions, type TableSchema, type WritePrivilege } from './sqlSource.ts';

const WRITE_PRIVILEGES = ['INSERT', 'UPDATE', 'DELETE', 'DROP', 'ALTER', 'CREATE'];

export async function openMysqlSource(url: string, options: SqlSourceOptions): Promise<SqlSource> {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!database) throw new Error(`the URL names no database (mysql://user@host:3306/<database>)`);
  const pool = mysql.createPool({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password),
    database,
    connectionLimit: options.poolSize,
    connectTimeout: options.connectTimeoutMs,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectAttributes: { program_name: options.applicationName },
  });
  // Queued before any read on the connection: mysql2 runs one connection's commands in order.
  pool.pool.on('connection', (connection) => {
    connection.query('SET SESSION TRANSACTION READ ONLY');
  });
  let executed = 0;
  const location = `mysql://${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}/${database}`;

  async function run(sql: string, params: readonly unknown[]): Promise<Row[]> {
    executed++;
    try {
      const [rows] = await pool.query({ sql, timeout: options.statementTimeoutMs, values: params as unknown[] });
      return rows as Row[];
    } catch (error) {
      throw failure(error, options.statementTimeoutMs);
    }
  }

  return {
    dialect: 'mysql',
    location,
    get statementsExecuted() {
      return executed;
    },
    query: run,
    async describe() {
      const tables = await run(`SELECT TABLE_NAME AS name, TABLE_TYPE AS kind FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`, [database]);
      const columns = await run(
        `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
        [database],
      );
      const keys = await run(
        `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS refTable,
           k.REFERENCED_COLUMN_NAME AS refCol
         FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = ? AND (k.CONSTRAINT_NAME = 'PRIMARY' OR k.REFERENCED_TABLE_NAME IS NOT NULL)
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
        [database],
      );
      return tables.map((t): TableSchema => {
        const own = keys.filter((k) => k.tbl === t.name);
        const foreign = new Map<string, { columns: string[]; table: string; references: string[] }>();
        for (const k of own.filter((k) => k.name !== 'PRIMARY')) {
          const fk = foreign.get(k.name as string) ?? { columns: [], table: k.refTable as string, references: [] };
          fk.columns.push(k.col as string);
          fk.references.push(k.refCol as string);
          foreign.set(k.name as string, fk);
        }
        return {
          name: t.name as string,
          kind: t.kind === 'VIEW' ? 'view' : 'table',
          columns: columns
            .filter((c) => c.tbl === t.name)
            .map((c) => ({
              name: c.name as string,
              // tinyint(1) is how MySQL spells a boolean
              dataType: String(c.columnType).toLowerCase() === 'tinyint(1)' ? 'boolean' : String(c.dataType).toLowerCase(),
              nullable: c.nullable === 'YES',
            })),
          primaryKey: own.filter((k) => k.name === 'PRIMARY').map((k) => k.col as string),
          foreignKeys: [...foreign.values()],
        };
      });
    },
    async writePrivileges(tables) {
      const marks = WRITE_PRIVILEGES.map(() => '?').join(', ');
      const grantee = `CONCAT("'", SUBSTRING_INDEX(CURRENT_USER(), '@', 1), "'@'", SUBSTRING_INDEX(CURRENT_USER(), '@', -1), "'")`;
      const rows = await run(
        `SELECT '*' AS tbl, PRIVILEGE_TYPE AS privilege FROM information_schema.USER_PRIVILEGES
           WHERE GRANTEE = ${grantee} AND PRIVILEGE_TYPE IN (${marks})
         UNION ALL SELECT '*', PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES
           WHERE GRANTEE = ${grantee} AND TABLE_SCHEMA = ? AND PRIVILEGE_TYPE IN (${marks})
         UNION ALL SELECT TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES
           WHERE GRANTEE = ${grantee} AND TABLE_SCHEMA = ? AND TABLE_NAME IN (${tables.map(() => '?').join(', ') || 'NULL'}) AND PRIVILEGE_TYPE IN (${marks})`,
        [...WRITE_PRIVILEGES, database, ...WRITE_PRIVILEGES, database, ...tables, ...WRITE_PRIVILEGES],
      );
      return rows.map((r): WritePrivilege => ({ table: r.tbl as string, privilege: r.privilege as string }));
    },
    quote,
    qualify: quote, // the pool's connections use the URL's database
    async ping() {
      await run('SELECT 1', []);
    },
    async close() {
      await pool.end();
    },
  };
}

function quote(identifier: string): string {
  return `\`${identifier.replaceAll('`', '``')}\``;
}

function failure(error: unknown, timeoutMs: number): SourceFailure {
  const e = error as { code?: string; message?: string; fatal?: boolean };
  if (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || /timeout/i.test(e.message ?? '')) return new SourceFailure('timeout', `no answer within ${timeoutMs} ms`);
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ECONNRESET' || e.code === 'PROTOCOL_CONNECTION_LOST' || e.code === 'ER_ACCESS_DENIED_ERROR') {
    return new SourceFailure('unreachable', e.message ?? 'the database cannot be reached');
  }
  return new SourceFailure('error', e.code ? `MySQL error ${e.code}: ${e.message ?? ''}` : (e.message ?? String(error)));
}
