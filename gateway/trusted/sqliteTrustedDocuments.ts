/** Trusted documents in the platform store (table `trusted_documents`, platform migration 5). */
import type Database from 'better-sqlite3';
import type { TrustedDocument, TrustedDocumentStore } from './trustedDocumentStore.ts';

export class SqliteTrustedDocuments implements TrustedDocumentStore {
  private readonly findStatement: Database.Statement<[string, string], { document: string }>;
  private readonly insertStatement: Database.Statement<[string, string, string, string, string]>;
  private readonly listStatement: Database.Statement<[string], { hash: string }>;

  constructor(private readonly db: Database.Database) {
    this.findStatement = db.prepare('SELECT document FROM trusted_documents WHERE application = ? AND hash = ?');
    this.insertStatement = db.prepare(
      'INSERT OR IGNORE INTO trusted_documents (application, hash, document, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.listStatement = db.prepare('SELECT hash FROM trusted_documents WHERE application = ? ORDER BY hash');
  }

  async find(application: string, hash: string): Promise<string | null> {
    return this.findStatement.get(application, hash)?.document ?? null;
  }

  async register(documents: readonly TrustedDocument[], registeredBy: string): Promise<number> {
    const at = new Date().toISOString();
    const insertAll = this.db.transaction(() => {
      let added = 0;
      for (const d of documents) added += this.insertStatement.run(d.application, d.hash, d.document, registeredBy, at).changes;
      return added;
    });
    return insertAll.immediate();
  }

  async list(application: string): Promise<string[]> {
    return this.listStatement.all(application).map((row) => row.hash);
  }
}
