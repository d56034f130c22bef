/**
 * Per-request DataLoaders over one SQL statement each. A batch of keys is passed to SQLite as one JSON array
 * parameter (`WHERE key IN (SELECT value FROM json_each(?))`), so a batch of 10 or 500 keys is one statement
 * and one prepared plan. Create the loaders per request (in the context), never per process: their cache
 * holds one caller's rows.
 */
import DataLoader from 'dataloader';
import type { Statement } from './store.ts';

type Key = string | number;

/**
 * Loads at most one row per key. `statement` takes one parameter, a JSON array of keys, and returns the rows
 * whose `keyOf(row)` is among them; a key without a row resolves to null.
 */
export function oneByKey<K extends Key, Row>(statement: Statement<Row>, keyOf: (row: Row) => K): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(async (keys) => {
    const byKey = new Map<K, Row>();
    for (const row of statement.all(JSON.stringify(keys))) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * Loads every row per key (a one-to-many relation). `statement` takes one parameter, a JSON array of keys;
 * a key without rows resolves to an empty list. Row order within a key follows the statement's ORDER BY.
 */
export function manyByKey<K extends Key, Row>(statement: Statement<Row>, keyOf: (row: Row) => K): DataLoader<K, Row[]> {
  return new DataLoader<K, Row[]>(async (keys) => {
    const byKey = new Map<K, Row[]>();
    for (const row of statement.all(JSON.stringify(keys))) {
      const key = keyOf(row);
      const rows = byKey.get(key);
      if (rows) rows.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
