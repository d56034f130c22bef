/**
 * Per-request DataLoaders over a connected database: one loader per (table, columns looked up by), each batch one
 * `SELECT … WHERE key IN (...)` statement (up to `maxKeysPerStatement` keys; more keys, one more statement per
 * that many). So the statements a request costs depend on the shape of its query, not on how many objects it
 * asks about. Create them per request: their cache holds one caller's rows.
 */
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { selectByKeys } from './sqlStatements.ts';
import { SourceFailure, type Row, type SqlSource } from './sqlSource.ts';

export const SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE';

export interface TableReads {
  /** The columns read from each table (every column any mapped field, key or relation uses). */
  columns: ReadonlyMap<string, readonly string[]>;
  /** The key columns of each table's type, the order rows of a one-to-many relation come in. */
  order: ReadonlyMap<string, readonly string[]>;
}

export interface RowLoaders {
  /** Rows of `table` whose `columns` equal `values` (a key; null anywhere matches nothing). */
  rows(table: string, columns: readonly string[], values: readonly unknown[]): Promise<Row[]>;
}

export interface RowLoaderOptions {
  department: string;
  source: SqlSource;
  reads: TableReads;
  maxKeysPerStatement: number;
}

/** A key value as the loader compares it: stored and requested spellings of one key meet (`5` and `'5'`). */
export function keyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

export function createRowLoaders(options: RowLoaderOptions): RowLoaders {
  const { source, reads, department } = options;
  const loaders = new Map<string, DataLoader<readonly unknown[], Row[], string>>();
  const loaderFor = (table: string, keyColumns: readonly string[]) => {
    const id = `${table}\u0000${keyColumns.join('\u0000')}`;
    let loader = loaders.get(id);
    if (loader) return loader;
    const columns = reads.columns.get(table) ?? [];
    const shape = { dialect: source.dialect, quote: source.quote, table: source.qualify(table), columns };
    const keyIndexes = keyColumns.map((c) => columns.indexOf(c));
    loader = new DataLoader<readonly unknown[], Row[], string>(
      async (keys) => {
        let result: Row[];
        try {
          result = await source.query(selectByKeys(shape, keyColumns, keys.length, reads.order.get(table) ?? []), keys.flat());
        } catch (error) {
          throw unavailable(department, error);
        }
        const byKey = new Map<string, Row[]>();
        for (const raw of result) {
          const row: Row = {};
          columns.forEach((column, i) => (row[column] = raw[`c${i}`]));
          const key = JSON.stringify(keyIndexes.map((i) => keyText(raw[`c${i}`])));
          const list = byKey.get(key);
          if (list) list.push(row);
          else byKey.set(key, [row]);
        }
        return keys.map((key) => byKey.get(JSON.stringify(key.map(keyText))) ?? []);
      },
      { cacheKeyFn: (key) => JSON.stringify(key.map(keyText)), maxBatchSize: options.maxKeysPerStatement },
    );
    loaders.set(id, loader);
    return loader;
  };
  return {
    async rows(table, columns, values) {
      if (values.some((v) => v === null || v === undefined)) return [];
      return loaderFor(table, columns).load(values);
    },
  };
}

/** A failed read as the caller sees it: the department named, the kind of failure, no statement or table. */
export function unavailable(department: string, error: unknown): GraphQLError {
  const failure = error instanceof SourceFailure ? error : new SourceFailure('error', error instanceof Error ? error.message : String(error));
  if (failure.reason === 'error') console.error(`[${department}] database read failed: ${failure.detail}`);
  const what = failure.reason === 'timeout' ? failure.detail : failure.reason === 'unreachable' ? 'its database cannot be reached' : 'the read failed';
  return new GraphQLError(`${department} could not read its database (${what}); the fields it provides are null in this response. Try again later.`, {
    extensions: { code: SOURCE_UNAVAILABLE, department, reason: failure.reason },
  });
}
