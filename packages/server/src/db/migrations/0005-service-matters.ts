import { sql, type Kysely } from 'kysely';

/**
 * One-stop acceptance (一站受理、一网协同), issue 5:
 * - `service_matter`: a city's service matter catalog (事项), one row per matter with its current
 *   definition (core's ServiceMatter as JSON), governed; `service_matter_revision` keeps every
 *   definition an application may have been made under;
 * - `application`: an application (办件) — applicant, form, materials, where it stands (status,
 *   current step and who must act, denormalised for the work queues), its time limit;
 * - `application_action`: the timeline — every action with its actor, unit and opinion,
 *   append-only;
 * - `application_file`: scans of materials;
 * - `result_document`: the decision or certificate with its public verification code;
 * - `notification`: the outbox of SMS and in-platform messages;
 * - `phone_challenge`: the codes that prove an online applicant's phone number.
 * Matters and applications are governed: every change keeps its history with who made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE service_matter (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      city_code text NOT NULL CONSTRAINT service_matter_city_fk REFERENCES region (code),
      code text NOT NULL CONSTRAINT service_matter_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
      name text NOT NULL,
      department_type text NOT NULL
        CONSTRAINT service_matter_department_type_fk REFERENCES department_type (code),
      definition jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT service_matter_unique UNIQUE (city_code, code)
    )`.execute(db);
  await governed(db, 'service_matter');

  await sql`
    CREATE TABLE service_matter_revision (
      matter_id uuid NOT NULL CONSTRAINT service_matter_revision_matter_fk REFERENCES service_matter (id),
      version int NOT NULL,
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT service_matter_revision_pkey PRIMARY KEY (matter_id, version)
    )`.execute(db);

  // an approved benefit application enrols the person in its register, verified by the decision
  await sql`ALTER TABLE element_value DROP CONSTRAINT element_value_source_valid,
              ADD CONSTRAINT element_value_source_valid CHECK (source IN
                ('form','import','verification','comparison','ruling','exchange','application'))`.execute(
    db,
  );

  await sql`CREATE SEQUENCE application_number_seq`.execute(db);
  await sql`
    CREATE TABLE application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL CONSTRAINT application_number_unique UNIQUE,
      city_code text NOT NULL,
      matter_id uuid NOT NULL CONSTRAINT application_matter_fk REFERENCES service_matter (id),
      matter_code text NOT NULL,
      matter_version int NOT NULL,
      department_type text NOT NULL,
      person_id uuid CONSTRAINT application_person_fk REFERENCES person (id),
      applicant_name text NOT NULL,
      applicant_pii text NOT NULL,
      applicant_document_bidx text NOT NULL,
      applicant_phone_bidx text NOT NULL,
      region_code text NOT NULL CONSTRAINT application_region_fk REFERENCES region (code),
      channel text NOT NULL CONSTRAINT application_channel_valid
        CHECK (channel IN ('online','window','visit')),
      status text NOT NULL CONSTRAINT application_status_valid
        CHECK (status IN ('submitted','processing','supplement','approved','rejected','withdrawn')),
      step_index int NOT NULL,
      step_key text NOT NULL,
      step_role text NOT NULL,
      step_region_code text NOT NULL,
      waiting_on text[] NOT NULL DEFAULT '{}',
      accepted_on date,
      deadline date,
      warn_on date,
      pauses jsonb NOT NULL DEFAULT '[]',
      extensions int[] NOT NULL DEFAULT '{}',
      pending_extension jsonb,
      form jsonb NOT NULL,
      materials jsonb NOT NULL,
      duplicate_of uuid CONSTRAINT application_duplicate_fk REFERENCES application (id),
      submission_key text CONSTRAINT application_submission_key_unique UNIQUE,
      submitted_by uuid,
      submitted_by_name text,
      submitted_at timestamptz NOT NULL,
      decided_at timestamptz,
      returned_count int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await governed(db, 'application');
  await sql`COMMENT ON COLUMN application.applicant_pii IS
    'Encrypted JSON {idNumber, phone} of the applicant (FieldCipher)'`.execute(db);
  await sql`COMMENT ON COLUMN application.waiting_on IS
    'Department types still to act at the current step (a countersign step: those not yet agreed)'`.execute(
    db,
  );
  // the work queues: open applications by who must act, in deadline order; the included columns
  // let a queue's page of ids and its count be read from the index alone (bench/worklist: a GIN
  // index on waiting_on misled the planner into reading every open application of the city)
  await sql`CREATE INDEX application_queue_idx ON application
              (step_role, step_region_code text_pattern_ops, deadline NULLS LAST, id)
              INCLUDE (waiting_on, matter_code, region_code, warn_on)
              WHERE status IN ('submitted','processing','supplement')`.execute(db);
  await sql`CREATE INDEX application_applicant_idx ON application (applicant_document_bidx, matter_code)
              WHERE status IN ('submitted','processing','supplement')`.execute(db);
  await sql`CREATE INDEX application_person_idx ON application (person_id)`.execute(db);
  await sql`CREATE INDEX application_region_idx ON application
              (region_code text_pattern_ops, submitted_at)`.execute(db);

  await sql`
    CREATE TABLE application_action (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL CONSTRAINT application_action_application_fk REFERENCES application (id),
      action text NOT NULL,
      effect text NOT NULL,
      step_index int NOT NULL,
      step_name text NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      actor_unit text,
      opinion text,
      detail jsonb,
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX application_action_application_idx ON application_action (application_id, id)`.execute(
    db,
  );
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON application_action FROM shequ_app`.execute(db);

  await sql`
    CREATE TABLE application_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL CONSTRAINT application_file_application_fk REFERENCES application (id),
      material_code text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes int NOT NULL CONSTRAINT application_file_size_valid CHECK (size_bytes BETWEEN 1 AND 10485760),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX application_file_application_idx ON application_file (application_id)`.execute(
    db,
  );

  await sql`
    CREATE TABLE result_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL CONSTRAINT result_document_application_unique UNIQUE
        CONSTRAINT result_document_application_fk REFERENCES application (id),
      kind text NOT NULL CONSTRAINT result_document_kind_valid
        CHECK (kind IN ('decision','certificate','acceptance')),
      title text NOT NULL,
      document_number text NOT NULL,
      issuer_name text NOT NULL,
      issued_on date NOT NULL,
      decision text NOT NULL CONSTRAINT result_document_decision_valid
        CHECK (decision IN ('approved','rejected')),
      body jsonb NOT NULL,
      verification_code text NOT NULL CONSTRAINT result_document_code_unique UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // codes texted to online applicants to prove their phone number
  await sql`
    CREATE TABLE phone_challenge (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      phone_bidx text NOT NULL,
      code_hash text NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX phone_challenge_phone_idx ON phone_challenge (phone_bidx, created_at)`.execute(
    db,
  );

  await sql`
    CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel text NOT NULL CONSTRAINT notification_channel_valid CHECK (channel IN ('sms','platform')),
      recipient_user_id uuid CONSTRAINT notification_user_fk REFERENCES app_user (id),
      recipient_phone text,
      application_id uuid CONSTRAINT notification_application_fk REFERENCES application (id),
      text text NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CONSTRAINT notification_status_valid CHECK (status IN ('pending','sent','failed','read')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notification_recipient CHECK (
        (channel = 'sms' AND recipient_phone IS NOT NULL) OR
        (channel = 'platform' AND recipient_user_id IS NOT NULL))
    )`.execute(db);
  await sql`COMMENT ON COLUMN notification.recipient_phone IS 'Encrypted phone number (FieldCipher)'`.execute(
    db,
  );
  await sql`CREATE INDEX notification_pending_idx ON notification (next_attempt_at)
              WHERE status = 'pending' AND channel = 'sms'`.execute(db);
  await sql`CREATE INDEX notification_user_idx ON notification (recipient_user_id, created_at)
              WHERE channel = 'platform'`.execute(db);
}

/** The history triggers of a governed table (as migration 0003 defines them). */
async function governed(db: Kysely<unknown>, table: string) {
  const skip = sql.raw(`'created_at', 'updated_at', 'version'`);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_history_insert`)} AFTER INSERT ON ${sql.table(table)}
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION record_entity_change(${skip})`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_history_update`)} AFTER UPDATE ON ${sql.table(table)}
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION record_entity_change(${skip})`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_history_delete`)} AFTER DELETE ON ${sql.table(table)}
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
            EXECUTE FUNCTION record_entity_change(${skip})`.execute(db);
}
