/**
 * The only statements a connected database ever receives: `SELECT` of mapped columns from one mapped table,
 * either by a list of keys (`WHERE key IN (...)`, a composite key as row values) or a page in key order. Every
 * identifier comes from the validated mapping and is quoted by the engine's rules; every value is a parameter.
 */
import type { Dialect } from './sqlSource.ts';

export interface StatementShape {
  dialect: Dialect;
  quote(identifier: string): string;
  /** The table, qualified by its schema where the engine needs it. */
  table: string;
  /** Columns selected, in order; each is read back under the alias `c<i>`. */
  columns: readonly string[];
}

/** `SELECT … WHERE (k1, k2) IN ((?, ?), …) ORDER BY …` for `count` keys of `keyColumns`. */
export function selectByKeys(shape: StatementShape, keyColumns: readonly string[], count: number, orderBy: readonly string[]): string {
  const { quote } = shape;
  const one = keyColumns.length === 1;
  const left = one ? quote(keyColumns[0]!) : `(${keyColumns.map(quote).join(', ')})`;
  const tuple = one ? '?' : `(${keyColumns.map(() => '?').join(', ')})`;
  const list = Array.from({ length: count }, () => tuple).join(', ');
  // SQLite compares row values only against a subquery: IN (VALUES (?, ?), …).
  const right = !one && shape.dialect === 'sqlite' ? `(VALUES ${list})` : `(${list})`;
  return `${selectList(shape)} WHERE ${left} IN ${right}${orderClause(shape, orderBy)}`;
}

/** `SELECT … [WHERE (k1, k2) > (?, ?)] ORDER BY k1, k2 LIMIT ?`: one page in key order. */
export function selectPage(shape: StatementShape, keyColumns: readonly string[], after: boolean): string {
  const { quote } = shape;
  const one = keyColumns.length === 1;
  const left = one ? quote(keyColumns[0]!) : `(${keyColumns.map(quote).join(', ')})`;
  const right = one ? '?' : `(${keyColumns.map(() => '?').join(', ')})`;
  return `${selectList(shape)}${after ? ` WHERE ${left} > ${right}` : ''}${orderClause(shape, keyColumns)} LIMIT ?`;
}

function selectList(shape: StatementShape): string {
  return `SELECT ${shape.columns.map((c, i) => `${shape.quote(c)} AS c${i}`).join(', ')} FROM ${shape.table}`;
}

function orderClause(shape: StatementShape, orderBy: readonly string[]): string {
  return orderBy.length > 0 ? ` ORDER BY ${orderBy.map(shape.quote).join(', ')}` : '';
}
