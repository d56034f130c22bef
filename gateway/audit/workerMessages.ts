/** The messages between the gateway and its audit worker (auditWorker.ts). */
import type { AuditEntry, AuditStats, SqliteAuditTrailOptions } from '../../platform/index.ts';

export interface AuditWorkerData {
  /** The platform store's SQLite file. */
  file: string;
  trail: Omit<SqliteAuditTrailOptions, 'db'>;
}

export type ToAuditWorker =
  | { kind: 'append'; id: number; entry: AuditEntry }
  | { kind: 'stats'; id: number }
  | { kind: 'close' };

export type FromAuditWorker =
  | { kind: 'ready' }
  | { kind: 'open-failed'; message: string }
  | { kind: 'appended'; id: number; sequence: number }
  | { kind: 'failed'; id: number; message: string; name: string }
  | { kind: 'stats'; id: number; stats: AuditStats }
  | { kind: 'closed'; error: string | null };
