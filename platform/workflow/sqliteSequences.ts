/**
 * Hands out the numbers of an id series (`AGR-2026` → 1, 2, 3…) from `workflow_sequences`, in an IMMEDIATE
 * transaction so two processes never get the same number. A number above every id already stored under the
 * series is chosen, so ids recorded another way (the demo agreements, an import) are never collided with.
 */
import type Database from 'better-sqlite3';

/** `existingMaxSql` takes the series as its one parameter and selects the highest number stored under it (or null). */
export function sequenceReserver(db: Database.Database, existingMaxSql: string): (series: string) => number {
  const stored = db.prepare('SELECT value FROM workflow_sequences WHERE name = ?').pluck();
  const existing = db.prepare(existingMaxSql).pluck();
  const save = db.prepare(`
    INSERT INTO workflow_sequences (name, value) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  const reserve = db.transaction((series: string) => {
    const next = Math.max((stored.get(series) as number | undefined) ?? 0, (existing.get(series) as number | null) ?? 0) + 1;
    save.run(series, next);
    return next;
  });
  return (series) => reserve.immediate(series);
}
