/**
 * Registers an application's trusted documents from a persisted-documents manifest (what codegen's client preset
 * writes: `{ "sha256:<hex>": "<document>" }`, the bare hex accepted too). Every entry's hash is checked against
 * its text, so a manifest cannot smuggle a document under another's hash. The registration is recorded in the
 * audit trail before it takes effect (kind `documents.register`): if it cannot be recorded, nothing is registered.
 */
import { randomUUID } from 'node:crypto';
import { sha256 } from './normalisedDocument.ts';
import type { AuditSink } from '../../platform/audit/trail.ts';
import { eventEntry } from '../record/auditEntry.ts';
import type { TrustedDocument, TrustedDocumentStore } from './trustedDocumentStore.ts';

export interface Registration {
  application: string;
  /** Who registers (an operator or a CI job), recorded. */
  registeredBy: string;
  /** The manifest's parsed JSON. */
  manifest: unknown;
}

export function documentsOfManifest(application: string, manifest: unknown): TrustedDocument[] {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error('The manifest must be a JSON object of "sha256:<hash>": "<document>" entries (codegen client preset, persistedDocuments: true).');
  }
  return Object.entries(manifest).map(([key, document]) => {
    const hash = key.startsWith('sha256:') ? key.slice(7) : key;
    if (typeof document !== 'string' || document.trim() === '') throw new Error(`Manifest entry ${key} must be a non-empty document string.`);
    if (!/^[0-9a-f]{64}$/.test(hash) || sha256(document) !== hash) {
      throw new Error(`Manifest entry ${key} is not the sha256 of its document (expected sha256:${sha256(document)}): regenerate the manifest with npm run codegen.`);
    }
    return { application, hash, document };
  });
}

export async function registerDocuments(
  store: TrustedDocumentStore,
  audit: AuditSink,
  registration: Registration,
): Promise<{ documents: number; added: number }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/.test(registration.application)) {
    throw new Error(`"${registration.application}" is not an application id (the token's sub: letters, digits, . _ : @ -).`);
  }
  const documents = documentsOfManifest(registration.application, registration.manifest);
  await audit.append(eventEntry('documents.register', {
    time: new Date().toISOString(),
    requestId: randomUUID(),
    application: registration.application,
    outcome: 'ok',
    status: 200,
    reason: `${registration.registeredBy} registered ${documents.length} trusted document(s): ${documents.map((d) => d.hash).sort().join(', ')}`,
    durationMs: 0,
  }));
  const added = await store.register(documents, registration.registeredBy);
  return { documents: documents.length, added };
}
