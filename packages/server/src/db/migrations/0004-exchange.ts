import { sql, type Kysely } from 'kysely';

/**
 * The open exchange interface for department systems (see docs/EXCHANGE.md, ADR 0004):
 * - `exchange_client`: a registered machine client (OAuth2 client credentials; the secret is kept
 *   only as a scrypt hash), owned by a department;
 * - `sharing_agreement`: what a client may read — elements, a region subtree, a purpose, a
 *   validity period and a rate limit;
 * - `exchange_token`: short-lived access tokens, stored as SHA-256 hashes;
 * - `exchange_log`: every machine request, allowed or refused, append-only and hash-chained like
 *   `audit_event`;
 * - `exchange_event`: the outbox of changes; a single sequencer gives committed events their
 *   feed position;
 * - `webhook_subscription`, `webhook_delivery`, `webhook_attempt`: signed deliveries of events with
 *   retries, and the log of each attempt;
 * - `export_job`: asynchronous NDJSON exports.
 * Clients, agreements and subscriptions are configured by people and are governed (history kept
 * as for the community database); the rest is written by the machine side.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const governed = async (table: string, skip: readonly string[]) => {
    const args = sql.raw(
      ['created_at', 'updated_at', 'version', ...skip].map((c) => `'${c}'`).join(', '),
    );
    await sql`CREATE TRIGGER ${sql.raw(`${table}_history_insert`)} AFTER INSERT ON ${sql.table(table)}
              REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
              EXECUTE FUNCTION record_entity_change(${args})`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_history_update`)} AFTER UPDATE ON ${sql.table(table)}
              REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
              EXECUTE FUNCTION record_entity_change(${args})`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_history_delete`)} AFTER DELETE ON ${sql.table(table)}
              REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
              EXECUTE FUNCTION record_entity_change(${args})`.execute(db);
  };

  await sql`
    CREATE TABLE exchange_client (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id text NOT NULL CONSTRAINT exchange_client_client_id_unique UNIQUE
        CONSTRAINT exchange_client_client_id_format CHECK (client_id ~ '^[a-z0-9_-]{8,64}$'),
      name text NOT NULL CONSTRAINT exchange_client_name_length
        CHECK (char_length(name) BETWEEN 1 AND 100),
      department_id uuid NOT NULL CONSTRAINT exchange_client_department_fk REFERENCES department (id),
      region_code text NOT NULL CONSTRAINT exchange_client_region_fk REFERENCES region (code),
      status text NOT NULL DEFAULT 'active' CONSTRAINT exchange_client_status_valid
        CHECK (status IN ('active','disabled')),
      secret_hash text NOT NULL,
      disabled_reason text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX exchange_client_region_idx ON exchange_client (region_code text_pattern_ops)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN exchange_client.secret_hash IS
            'scrypt$N$r$p$salt$hash of the client secret; the secret itself is shown once and never stored'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN exchange_client.region_code IS
            'The owning department''s region: administration of the client is scoped on it'`.execute(
    db,
  );
  await governed('exchange_client', ['secret_hash']);

  await sql`
    CREATE TABLE sharing_agreement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      exchange_client_id uuid NOT NULL CONSTRAINT sharing_agreement_client_fk REFERENCES exchange_client (id),
      purpose_code text NOT NULL CONSTRAINT sharing_agreement_purpose_code_format
        CHECK (purpose_code ~ '^[a-z0-9][a-z0-9_.-]{1,39}$'),
      purpose text NOT NULL CONSTRAINT sharing_agreement_purpose_length
        CHECK (char_length(purpose) BETWEEN 2 AND 500),
      element_codes text[] NOT NULL CONSTRAINT sharing_agreement_elements_present
        CHECK (cardinality(element_codes) > 0),
      region_code text NOT NULL CONSTRAINT sharing_agreement_region_fk REFERENCES region (code),
      valid_from date NOT NULL,
      valid_to date,
      rate_limit_per_minute int NOT NULL CONSTRAINT sharing_agreement_rate_limit_valid
        CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
      status text NOT NULL DEFAULT 'active' CONSTRAINT sharing_agreement_status_valid
        CHECK (status IN ('active','ended')),
      ended_at timestamptz,
      end_reason text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT sharing_agreement_validity CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CONSTRAINT sharing_agreement_ended CHECK ((status = 'ended') = (ended_at IS NOT NULL))
    )`.execute(db);
  // a request names its purpose; one active agreement per client and purpose answers it
  await sql`CREATE UNIQUE INDEX sharing_agreement_one_active ON sharing_agreement (exchange_client_id, purpose_code)
            WHERE status = 'active'`.execute(db);
  await sql`COMMENT ON COLUMN sharing_agreement.purpose_code IS
            'What requests name in X-Shequ-Purpose (before an optional case reference)'`.execute(
    db,
  );
  await governed('sharing_agreement', []);

  await sql`
    CREATE TABLE exchange_token (
      token_hash text PRIMARY KEY,
      exchange_client_id uuid NOT NULL CONSTRAINT exchange_token_client_fk REFERENCES exchange_client (id),
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX exchange_token_client_idx ON exchange_token (exchange_client_id)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN exchange_token.token_hash IS 'SHA-256 (hex) of the bearer token'`.execute(
    db,
  );

  await sql`
    CREATE TABLE exchange_log (
      seq bigint PRIMARY KEY CONSTRAINT exchange_log_seq_positive CHECK (seq > 0),
      at timestamptz NOT NULL,
      request_id text NOT NULL CONSTRAINT exchange_log_request_unique UNIQUE,
      exchange_client_id uuid,
      client_id text,
      agreement_id uuid,
      region_code text,
      method text NOT NULL,
      path text NOT NULL,
      purpose text,
      case_ref text,
      end_user text,
      request_hash text NOT NULL,
      response_hash text NOT NULL,
      status_code int NOT NULL,
      outcome text NOT NULL CONSTRAINT exchange_log_outcome_valid
        CHECK (outcome IN ('allowed','refused','not_found','error')),
      reason text,
      detail jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX exchange_log_client_idx ON exchange_log (exchange_client_id, seq)`.execute(
    db,
  );
  await sql`CREATE INDEX exchange_log_region_idx ON exchange_log (region_code text_pattern_ops, seq)`.execute(
    db,
  );
  await sql`CREATE INDEX exchange_log_time_idx ON exchange_log (at)`.execute(db);
  await sql`COMMENT ON COLUMN exchange_log.hash IS
            'SHA-256 of the canonical JSON of the entry including prev_hash'`.execute(db);
  await sql`COMMENT ON COLUMN exchange_log.request_hash IS
            'SHA-256 of "METHOD path\\npurpose\\nend user\\n" followed by the raw request body'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN exchange_log.response_hash IS 'SHA-256 of the response body as sent'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION exchange_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'exchange_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER exchange_log_append_only BEFORE UPDATE OR DELETE ON exchange_log
            FOR EACH ROW EXECUTE FUNCTION exchange_log_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER exchange_log_no_truncate BEFORE TRUNCATE ON exchange_log
            FOR EACH STATEMENT EXECUTE FUNCTION exchange_log_refuse_change()`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON exchange_log FROM shequ_app`.execute(db);

  await sql`
    CREATE TABLE exchange_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      position bigint CONSTRAINT exchange_event_position_unique UNIQUE
        CONSTRAINT exchange_event_position_positive CHECK (position > 0),
      type text NOT NULL CONSTRAINT exchange_event_type_format
        CHECK (type ~ '^[a-z][a-z_]*([.][a-z_]+)+$'),
      person_id uuid,
      region_code text NOT NULL,
      element_codes text[] NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      sequenced_at timestamptz,
      emitted bigint GENERATED ALWAYS AS IDENTITY
    )`.execute(db);
  // insertion order, strictly increasing: two events of one clock tick (PGlite's clock is coarse)
  // would otherwise fall into random id order
  await sql`COMMENT ON COLUMN exchange_event.emitted IS
            'Insertion order: the sequencer numbers committed events in this order'`.execute(db);
  // the sequencer's work: committed events still without a position
  await sql`CREATE INDEX exchange_event_unsequenced_idx ON exchange_event (emitted)
            WHERE position IS NULL`.execute(db);
  await sql`COMMENT ON COLUMN exchange_event.position IS
            'Feed position, assigned after commit by the single sequencer in commit order; the cursor'`.execute(
    db,
  );
  // the outbox is written once and sequenced once: the app may not delete or rewrite an event
  await sql`REVOKE DELETE, TRUNCATE ON exchange_event FROM shequ_app`.execute(db);

  await sql`
    CREATE TABLE webhook_subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agreement_id uuid NOT NULL CONSTRAINT webhook_subscription_agreement_fk REFERENCES sharing_agreement (id),
      url text NOT NULL CONSTRAINT webhook_subscription_url_format CHECK (url ~ '^https?://'),
      secret text NOT NULL,
      status text NOT NULL DEFAULT 'active' CONSTRAINT webhook_subscription_status_valid
        CHECK (status IN ('active','disabled')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX webhook_subscription_agreement_idx ON webhook_subscription (agreement_id)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN webhook_subscription.secret IS
            'HMAC-SHA256 signing secret, encrypted with the field cipher (<key id>:…)'`.execute(db);
  await governed('webhook_subscription', ['secret']);

  await sql`
    CREATE TABLE webhook_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscription_id uuid NOT NULL CONSTRAINT webhook_delivery_subscription_fk REFERENCES webhook_subscription (id),
      event_id uuid NOT NULL CONSTRAINT webhook_delivery_event_fk REFERENCES exchange_event (id),
      status text NOT NULL DEFAULT 'pending' CONSTRAINT webhook_delivery_status_valid
        CHECK (status IN ('pending','delivered','failed','cancelled')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_status int,
      last_error text,
      delivered_at timestamptz,
      queued_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      CONSTRAINT webhook_delivery_unique UNIQUE (subscription_id, event_id)
    )`.execute(db);
  await sql`CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at)
            WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id)`.execute(db);
  await sql`COMMENT ON COLUMN webhook_delivery.queued_at IS
            'When the delivery was queued, or replayed: retries back off from here and stop a day later'`.execute(
    db,
  );

  await sql`
    CREATE TABLE webhook_attempt (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL CONSTRAINT webhook_attempt_delivery_fk REFERENCES webhook_delivery (id),
      attempt int NOT NULL,
      at timestamptz NOT NULL,
      status_code int,
      error text,
      duration_ms int NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, attempt)`.execute(
    db,
  );

  await sql`
    CREATE TABLE export_job (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      exchange_client_id uuid NOT NULL CONSTRAINT export_job_client_fk REFERENCES exchange_client (id),
      agreement_id uuid NOT NULL CONSTRAINT export_job_agreement_fk REFERENCES sharing_agreement (id),
      region_code text NOT NULL,
      element_codes text[] NOT NULL,
      as_of date NOT NULL,
      status text NOT NULL DEFAULT 'queued' CONSTRAINT export_job_status_valid
        CHECK (status IN ('queued','running','done','failed')),
      file_path text,
      file_size bigint,
      file_hash text,
      row_count int,
      error text,
      request_id text,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX export_job_client_idx ON export_job (exchange_client_id, created_at)`.execute(
    db,
  );
  await sql`CREATE INDEX export_job_open_idx ON export_job (created_at) WHERE status IN ('queued','running')`.execute(
    db,
  );
}
