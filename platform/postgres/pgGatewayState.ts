/**
 * The gateway's shared state from platform migration 5 in PostgreSQL: trusted documents per application and
 * records served per agreement per day (the daily quota every replica counts against). Same answers as the SQLite
 * stores (`gateway/trusted/sqliteTrustedDocuments.ts`, `gateway/quotas/agreementUsage.ts`), whose interfaces these
 * implement; usage is added with one upsert per agreement in one transaction, so replicas adding at once never
 * lose a count.
 */
import type pg from 'pg';
import { inTransaction } from './connection.ts';

export class PostgresTrustedDocuments {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async find(application: string, hash: string): Promise<string | null> {
    const { rows } = await this.#pool.query<{ document: string }>('SELECT document FROM trusted_documents WHERE application = $1 AND hash = $2', [application, hash]);
    return rows[0]?.document ?? null;
  }

  /** Registers documents (already registered ones are left as they are); returns how many were new. */
  async register(documents: readonly { application: string; hash: string; document: string }[], registeredBy: string): Promise<number> {
    const at = new Date().toISOString();
    return inTransaction(this.#pool, async (client) => {
      let added = 0;
      for (const d of documents) {
        const result = await client.query(
          `INSERT INTO trusted_documents (application, hash, document, registered_by, registered_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (application, hash) DO NOTHING`,
          [d.application, d.hash, d.document, registeredBy, at],
        );
        added += result.rowCount ?? 0;
      }
      return added;
    });
  }

  async list(application: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ hash: string }>('SELECT hash FROM trusted_documents WHERE application = $1 ORDER BY hash', [application]);
    return rows.map((row) => row.hash);
  }

  async documents(application?: string): Promise<{ application: string; hash: string; document: string; registeredBy: string; registeredAt: string }[]> {
    const { rows } = await this.#pool.query<{ application: string; hash: string; document: string; registered_by: string; registered_at: string }>(
      'SELECT * FROM trusted_documents WHERE $1::text IS NULL OR application = $1 ORDER BY application, hash',
      [application ?? null],
    );
    return rows.map((row) => ({ application: row.application, hash: row.hash, document: row.document, registeredBy: row.registered_by, registeredAt: row.registered_at }));
  }

  /** Removes these hashes of an application (all of its documents when `hashes` is empty); returns how many were removed. */
  async remove(application: string, hashes: readonly string[]): Promise<number> {
    const result = hashes.length === 0
      ? await this.#pool.query('DELETE FROM trusted_documents WHERE application = $1', [application])
      : await this.#pool.query('DELETE FROM trusted_documents WHERE application = $1 AND hash = ANY($2::text[])', [application, [...hashes]]);
    return result.rowCount ?? 0;
  }
}

export class PostgresAgreementUsage {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async used(agreementId: string, day: string): Promise<number> {
    const { rows } = await this.#pool.query<{ records: number }>('SELECT records FROM agreement_usage WHERE agreement_id = $1 AND day = $2', [agreementId, day]);
    return rows[0]?.records ?? 0;
  }

  async add(day: string, records: ReadonlyMap<string, number>): Promise<void> {
    const counted = [...records].filter(([, count]) => count > 0).sort(([a], [b]) => (a < b ? -1 : 1));
    if (counted.length === 0) return;
    // Sorted by agreement, so two replicas adding the same agreements lock their rows in the same order.
    await inTransaction(this.#pool, async (client) => {
      for (const [agreement, count] of counted) {
        await client.query(
          `INSERT INTO agreement_usage (agreement_id, day, records) VALUES ($1, $2, $3)
           ON CONFLICT (agreement_id, day) DO UPDATE SET records = agreement_usage.records + excluded.records`,
          [agreement, day, count],
        );
      }
    });
  }
}
