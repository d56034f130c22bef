/** Where the gateway records each request: anything that appends an entry and resolves once it is durable. */
export type { AuditSink } from '../../platform/audit/trail.ts';
