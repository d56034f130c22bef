/**
 * Trusted documents: the operations registered for an application (sha256 of the document text -> the text),
 * from its client code's persisted-documents manifest. An application in trusted mode may run only these; any
 * application may send a registered document by its hash alone (Apollo's `persistedQuery` extension).
 */

export interface TrustedDocument {
  application: string;
  /** sha256 hex of `document`. */
  hash: string;
  document: string;
}

export interface TrustedDocumentStore {
  /** The registered document of `application` with this hash, or null. */
  find(application: string, hash: string): Promise<string | null>;
  /** Registers documents (already registered ones are left as they are); returns how many were new. */
  register(documents: readonly TrustedDocument[], registeredBy: string): Promise<number>;
  /** Hashes registered for an application, sorted. */
  list(application: string): Promise<string[]>;
}
