/**
 * Hands out the numbers of an id series (`AGR-2026` → 1, 2, 3…) from `workflow_sequences`, under the series lock so
 * two processes never get the same number, and a number is never handed out twice, even when the action it was
 * reserved for fails. A number above every id already stored under the series is chosen, so ids recorded another way
 * (the demo agreements, an import) are never collided with.
 */
import type { Db } from '../store/db.ts';

/** The next number of `series` (e.g. AGR-2026), above every id `<series>-<digits>` already stored in `table`. */
export async function reserveNumber(db: Db, table: 'agreements' | 'objections' | 'disputes', series: string): Promise<number> {
  return db.transaction(function* (tx) {
    yield* tx.lock('workflow-sequences');
    const stored = yield* tx.get<{ value: number }>('SELECT value FROM workflow_sequences WHERE name = ?', [series]);
    const prefix = `${series}-`;
    const existing = yield* tx.get<{ n: number | null }>(
      `SELECT max(CAST(substr(id, ${prefix.length + 1}) AS BIGINT)) AS n FROM ${table}
       WHERE substr(id, 1, ${prefix.length}) = ? AND length(id) > ${prefix.length} AND trim(substr(id, ${prefix.length + 1}), '0123456789') = ''`,
      [prefix],
    );
    const next = Math.max(stored?.value ?? 0, Number(existing?.n ?? 0)) + 1;
    yield* tx.run('INSERT INTO workflow_sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [series, next]);
    return next;
  });
}
