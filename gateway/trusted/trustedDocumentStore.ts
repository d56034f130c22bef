/**
 * Trusted documents: the operations registered for an application (sha256 of the document text -> the text),
 * from its client code's persisted-documents manifest. An application in trusted mode may run only these; any
 * application may send a registered document by its hash alone (Apollo's `persistedQuery` extension).
 * The text is codegen's normalised form (gateway/trusted/normalisedDocument.ts), so a document matches however
 * the client prints it.
 */
import type { Db } from '../../platform/store/db.ts';

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

interface Row {
  application: string;
  hash: string;
  document: string;
  registered_by: string;
  registered_at: string;
}

/** The trusted documents in the platform store (table `trusted_documents`, platform migration 5), SQLite or PostgreSQL. */
export class PlatformTrustedDocuments implements TrustedDocumentStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async find(application: string, hash: string): Promise<string | null> {
    const row = await this.#db.get<{ document: string }>('SELECT document FROM trusted_documents WHERE application = ? AND hash = ?', [application, hash]);
    return row?.document ?? null;
  }

  async register(documents: readonly TrustedDocument[], registeredBy: string): Promise<number> {
    const at = new Date().toISOString();
    return this.#db.transaction(function* (tx) {
      let added = 0;
      for (const d of documents) {
        added += yield* tx.run(
          `INSERT INTO trusted_documents (application, hash, document, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (application, hash) DO NOTHING`,
          [d.application, d.hash, d.document, registeredBy, at],
        );
      }
      return added;
    });
  }

  async list(application: string): Promise<string[]> {
    return (await this.#db.all<{ hash: string }>('SELECT hash FROM trusted_documents WHERE application = ? ORDER BY hash', [application])).map((row) => row.hash);
  }

  async documents(application?: string): Promise<RegisteredDocument[]> {
    const rows = await this.#db.all<Row>(
      'SELECT * FROM trusted_documents WHERE CAST(? AS TEXT) IS NULL OR application = ? ORDER BY application, hash',
      [application ?? null, application ?? null],
    );
    return rows.map((row) => ({ application: row.application, hash: row.hash, document: row.document, registeredBy: row.registered_by, registeredAt: row.registered_at }));
  }

  async remove(application: string, hashes: readonly string[]): Promise<number> {
    return this.#db.transaction(function* (tx) {
      if (hashes.length === 0) return yield* tx.run('DELETE FROM trusted_documents WHERE application = ?', [application]);
      let removed = 0;
      for (const hash of hashes) removed += yield* tx.run('DELETE FROM trusted_documents WHERE application = ? AND hash = ?', [application, hash]);
      return removed;
    });
  }
}
