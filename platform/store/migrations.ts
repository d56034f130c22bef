/**
 * The platform store's schema, as an ordered list of migrations (SQLite's here; PostgreSQL's, the same versions under
 * the same names, in `platform/postgres/migrations.ts`), and the one runner that applies either. Each migration runs
 * once, in its own transaction, and is recorded in `schema_migrations`; a database recorded at a version newer than
 * this code knows is refused rather than guessed at, because older code writing into a newer schema corrupts it
 * quietly. Append migrations; never edit or renumber one that has shipped.
 */
import type { Db, Dialect } from './db.ts';

export interface Migration {
  /** 1, 2, 3, … in order, no gaps. */
  version: number;
  /** Short kebab-case name, recorded with the version. */
  name: string;
  sql: string;
}

export interface MigrationResult {
  /** Migrations this call applied (empty when the database was already current). */
  applied: Migration[];
  /** Schema version of the database afterwards. */
  version: number;
}

export const PLATFORM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'agreements',
    sql: `
      -- One counter per kind of state, bumped in the same transaction as every change, so a cache in any
      -- process can tell with one cheap read that what it holds is stale.
      CREATE TABLE change_counters (
        name    TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;
      INSERT INTO change_counters (name, version) VALUES ('agreements', 0);

      -- Times are ISO 8601 UTC strings of one fixed shape (Date.toISOString), so text order is time order.
      -- EXPIRED is never stored: it is derived from valid_until when read.
      CREATE TABLE agreements (
        id          TEXT PRIMARY KEY,
        consumer    TEXT NOT NULL,
        provider    TEXT NOT NULL,
        items       TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
        purpose     TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        valid_from  TEXT NOT NULL CHECK (length(valid_from) = 24),
        valid_until TEXT NOT NULL CHECK (length(valid_until) = 24),
        status      TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK (valid_until > valid_from)
      ) STRICT;
      -- Serves the per-request lookup: consumer = ? AND status = 'APPROVED' AND valid_until > ?.
      CREATE INDEX agreements_active ON agreements (consumer, status, valid_until);
      CREATE INDEX agreements_by_provider ON agreements (provider);

      CREATE TABLE agreement_status_history (
        id           INTEGER PRIMARY KEY,
        agreement_id TEXT NOT NULL REFERENCES agreements (id),
        from_status  TEXT,
        to_status    TEXT NOT NULL,
        reason       TEXT,
        actor        TEXT NOT NULL,
        changed_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agreement_status_history_by_agreement ON agreement_status_history (agreement_id, id);
    `,
  },
  {
    version: 2,
    name: 'audit-trail',
    sql: `
      -- One row per audit record. \`entry\` is the canonical JSON of the entry, what \`hash\` covers with
      -- \`previous_hash\` and \`sequence\`; time, consumer and kind are copied out of it for the indexes.
      CREATE TABLE audit_records (
        sequence      INTEGER PRIMARY KEY CHECK (sequence >= 1),
        previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
        hash          TEXT NOT NULL CHECK (length(hash) = 64),
        time          TEXT NOT NULL CHECK (length(time) = 24),
        consumer      TEXT,
        kind          TEXT NOT NULL,
        entry         TEXT NOT NULL CHECK (json_valid(entry))
      ) STRICT;
      -- Views list records newest first by (time, sequence); every index ends in time then the sequence (the
      -- rowid, implicit in each index of audit_records), so it serves a filter, a time range and the order at once.
      CREATE INDEX audit_records_by_time ON audit_records (time);
      CREATE INDEX audit_records_by_consumer ON audit_records (consumer, time);
      CREATE INDEX audit_records_by_kind ON audit_records (kind, time);

      -- What is inside each record, one row per term, keyed term first, with the record's time copied in so a
      -- filter on a term pages in time order without sorting.
      CREATE TABLE audit_record_providers (
        provider TEXT NOT NULL,
        time     TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        PRIMARY KEY (provider, time, sequence)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE audit_record_items (
        item        TEXT NOT NULL,
        time        TEXT NOT NULL,
        sequence    INTEGER NOT NULL,
        provider    TEXT NOT NULL,
        disposition TEXT NOT NULL CHECK (disposition IN ('served', 'masked', 'denied')),
        PRIMARY KEY (item, time, sequence, provider, disposition)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE audit_record_subjects (
        subject  TEXT NOT NULL,
        time     TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        provider TEXT NOT NULL,
        PRIMARY KEY (subject, time, sequence, provider)
      ) STRICT, WITHOUT ROWID;

      -- The chain head, updated in the transaction of every batch: a head beyond the last record means records
      -- were cut off the end.
      CREATE TABLE audit_head (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        sequence INTEGER NOT NULL,
        hash     TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '${'0'.repeat(64)}');

      CREATE TABLE audit_seals (
        id        INTEGER PRIMARY KEY,
        sequence  INTEGER NOT NULL,
        hash      TEXT NOT NULL,
        time      TEXT NOT NULL,
        kid       TEXT NOT NULL,
        signature TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_seals_by_sequence ON audit_seals (sequence);

      -- Append-only. No code path updates or deletes a record or a seal; these make an accident fail loudly.
      -- (Someone with the file can drop them: that is what the hash chain and the seals are for.)
      CREATE TRIGGER audit_records_append_only_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_records_append_only_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_seals_append_only_update BEFORE UPDATE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;
      CREATE TRIGGER audit_seals_append_only_delete BEFORE DELETE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;
      CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON audit_head
        WHEN NEW.sequence < OLD.sequence
        BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
    `,
  },
  {
    version: 3,
    name: 'workflow',
    sql: `
      -- The last number handed out per id series ('AGR-2026', 'OBJ-2026'); a number is never handed out twice,
      -- even when the action it was reserved for fails.
      CREATE TABLE workflow_sequences (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL CHECK (value >= 0)
      ) STRICT;

      -- What an agreement was applied for through the workflow. The agreement row holds the current terms (an
      -- approval may narrow them) and its status history holds the decisions; this row holds the rest.
      CREATE TABLE applications (
        agreement_id          TEXT PRIMARY KEY REFERENCES agreements (id),
        scenario              TEXT NOT NULL,
        applicant_application TEXT NOT NULL,
        applicant_department  TEXT NOT NULL,
        applied_at            TEXT NOT NULL CHECK (length(applied_at) = 24),
        deadline              TEXT NOT NULL CHECK (length(deadline) = 24),
        requested_items       TEXT NOT NULL CHECK (json_valid(requested_items) AND json_type(requested_items) = 'array'),
        requested_valid_from  TEXT NOT NULL CHECK (length(requested_valid_from) = 24),
        requested_valid_until TEXT NOT NULL CHECK (length(requested_valid_until) = 24)
      ) STRICT;

      CREATE TABLE objections (
        id                   TEXT PRIMARY KEY,
        consumer             TEXT NOT NULL,
        provider             TEXT NOT NULL,
        item                 TEXT NOT NULL,
        subject_key          TEXT NOT NULL,
        description          TEXT NOT NULL,
        reporter_application TEXT NOT NULL,
        reported_at          TEXT NOT NULL CHECK (length(reported_at) = 24),
        deadline             TEXT NOT NULL CHECK (length(deadline) = 24),
        status               TEXT NOT NULL CHECK (status IN ('OPEN', 'CORRECTED', 'CONFIRMED_CORRECT')),
        answer_note          TEXT,
        answered_by          TEXT,
        answered_at          TEXT CHECK (answered_at IS NULL OR length(answered_at) = 24),
        CHECK ((status = 'OPEN') = (answered_at IS NULL)),
        CHECK ((answered_at IS NULL) = (answer_note IS NULL) AND (answered_at IS NULL) = (answered_by IS NULL))
      ) STRICT;
      -- A provider's open objections, overdue first; a consumer's own.
      CREATE INDEX objections_by_provider ON objections (provider, status, deadline);
      CREATE INDEX objections_by_consumer ON objections (consumer, status);
    `,
  },
  {
    version: 4,
    name: 'schema-versions',
    sql: `
      -- Every version a department published (npm run publish), with the supergraph it produced; a rollback is
      -- a new version. \`sequence\` orders publications across departments: the newest row's supergraph is the
      -- one to serve. \`changes\` is the JSON list of changes against the supergraph served before.
      CREATE TABLE schema_versions (
        sequence        INTEGER PRIMARY KEY,
        department      TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        schema_hash     TEXT NOT NULL CHECK (length(schema_hash) = 64),
        sdl             TEXT NOT NULL,
        url             TEXT NOT NULL,
        supergraph      TEXT NOT NULL,
        supergraph_hash TEXT NOT NULL CHECK (length(supergraph_hash) = 64),
        published_at    TEXT NOT NULL CHECK (length(published_at) = 24),
        actor           TEXT NOT NULL,
        reason          TEXT,
        changes         TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'array'),
        rollback_of     INTEGER,
        UNIQUE (department, version)
      ) STRICT;
      CREATE TRIGGER schema_versions_append_only_update BEFORE UPDATE ON schema_versions
        BEGIN SELECT RAISE(ABORT, 'schema versions are append-only'); END;
      CREATE TRIGGER schema_versions_append_only_delete BEFORE DELETE ON schema_versions
        BEGIN SELECT RAISE(ABORT, 'schema versions are append-only'); END;
    `,
  },
  {
    version: 5,
    name: 'gateway-trusted-documents-and-quotas',
    sql: `
      -- The documents each application may run in trusted mode (sha256 of the text -> the text), registered from
      -- its client code's persisted-documents manifest; each registration is also an audit record.
      CREATE TABLE trusted_documents (
        application   TEXT NOT NULL,
        hash          TEXT NOT NULL CHECK (length(hash) = 64),
        document      TEXT NOT NULL,
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL CHECK (length(registered_at) = 24),
        PRIMARY KEY (application, hash)
      ) STRICT, WITHOUT ROWID;

      -- Records served under each agreement per day (the quota's day, e.g. 2026-11-27), shared by every gateway
      -- replica, for the per-agreement daily quota.
      CREATE TABLE agreement_usage (
        agreement_id TEXT NOT NULL,
        day          TEXT NOT NULL CHECK (length(day) = 10),
        records      INTEGER NOT NULL CHECK (records >= 0),
        PRIMARY KEY (agreement_id, day)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'disputes',
    sql: `
      -- A dispute about a refused application or an objection unanswered past its deadline (one per matter), along
      -- the statutory route. The row holds where it stands (the stage, its deadline, whether its parties recorded
      -- UNRESOLVED, and how it ended); dispute_steps holds every stage taken, with its outcome.
      CREATE TABLE disputes (
        id                   TEXT PRIMARY KEY,
        matter_kind          TEXT NOT NULL CHECK (matter_kind IN ('APPLICATION', 'OBJECTION')),
        matter_id            TEXT NOT NULL,
        consumer             TEXT NOT NULL,
        provider             TEXT NOT NULL,
        items                TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
        competent_department TEXT NOT NULL,
        common_superior      TEXT NOT NULL,
        statement            TEXT NOT NULL,
        raised_by            TEXT NOT NULL,
        raised_at            TEXT NOT NULL CHECK (length(raised_at) = 24),
        stage                TEXT NOT NULL CHECK (stage IN ('NEGOTIATION', 'COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR')),
        stage_deadline       TEXT NOT NULL CHECK (length(stage_deadline) = 24),
        stage_outcome        TEXT CHECK (stage_outcome IS NULL OR stage_outcome = 'UNRESOLVED'),
        status               TEXT NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
        outcome              TEXT CHECK (outcome IS NULL OR outcome IN ('SETTLED', 'UPHELD', 'DISMISSED')),
        agreement_id         TEXT,
        resolved_at          TEXT CHECK (resolved_at IS NULL OR length(resolved_at) = 24),
        UNIQUE (matter_kind, matter_id),
        CHECK ((status = 'OPEN') = (outcome IS NULL) AND (status = 'OPEN') = (resolved_at IS NULL)),
        CHECK (agreement_id IS NULL OR outcome IN ('SETTLED', 'UPHELD'))
      ) STRICT;
      -- A department's disputes as consumer or provider, open ones by deadline.
      CREATE INDEX disputes_by_consumer ON disputes (consumer, status, stage_deadline);
      CREATE INDEX disputes_by_provider ON disputes (provider, status, stage_deadline);

      CREATE TABLE dispute_steps (
        dispute_id             TEXT NOT NULL REFERENCES disputes (id),
        step                   INTEGER NOT NULL CHECK (step BETWEEN 1 AND 3),
        stage                  TEXT NOT NULL CHECK (stage IN ('NEGOTIATION', 'COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR')),
        opened_by_application  TEXT NOT NULL,
        opened_by_department   TEXT NOT NULL,
        opened_at              TEXT NOT NULL CHECK (length(opened_at) = 24),
        reason                 TEXT NOT NULL,
        deadline               TEXT NOT NULL CHECK (length(deadline) = 24),
        outcome                TEXT CHECK (outcome IS NULL OR outcome IN ('SETTLED', 'UNRESOLVED', 'UPHELD', 'DISMISSED')),
        note                   TEXT,
        decided_by_application TEXT,
        decided_by_department  TEXT,
        decided_at             TEXT CHECK (decided_at IS NULL OR length(decided_at) = 24),
        agreement_id           TEXT,
        PRIMARY KEY (dispute_id, step),
        CHECK ((outcome IS NULL) = (decided_at IS NULL) AND (outcome IS NULL) = (note IS NULL)
          AND (outcome IS NULL) = (decided_by_application IS NULL) AND (outcome IS NULL) = (decided_by_department IS NULL))
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'audit-subject-backlog',
    sql: `
      -- Records whose subject index rows are not written yet: a trail writes each record (and its provider and item
      -- rows) in its commit, and the subject rows of many records later, sorted, in one transaction (far fewer
      -- B-tree pages than a few hundred rows scattered per record). Until then the record is listed here, and a
      -- query by subject reads these records' own content as well (platform/audit/sqliteAuditQuery.ts).
      CREATE TABLE audit_unindexed (
        sequence INTEGER PRIMARY KEY
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: 'objections-by-subject',
    sql: `
      -- A resident's corrections (objections whose consumer is the reserved department \`resident\` and whose subject
      -- is the resident): read by subject, oldest first, without scanning every resident's.
      CREATE INDEX objections_by_subject ON objections (subject_key, consumer, id);
    `,
  },
];

const MIGRATIONS_TABLE: Record<Dialect, string> = {
  sqlite: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  postgres: 'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text COLLATE "C" NOT NULL, applied_at text COLLATE "C" NOT NULL)',
};

/**
 * Brings `db` up to the last migration of `migrations` (the list of its dialect); throws when the database is newer
 * than the list or its history diverges. Each migration runs in a transaction of its own holding the migrations
 * lock and is checked again there, so processes starting together apply each one exactly once.
 */
export async function applyMigrations(db: Db, migrations: readonly Migration[]): Promise<MigrationResult> {
  checkMigrationList(migrations);
  await db.transaction(function* (tx) {
    yield* tx.lock('migrations');
    yield* tx.exec(MIGRATIONS_TABLE[db.dialect]);
  });
  const latest = migrations.at(-1)?.version ?? 0;
  const recorded = await db.all<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
  const newest = recorded.at(-1);
  if (newest && newest.version > latest) {
    throw new Error(
      `Platform store ${db.where} is at schema version ${newest.version} ("${newest.name}"), newer than this code knows ` +
        `(version ${latest}). Run a govgraph release that includes that migration, or point the platform store at another ${db.dialect === 'sqlite' ? 'file' : 'schema'}.`,
    );
  }
  for (const row of recorded) {
    const known = migrations.find((migration) => migration.version === row.version);
    if (known && known.name !== row.name) {
      throw new Error(
        `Platform store ${db.where} recorded migration ${row.version} as "${row.name}" but this code names it "${known.name}": ` +
          'the database was migrated by a diverging schema history; refusing to start.',
      );
    }
  }
  const applied: Migration[] = [];
  for (const migration of migrations) {
    if (recorded.some((row) => row.version === migration.version)) continue;
    const ran = await db.transaction(function* (tx) {
      yield* tx.lock('migrations');
      if (yield* tx.get('SELECT version FROM schema_migrations WHERE version = ?', [migration.version])) return false;
      yield* tx.exec(migration.sql);
      yield* tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
      return true;
    });
    if (ran) applied.push(migration);
  }
  return { applied, version: Math.max(latest, newest?.version ?? 0) };
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions run 1, 2, 3, … without gaps).`);
    }
  });
}
