/**
 * Records served under each agreement per day, for the per-agreement daily quota. Kept in the platform store so
 * that every gateway replica counts against the same quota. A day is a calendar day in the quota's time zone
 * (China Standard Time, UTC+8, by default).
 */
import type Database from 'better-sqlite3';

export interface AgreementUsage {
  /** Records served under the agreement on `day` (YYYY-MM-DD). */
  used(agreementId: string, day: string): Promise<number>;
  /** Adds records served under agreements on `day`. */
  add(day: string, records: ReadonlyMap<string, number>): Promise<void>;
}

export class SqliteAgreementUsage implements AgreementUsage {
  private readonly usedStatement: Database.Statement<[string, string], { records: number }>;
  private readonly addStatement: Database.Statement<[string, string, number]>;

  constructor(private readonly db: Database.Database) {
    this.usedStatement = db.prepare('SELECT records FROM agreement_usage WHERE agreement_id = ? AND day = ?');
    this.addStatement = db.prepare(
      'INSERT INTO agreement_usage (agreement_id, day, records) VALUES (?, ?, ?) ON CONFLICT (agreement_id, day) DO UPDATE SET records = records + excluded.records',
    );
  }

  async used(agreementId: string, day: string): Promise<number> {
    return this.usedStatement.get(agreementId, day)?.records ?? 0;
  }

  async add(day: string, records: ReadonlyMap<string, number>): Promise<void> {
    const addAll = this.db.transaction(() => {
      for (const [agreement, count] of records) if (count > 0) this.addStatement.run(agreement, day, count);
    });
    addAll.immediate();
  }
}

/** The quota day of `time` (YYYY-MM-DD) at a fixed UTC offset, and the seconds until the next one begins. */
export function quotaDay(time: Date, offsetMinutes: number): { day: string; secondsLeft: number } {
  const shifted = new Date(time.getTime() + offsetMinutes * 60_000);
  const day = shifted.toISOString().slice(0, 10);
  const nextStart = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 - offsetMinutes * 60_000;
  return { day, secondsLeft: Math.max(1, Math.ceil((nextStart - time.getTime()) / 1000)) };
}
