/**
 * The PostgreSQL platform store's schema, as an ordered list of migrations mirroring the SQLite ones
 * (`platform/store/migrations.ts`: same versions, same names, same tables and columns), applied on start by the
 * same runner (`applyMigrations`): replicas starting together wait for the schema's advisory lock, so exactly one
 * applies each migration and the others then find it recorded.
 *
 * Times stay ISO 8601 UTC strings of one fixed shape (Date.toISOString), as in SQLite, so text order is time
 * order and both stores answer every query identically. Every text column is `COLLATE "C"` (byte order, as SQLite
 * compares), whatever the database's collation, so ids, times and cursors sort the same in both stores. Append migrations; never edit one that has shipped.
 */
import type { Migration } from '../store/migrations.ts';

const ISO = (column: string) => `CHECK (length(${column}) = 24)`;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'agreements',
    sql: `
      -- One counter per kind of state, bumped in the same transaction as every change. Every bump notifies
      -- 'govgraph_changes' with "<schema> <name> <version>" on commit, so replicas can listen instead of poll.
      CREATE TABLE change_counters (
        name    text COLLATE "C" PRIMARY KEY,
        version bigint NOT NULL
      );
      INSERT INTO change_counters (name, version) VALUES ('agreements', 0);
      CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('govgraph_changes', TG_TABLE_SCHEMA || ' ' || NEW.name || ' ' || NEW.version);
        RETURN NULL;
      END $$;
      CREATE TRIGGER change_counters_notify AFTER UPDATE ON change_counters FOR EACH ROW EXECUTE FUNCTION notify_change();

      CREATE TABLE agreements (
        id          text COLLATE "C" PRIMARY KEY,
        consumer    text COLLATE "C" NOT NULL,
        provider    text COLLATE "C" NOT NULL,
        items       jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        purpose     text COLLATE "C" NOT NULL,
        legal_basis text COLLATE "C" NOT NULL,
        valid_from  text COLLATE "C" NOT NULL ${ISO('valid_from')},
        valid_until text COLLATE "C" NOT NULL ${ISO('valid_until')},
        status      text COLLATE "C" NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED')),
        created_at  text COLLATE "C" NOT NULL,
        updated_at  text COLLATE "C" NOT NULL,
        CHECK (valid_until > valid_from)
      );
      -- Serves the per-request lookup: consumer = $1 AND status = 'APPROVED' AND valid_until > $2.
      CREATE INDEX agreements_active ON agreements (consumer, status, valid_until);
      CREATE INDEX agreements_by_provider ON agreements (provider);

      CREATE TABLE agreement_status_history (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id),
        from_status  text COLLATE "C",
        to_status    text COLLATE "C" NOT NULL,
        reason       text COLLATE "C",
        actor        text COLLATE "C" NOT NULL,
        changed_at   text COLLATE "C" NOT NULL
      );
      CREATE INDEX agreement_status_history_by_agreement ON agreement_status_history (agreement_id, id);
    `,
  },
  {
    version: 2,
    name: 'audit-trail',
    sql: `
      -- One row per record; \`entry\` is the canonical JSON the hash covers, kept as text, byte for byte.
      CREATE TABLE audit_records (
        sequence      bigint PRIMARY KEY CHECK (sequence >= 1),
        previous_hash text COLLATE "C" NOT NULL CHECK (length(previous_hash) = 64),
        hash          text COLLATE "C" NOT NULL CHECK (length(hash) = 64),
        time          text COLLATE "C" NOT NULL ${ISO('time')},
        consumer      text COLLATE "C",
        kind          text COLLATE "C" NOT NULL,
        entry         text COLLATE "C" NOT NULL
      );
      CREATE INDEX audit_records_by_time ON audit_records (time, sequence);
      CREATE INDEX audit_records_by_consumer ON audit_records (consumer, time, sequence);
      CREATE INDEX audit_records_by_kind ON audit_records (kind, time, sequence);

      CREATE TABLE audit_record_providers (
        provider text COLLATE "C" NOT NULL,
        time     text COLLATE "C" NOT NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (provider, time, sequence)
      );
      CREATE TABLE audit_record_items (
        item        text COLLATE "C" NOT NULL,
        time        text COLLATE "C" NOT NULL,
        sequence    bigint NOT NULL,
        provider    text COLLATE "C" NOT NULL,
        disposition text COLLATE "C" NOT NULL CHECK (disposition IN ('served', 'masked', 'denied')),
        PRIMARY KEY (item, time, sequence, provider, disposition)
      );
      CREATE TABLE audit_record_subjects (
        subject  text COLLATE "C" NOT NULL,
        time     text COLLATE "C" NOT NULL,
        sequence bigint NOT NULL,
        provider text COLLATE "C" NOT NULL,
        PRIMARY KEY (subject, time, sequence, provider)
      );
      -- The verifier reads index rows in sequence order.
      CREATE INDEX audit_record_providers_by_sequence ON audit_record_providers (sequence);
      CREATE INDEX audit_record_items_by_sequence ON audit_record_items (sequence);
      CREATE INDEX audit_record_subjects_by_sequence ON audit_record_subjects (sequence);

      -- The chain head. Every batch locks this row (SELECT … FOR UPDATE) before chaining, so writers in any
      -- number of processes append one after another to one chain.
      CREATE TABLE audit_head (
        id       integer PRIMARY KEY CHECK (id = 1),
        sequence bigint NOT NULL,
        hash     text COLLATE "C" NOT NULL CHECK (length(hash) = 64)
      );
      INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '${'0'.repeat(64)}');

      CREATE TABLE audit_seals (
        id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sequence  bigint NOT NULL,
        hash      text COLLATE "C" NOT NULL,
        time      text COLLATE "C" NOT NULL,
        kid       text COLLATE "C" NOT NULL,
        signature text COLLATE "C" NOT NULL
      );
      CREATE INDEX audit_seals_by_sequence ON audit_seals (sequence);

      -- Append-only: no code path updates, deletes or truncates a record or a seal; these make an accident fail
      -- loudly. (An owner of the schema can drop them: that is what the hash chain and the seals are for.)
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% are append-only', replace(TG_TABLE_NAME, '_', ' ') USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
      CREATE FUNCTION audit_head_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.sequence < OLD.sequence THEN
          RAISE EXCEPTION 'the audit head only moves forward' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_head_only_forward BEFORE UPDATE OR DELETE ON audit_head
        FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward();
    `,
  },
  {
    version: 3,
    name: 'workflow',
    sql: `
      CREATE TABLE workflow_sequences (
        name  text COLLATE "C" PRIMARY KEY,
        value bigint NOT NULL CHECK (value >= 0)
      );

      CREATE TABLE applications (
        agreement_id          text COLLATE "C" PRIMARY KEY REFERENCES agreements (id),
        scenario              text COLLATE "C" NOT NULL,
        applicant_application text COLLATE "C" NOT NULL,
        applicant_department  text COLLATE "C" NOT NULL,
        applied_at            text COLLATE "C" NOT NULL ${ISO('applied_at')},
        deadline              text COLLATE "C" NOT NULL ${ISO('deadline')},
        requested_items       jsonb NOT NULL CHECK (jsonb_typeof(requested_items) = 'array'),
        requested_valid_from  text COLLATE "C" NOT NULL ${ISO('requested_valid_from')},
        requested_valid_until text COLLATE "C" NOT NULL ${ISO('requested_valid_until')}
      );

      CREATE TABLE objections (
        id                   text COLLATE "C" PRIMARY KEY,
        consumer             text COLLATE "C" NOT NULL,
        provider             text COLLATE "C" NOT NULL,
        item                 text COLLATE "C" NOT NULL,
        subject_key          text COLLATE "C" NOT NULL,
        description          text COLLATE "C" NOT NULL,
        reporter_application text COLLATE "C" NOT NULL,
        reported_at          text COLLATE "C" NOT NULL ${ISO('reported_at')},
        deadline             text COLLATE "C" NOT NULL ${ISO('deadline')},
        status               text COLLATE "C" NOT NULL CHECK (status IN ('OPEN', 'CORRECTED', 'CONFIRMED_CORRECT')),
        answer_note          text COLLATE "C",
        answered_by          text COLLATE "C",
        answered_at          text COLLATE "C" CHECK (answered_at IS NULL OR length(answered_at) = 24),
        CHECK ((status = 'OPEN') = (answered_at IS NULL)),
        CHECK ((answered_at IS NULL) = (answer_note IS NULL) AND (answered_at IS NULL) = (answered_by IS NULL))
      );
      CREATE INDEX objections_by_provider ON objections (provider, status, deadline);
      CREATE INDEX objections_by_consumer ON objections (consumer, status);
    `,
  },
  {
    version: 4,
    name: 'schema-versions',
    sql: `
      CREATE TABLE schema_versions (
        sequence        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        department      text COLLATE "C" NOT NULL,
        version         integer NOT NULL CHECK (version >= 1),
        schema_hash     text COLLATE "C" NOT NULL CHECK (length(schema_hash) = 64),
        sdl             text COLLATE "C" NOT NULL,
        url             text COLLATE "C" NOT NULL,
        supergraph      text COLLATE "C" NOT NULL,
        supergraph_hash text COLLATE "C" NOT NULL CHECK (length(supergraph_hash) = 64),
        published_at    text COLLATE "C" NOT NULL ${ISO('published_at')},
        actor           text COLLATE "C" NOT NULL,
        reason          text COLLATE "C",
        changes         jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
        rollback_of     integer,
        UNIQUE (department, version)
      );
      CREATE FUNCTION schema_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'schema versions are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER schema_versions_append_only BEFORE UPDATE OR DELETE ON schema_versions
        FOR EACH ROW EXECUTE FUNCTION schema_versions_append_only();
    `,
  },
  {
    version: 5,
    name: 'gateway-trusted-documents-and-quotas',
    sql: `
      CREATE TABLE trusted_documents (
        application   text COLLATE "C" NOT NULL,
        hash          text COLLATE "C" NOT NULL CHECK (length(hash) = 64),
        document      text COLLATE "C" NOT NULL,
        registered_by text COLLATE "C" NOT NULL,
        registered_at text COLLATE "C" NOT NULL ${ISO('registered_at')},
        PRIMARY KEY (application, hash)
      );

      -- Records served under each agreement per day, shared by every replica (an upsert adds to the row).
      CREATE TABLE agreement_usage (
        agreement_id text COLLATE "C" NOT NULL,
        day          text COLLATE "C" NOT NULL CHECK (length(day) = 10),
        records      bigint NOT NULL CHECK (records >= 0),
        PRIMARY KEY (agreement_id, day)
      );
    `,
  },
  {
    version: 6,
    name: 'disputes',
    sql: `
      CREATE TABLE disputes (
        id                   text COLLATE "C" PRIMARY KEY,
        matter_kind          text COLLATE "C" NOT NULL CHECK (matter_kind IN ('APPLICATION', 'OBJECTION')),
        matter_id            text COLLATE "C" NOT NULL,
        consumer             text COLLATE "C" NOT NULL,
        provider             text COLLATE "C" NOT NULL,
        items                jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        competent_department text COLLATE "C" NOT NULL,
        common_superior      text COLLATE "C" NOT NULL,
        statement            text COLLATE "C" NOT NULL,
        raised_by            text COLLATE "C" NOT NULL,
        raised_at            text COLLATE "C" NOT NULL ${ISO('raised_at')},
        stage                text COLLATE "C" NOT NULL CHECK (stage IN ('NEGOTIATION', 'COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR')),
        stage_deadline       text COLLATE "C" NOT NULL ${ISO('stage_deadline')},
        stage_outcome        text COLLATE "C" CHECK (stage_outcome IS NULL OR stage_outcome = 'UNRESOLVED'),
        status               text COLLATE "C" NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
        outcome              text COLLATE "C" CHECK (outcome IS NULL OR outcome IN ('SETTLED', 'UPHELD', 'DISMISSED')),
        agreement_id         text COLLATE "C",
        resolved_at          text COLLATE "C" CHECK (resolved_at IS NULL OR length(resolved_at) = 24),
        UNIQUE (matter_kind, matter_id),
        CHECK ((status = 'OPEN') = (outcome IS NULL) AND (status = 'OPEN') = (resolved_at IS NULL)),
        CHECK (agreement_id IS NULL OR outcome IN ('SETTLED', 'UPHELD'))
      );
      CREATE INDEX disputes_by_consumer ON disputes (consumer, status, stage_deadline);
      CREATE INDEX disputes_by_provider ON disputes (provider, status, stage_deadline);

      CREATE TABLE dispute_steps (
        dispute_id             text COLLATE "C" NOT NULL REFERENCES disputes (id),
        step                   integer NOT NULL CHECK (step BETWEEN 1 AND 3),
        stage                  text COLLATE "C" NOT NULL CHECK (stage IN ('NEGOTIATION', 'COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR')),
        opened_by_application  text COLLATE "C" NOT NULL,
        opened_by_department   text COLLATE "C" NOT NULL,
        opened_at              text COLLATE "C" NOT NULL ${ISO('opened_at')},
        reason                 text COLLATE "C" NOT NULL,
        deadline               text COLLATE "C" NOT NULL ${ISO('deadline')},
        outcome                text COLLATE "C" CHECK (outcome IS NULL OR outcome IN ('SETTLED', 'UNRESOLVED', 'UPHELD', 'DISMISSED')),
        note                   text COLLATE "C",
        decided_by_application text COLLATE "C",
        decided_by_department  text COLLATE "C",
        decided_at             text COLLATE "C" CHECK (decided_at IS NULL OR length(decided_at) = 24),
        agreement_id           text COLLATE "C",
        PRIMARY KEY (dispute_id, step),
        CHECK ((outcome IS NULL) = (decided_at IS NULL) AND (outcome IS NULL) = (note IS NULL)
          AND (outcome IS NULL) = (decided_by_application IS NULL) AND (outcome IS NULL) = (decided_by_department IS NULL))
      );
    `,
  },
  {
    version: 7,
    name: 'audit-subject-backlog',
    sql: `
      -- Mirrors SQLite's migration 7. PostgreSQL's trail writes every record's subject rows in its commit (one
      -- unnest INSERT, row-level WAL), so nothing is ever listed here.
      CREATE TABLE audit_unindexed (
        sequence bigint PRIMARY KEY
      );
    `,
  },
  {
    version: 8,
    name: 'objections-by-subject',
    sql: `
      -- Mirrors SQLite's migration 8: a resident's corrections, read by subject.
      CREATE INDEX objections_by_subject ON objections (subject_key, consumer, id);
    `,
  },
];
