/**
 * Records served under each agreement per day, for the per-agreement daily quota. Kept in the platform store so
 * that every gateway replica counts against the same quota. A day is a calendar day in the quota's time zone
 * (China Standard Time, UTC+8, by default).
 */
import type { Db } from '../../platform/store/db.ts';

export interface AgreementUsage {
  /** Records served under the agreement on `day` (YYYY-MM-DD). */
  used(agreementId: string, day: string): Promise<number>;
  /** Adds records served under agreements on `day`. */
  add(day: string, records: ReadonlyMap<string, number>): Promise<void>;
}

/** The usage in the platform store (table `agreement_usage`, platform migration 5), SQLite or PostgreSQL. */
export class PlatformAgreementUsage implements AgreementUsage {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async used(agreementId: string, day: string): Promise<number> {
    return (await this.#db.get<{ records: number }>('SELECT records FROM agreement_usage WHERE agreement_id = ? AND day = ?', [agreementId, day]))?.records ?? 0;
  }

  /** One upsert per agreement in one transaction, so replicas adding at once never lose a count. */
  async add(day: string, records: ReadonlyMap<string, number>): Promise<void> {
    // Sorted by agreement, so two PostgreSQL replicas adding the same agreements lock their rows in the same order.
    const counted = [...records].filter(([, count]) => count > 0).sort(([a], [b]) => (a < b ? -1 : 1));
    if (counted.length === 0) return;
    await this.#db.transaction(function* (tx) {
      for (const [agreement, count] of counted) {
        yield* tx.run(
          `INSERT INTO agreement_usage (agreement_id, day, records) VALUES (?, ?, ?)
           ON CONFLICT (agreement_id, day) DO UPDATE SET records = agreement_usage.records + excluded.records`,
          [agreement, day, count],
        );
      }
    });
  }
}

/** The quota day of `time` (YYYY-MM-DD) at a fixed UTC offset, and the seconds until the next one begins. */
export function quotaDay(time: Date, offsetMinutes: number): { day: string; secondsLeft: number } {
  const shifted = new Date(time.getTime() + offsetMinutes * 60_000);
  const day = shifted.toISOString().slice(0, 10);
  const nextStart = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 - offsetMinutes * 60_000;
  return { day, secondsLeft: Math.max(1, Math.ceil((nextStart - time.getTime()) / 1000)) };
}
