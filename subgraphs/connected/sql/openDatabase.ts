/**
 * Opens a mapping's database and proves it can serve the mapping before the department answers anything: the
 * database answers, every mapped table and column exists, and the account cannot write the mapped tables (unless
 * the mapping accepts a writable account with `readOnly: "session"`). Each refusal names the mapping entry and
 * the fix; nothing is served from a database that fails one.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { type ConnectorMapping, type DatabaseSource } from '../mapping/mapping.ts';
import { MappingError } from '../mapping/validateMapping.ts';
import { substituteEnvironment } from '../mapping/environment.ts';
import { openMysqlSource } from './mysqlSource.ts';
import { openPostgresSource } from './postgresSource.ts';
import { openSqliteSource } from './sqliteSource.ts';
import type { SqlSource, TableSchema } from './sqlSource.ts';

export const DATABASE_DEFAULTS = { poolSize: 4, connectTimeoutMs: 5_000, statementTimeoutMs: 5_000, readOnly: 'require', maxKeysPerStatement: 1_000 } as const;

export interface OpenDatabaseOptions {
  /** The mapping file, for messages and relative `sqlite:` paths. */
  file: string;
  env?: NodeJS.ProcessEnv;
  /** Where a writable account accepted by `readOnly: "session"` is reported. Default console.warn. */
  warn?: (message: string) => void;
}

/** Opens the source named by `source.database`; rejects naming the entry when it cannot be reached. */
export async function openDatabase(mapping: ConnectorMapping, options: OpenDatabaseOptions): Promise<SqlSource> {
  const source = mapping.source.database as DatabaseSource;
  const url = substituteEnvironment(source.database, 'source.database.database', options.file, options.env ?? process.env);
  const driverOptions = {
    poolSize: source.poolSize ?? DATABASE_DEFAULTS.poolSize,
    connectTimeoutMs: source.connectTimeoutMs ?? DATABASE_DEFAULTS.connectTimeoutMs,
    statementTimeoutMs: source.statementTimeoutMs ?? DATABASE_DEFAULTS.statementTimeoutMs,
    applicationName: `govgraph-${mapping.department}`,
  };
  let sql: SqlSource;
  try {
    if (/^postgres(ql)?:\/\//.test(url)) sql = await openPostgresSource(url, source.schema ?? 'public', driverOptions);
    else if (/^(mysql|mariadb):\/\//.test(url)) sql = await openMysqlSource(url, driverOptions);
    else if (url.startsWith('sqlite:')) {
      const path = url.slice('sqlite:'.length);
      sql = await openSqliteSource(isAbsolute(path) ? path : resolve(dirname(options.file), path));
    } else throw new Error('not a postgres://, mysql:// or sqlite: URL');
  } catch (error) {
    throw unreachable(mapping, options.file, redact(url), error);
  }
  try {
    await sql.ping();
  } catch (error) {
    await sql.close().catch(() => {});
    throw unreachable(mapping, options.file, sql.location, error);
  }
  try {
    await checkAgainstSchema(mapping, options.file, await sql.describe());
    await checkReadOnly(mapping, options, sql);
  } catch (error) {
    await sql.close().catch(() => {});
    throw error;
  }
  return sql;
}

/** Every mapped table exists, and every column a field, key or relation names. */
export function checkAgainstSchema(mapping: ConnectorMapping, file: string, tables: readonly TableSchema[]): void {
  const problems: string[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const columnsOf = (entry: string, tableName: string) => {
    const table = byName.get(tableName);
    if (!table) {
      problems.push(`${entry}: the database has no table or view "${tableName}"${tables.length ? ` (it has: ${tables.map((t) => t.name).join(', ')})` : ''}`);
      return null;
    }
    return new Set(table.columns.map((c) => c.name));
  };
  const need = (entry: string, tableName: string, columns: Set<string> | null, column: string) => {
    if (columns && !columns.has(column)) problems.push(`${entry}: table "${tableName}" has no column "${column}" (its columns: ${[...columns].join(', ')})`);
  };
  const tableColumns = (tableName: string) => (byName.has(tableName) ? new Set(byName.get(tableName)!.columns.map((c) => c.name)) : null);
  for (const [typeName, type] of Object.entries(mapping.types)) {
    // A graph entity without a table here (Person known only by its key) has no columns of its own to check.
    const columns = type.table === undefined ? null : columnsOf(`types.${typeName}.table`, type.table);
    for (const [fieldName, field] of Object.entries(type.fields)) {
      if (type.table !== undefined) need(`types.${typeName}.fields.${fieldName}.column`, type.table, columns, field.column!);
    }
    for (const [relationName, relation] of Object.entries(type.relations ?? {})) {
      const entry = `types.${typeName}.relations.${relationName}`;
      if (relation.column && type.table !== undefined) need(`${entry}.column`, type.table, columns, relation.column);
      const target = mapping.types[relation.type];
      for (const [local, remote] of Object.entries(relation.on ?? {})) {
        if (type.table !== undefined) need(`${entry}.on`, type.table, columns, local);
        if (target?.table) need(`${entry}.on`, target.table, tableColumns(target.table), remote);
      }
    }
  }
  if (problems.length > 0) throw new MappingError(file, [...new Set(problems)]);
}

async function checkReadOnly(mapping: ConnectorMapping, options: OpenDatabaseOptions, sql: SqlSource): Promise<void> {
  const tables = [...new Set(Object.values(mapping.types).flatMap((t) => (t.table ? [t.table] : [])))];
  const privileges = await sql.writePrivileges(tables);
  if (privileges.length === 0) return;
  const held = privileges.map((p) => `${p.privilege} on ${p.table === '*' ? 'every table' : p.table}`).join(', ');
  const message = `${mapping.department}: the account connecting to ${sql.location} may write (${held})`;
  if ((mapping.source.database!.readOnly ?? DATABASE_DEFAULTS.readOnly) === 'session') {
    (options.warn ?? console.warn)(`${message}; serving anyway with read-only sessions, as source.database.readOnly is "session". Use a role that may only SELECT.`);
    return;
  }
  throw new MappingError(options.file, [
    `source.database.database: ${message.slice(mapping.department.length + 2)}; connect with a role that may only SELECT the mapped tables (README, Connected departments), or set source.database.readOnly to "session" to accept it with read-only sessions`,
  ]);
}

function unreachable(mapping: ConnectorMapping, file: string, location: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`${mapping.department}: cannot reach its database ${location} (source.database.database in ${file}): ${reason || 'no answer'}.`);
}

/** A URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
