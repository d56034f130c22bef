/**
 * A SQLite file read with better-sqlite3, opened read-only (the file must exist; `query_only` on), so the account
 * question does not arise: nothing can be written through it. Reads are synchronous on one connection; the
 * statement deadline is not enforced (a SQLite read of an indexed key list takes microseconds).
 */
import Database from 'better-sqlite3';
import { SourceFailure, type Row, type SqlSource, type TableSchema } from './sqlSource.ts';

export async function openSqliteSource(file: string): Promise<SqlSource> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  let executed = 0;
  const prepared = new Map<string, Database.Statement>();
  function run(sql: string, params: readonly unknown[]): Row[] {
    executed++;
    try {
      let statement = prepared.get(sql);
      if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
      return statement.all(...params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as Row[];
    } catch (error) {
      throw new SourceFailure('error', error instanceof Error ? error.message : String(error));
    }
  }
  return {
    dialect: 'sqlite',
    location: `sqlite:${file}`,
    get statementsExecuted() {
      return executed;
    },
    async query(sql, params) {
      return run(sql, params);
    },
    async describe() {
      const relations = db.prepare(`SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; type: string }[];
      return relations.map(({ name, type }): TableSchema => {
        const columns = db.prepare(`SELECT name, type, "notnull" AS required, pk FROM pragma_table_info(?)`).all(name) as { name: string; type: string; required: number; pk: number }[];
        const fks = db.prepare(`SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`).all(name) as { id: number; table: string; from: string; to: string | null }[];
        const byId = new Map<number, { columns: string[]; table: string; references: string[] }>();
        for (const fk of fks) {
          const entry = byId.get(fk.id) ?? { columns: [], table: fk.table, references: [] };
          entry.columns.push(fk.from);
          entry.references.push(fk.to ?? '');
          byId.set(fk.id, entry);
        }
        return {
          name,
          kind: type === 'view' ? 'view' : 'table',
          columns: columns.map((c) => ({ name: c.name, dataType: c.type.toLowerCase(), nullable: c.required === 0 && c.pk === 0 })),
          primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
          foreignKeys: [...byId.values()],
        };
      });
    },
    async writePrivileges() {
      return []; // opened read-only
    },
    quote,
    qualify: quote,
    async ping() {
      run('SELECT 1', []);
    },
    async close() {
      db.close();
    },
  };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
