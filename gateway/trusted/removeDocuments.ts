/**
 * Removes trusted documents of an application (some by hash, or all of them), recorded in the audit trail
 * before it takes effect (kind `documents.remove`): if it cannot be recorded, nothing is removed. A gateway stops
 * running a removed document within 10 s (the admission's cache of registered documents).
 */
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../../platform/audit/trail.ts';
import { eventEntry } from '../record/auditEntry.ts';
import type { TrustedDocumentStore } from './trustedDocumentStore.ts';

export interface Removal {
  application: string;
  /** Who removes (an operator or a CI job), recorded. */
  removedBy: string;
  /** Hashes (hex, or `sha256:` and hex) to remove; empty: every document of the application. */
  hashes: readonly string[];
}

export async function removeDocuments(store: TrustedDocumentStore, audit: AuditSink, removal: Removal): Promise<{ removed: string[]; unknown: string[] }> {
  const hashes = removal.hashes.map((h) => (h.startsWith('sha256:') ? h.slice(7) : h));
  const malformed = hashes.filter((h) => !/^[0-9a-f]{64}$/.test(h));
  if (malformed.length > 0) throw new Error(`Not a document hash (64 lowercase hex digits, optionally after sha256:): ${malformed.join(', ')}.`);
  const registered = await store.list(removal.application);
  const removed = hashes.length === 0 ? registered : hashes.filter((h) => registered.includes(h));
  const unknown = hashes.filter((h) => !registered.includes(h));
  if (removed.length === 0) return { removed, unknown };
  await audit.append(eventEntry('documents.remove', {
    time: new Date().toISOString(),
    requestId: randomUUID(),
    application: removal.application,
    outcome: 'ok',
    status: 200,
    reason: `${removal.removedBy} removed ${removed.length} trusted document(s): ${[...removed].sort().join(', ')}`,
    durationMs: 0,
  }));
  await store.remove(removal.application, removed);
  return { removed, unknown };
}
