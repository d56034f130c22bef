/** Where the gateway records each request: anything that appends an entry and resolves once it is durable. */
import type { AuditEntry } from '../../platform/audit/types.ts';

export interface AuditSink {
  append(entry: AuditEntry): Promise<unknown>;
}
