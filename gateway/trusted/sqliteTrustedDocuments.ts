/** Trusted documents in the platform store (table `trusted_documents`, platform migration 5). */
import type Database from 'better-sqlite3';
import type { RegisteredDocument, TrustedDocument, TrustedDocumentStore } from './trustedDocumentStore.ts';

interface Row {
  application: string;
  hash: string;
  document: string;
  registered_by: string;
  registered_at: string;
}

export class SqliteTrustedDocuments implements TrustedDocumentStore {
  private readonly findStatement: Database.Statement<[string, string], { document: string }>;
  private readonly insertStatement: Database.Statement<[string, string, string, string, string]>;
  private readonly listStatement: Database.Statement<[string], { hash: string }>;
  private readonly documentsStatement: Database.Statement<[string | null, string | null], Row>;
  private readonly removeStatement: Database.Statement<[string, string]>;
  private readonly removeAllStatement: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.findStatement = db.prepare('SELECT document FROM trusted_documents WHERE application = ? AND hash = ?');
    this.insertStatement = db.prepare(
      'INSERT OR IGNORE INTO trusted_documents (application, hash, document, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.listStatement = db.prepare('SELECT hash FROM trusted_documents WHERE application = ? ORDER BY hash');
    this.documentsStatement = db.prepare('SELECT * FROM trusted_documents WHERE ? IS NULL OR application = ? ORDER BY application, hash');
    this.removeStatement = db.prepare('DELETE FROM trusted_documents WHERE application = ? AND hash = ?');
    this.removeAllStatement = db.prepare('DELETE FROM trusted_documents WHERE application = ?');
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

  async documents(application?: string): Promise<RegisteredDocument[]> {
    return this.documentsStatement.all(application ?? null, application ?? null).map((row) => ({
      application: row.application, hash: row.hash, document: row.document, registeredBy: row.registered_by, registeredAt: row.registered_at,
    }));
  }

  async remove(application: string, hashes: readonly string[]): Promise<number> {
    const removeAll = this.db.transaction(() =>
      hashes.length === 0 ? this.removeAllStatement.run(application).changes : hashes.reduce((n, hash) => n + this.removeStatement.run(application, hash).changes, 0),
    );
    return removeAll.immediate();
  }
}
