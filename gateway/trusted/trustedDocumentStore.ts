/**
 * Trusted documents: the operations registered for an application (sha256 of the document text -> the text),
 * from its client code's persisted-documents manifest. An application in trusted mode may run only these; any
 * application may send a registered document by its hash alone (Apollo's `persistedQuery` extension).
 * The text is codegen's normalised form (gateway/trusted/normalisedDocument.ts), so a document matches however
 * the client prints it.
 */

export interface TrustedDocument {
  application: string;
  /** sha256 hex of `document`. */
  hash: string;
  document: string;
}

/** A registered document, with who registered it and when (ISO time). */
export interface RegisteredDocument extends TrustedDocument {
  registeredBy: string;
  registeredAt: string;
}

export interface TrustedDocumentStore {
  /** The registered document of `application` with this hash, or null. */
  find(application: string, hash: string): Promise<string | null>;
  /** Registers documents (already registered ones are left as they are); returns how many were new. */
  register(documents: readonly TrustedDocument[], registeredBy: string): Promise<number>;
  /** Hashes registered for an application, sorted. */
  list(application: string): Promise<string[]>;
  /** The documents registered for an application, by hash; every application's when none is named. */
  documents(application?: string): Promise<RegisteredDocument[]>;
  /** Removes these hashes of an application (every one of its documents when `hashes` is empty); returns how many were removed. */
  remove(application: string, hashes: readonly string[]): Promise<number>;
}
