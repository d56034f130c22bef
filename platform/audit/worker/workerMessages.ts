/** The messages between the gateway and its audit worker (auditWorker.ts). */
import type { AuditEntry, AuditStats, SqliteAuditTrailOptions } from '../../index.ts';

export interface AuditWorkerData {
  /** The platform store's SQLite file. */
  file: string;
  trail: Omit<SqliteAuditTrailOptions, 'db'>;
}

/** What became of one posted entry: its record's sequence, or why it could not be made durable. */
export type AppendOutcome = { id: number; sequence: number } | { id: number; error: { message: string; name: string } };

export type ToAuditWorker =
  | { kind: 'append'; entries: { id: number; entry: AuditEntry }[] }
  | { kind: 'stats'; id: number }
  | { kind: 'close' };

export type FromAuditWorker =
  | { kind: 'ready' }
  | { kind: 'open-failed'; message: string }
  | { kind: 'appended'; outcomes: AppendOutcome[] }
  | { kind: 'stats'; id: number; stats: AuditStats }
  | { kind: 'closed'; error: string | null };
