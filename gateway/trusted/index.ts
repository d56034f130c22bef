/** Trusted documents: what an application may run in trusted mode, registered from its persisted-documents manifest. */
export { documentsOfManifest, registerDocuments, type Registration } from './registerDocuments.ts';
export { removeDocuments, type Removal } from './removeDocuments.ts';
export { normalisedDocument, operationNameOf } from './normalisedDocument.ts';
export { PlatformTrustedDocuments, type RegisteredDocument, type TrustedDocument, type TrustedDocumentStore } from './trustedDocumentStore.ts';
