/** Trusted documents: what an application may run in trusted mode, registered from its persisted-documents manifest. */
export { documentsOfManifest, registerDocuments, type Registration } from './registerDocuments.ts';
export { SqliteTrustedDocuments } from './sqliteTrustedDocuments.ts';
export type { TrustedDocument, TrustedDocumentStore } from './trustedDocumentStore.ts';
