import { sql, type Kysely } from 'kysely';

/**
 * The community database: people, households, places (compound → building → unit → house),
 * person–house relations, units and social organisations, special-group registers, party
 * organisations, national code sets, the change history of all of them, and import jobs.
 *
 * History is kept by statement-level triggers with transition tables: every INSERT, UPDATE and
 * DELETE on a governed table writes one `entity_change` row per affected row with the old and new
 * values of the columns that changed. A write without a declared change context (who, source,
 * reason: the transaction-local setting `shequ.change`) is refused, so no write path can change a
 * value without a history entry. Frozen: never edit once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE code_set (
      id text PRIMARY KEY,
      name text NOT NULL,
      source text NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE code_item (
      set_id text NOT NULL CONSTRAINT code_item_set_fk REFERENCES code_set (id),
      code text NOT NULL,
      name text NOT NULL,
      sort_order int NOT NULL,
      CONSTRAINT code_item_pk PRIMARY KEY (set_id, code)
    )`.execute(db);
  await sql`COMMENT ON TABLE code_set IS 'national code sets (GB/T 2261.1 …) synchronised from packages/core at start; source names the standard'`.execute(
    db,
  );

  await sql`
    CREATE TABLE entity_change (
      seq bigserial PRIMARY KEY,
      entity text NOT NULL,
      entity_id uuid NOT NULL,
      op text NOT NULL CONSTRAINT entity_change_op_valid CHECK (op IN ('insert','update','delete')),
      old_values jsonb,
      new_values jsonb,
      actor_id uuid,
      actor_name text NOT NULL,
      source text NOT NULL,
      reason text,
      job_id uuid,
      changed_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX entity_change_entity_idx ON entity_change (entity_id, seq)`.execute(db);
  await sql`CREATE INDEX entity_change_job_idx ON entity_change (job_id) WHERE job_id IS NOT NULL`.execute(
    db,
  );
  // only the history triggers (SECURITY DEFINER, owned by the migrating role) write the history:
  // the application can read it but neither forge, alter nor remove an entry
  await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON entity_change FROM shequ_app`.execute(db);
  await sql`COMMENT ON COLUMN entity_change.old_values IS 'the changed columns before the change (NULL for an insert); encrypted columns stay ciphertext'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN entity_change.source IS 'form, import, merge, api, seed, cli …: how the change entered'`.execute(
    db,
  );

  // TG_ARGV: the columns a table does not keep history of (timestamps, derived lookup columns).
  await sql`
    CREATE FUNCTION record_entity_change() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    DECLARE
      ctx jsonb := nullif(current_setting('shequ.change', true), '')::jsonb;
      skip text[] := TG_ARGV::text[];
    BEGIN
      IF ctx IS NULL THEN
        RAISE EXCEPTION 'shequ: % on % without a change context', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'SQ001';
      END IF;
      IF TG_OP = 'INSERT' THEN
        INSERT INTO entity_change (entity, entity_id, op, old_values, new_values, actor_id,
                                   actor_name, source, reason, job_id, changed_at)
        SELECT TG_TABLE_NAME, n.id, 'insert', NULL, jsonb_strip_nulls(to_jsonb(n) - skip),
               (ctx->>'actorId')::uuid, ctx->>'actorName', ctx->>'source', ctx->>'reason',
               (ctx->>'jobId')::uuid, (ctx->>'at')::timestamptz
        FROM new_rows n;
      ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO entity_change (entity, entity_id, op, old_values, new_values, actor_id,
                                   actor_name, source, reason, job_id, changed_at)
        SELECT TG_TABLE_NAME, d.id, 'update', d.old_values, d.new_values,
               (ctx->>'actorId')::uuid, ctx->>'actorName', ctx->>'source', ctx->>'reason',
               (ctx->>'jobId')::uuid, (ctx->>'at')::timestamptz
        FROM (
          SELECT n.id,
                 (SELECT jsonb_object_agg(k, oj->k) FROM jsonb_object_keys(nj) k
                   WHERE nj->k IS DISTINCT FROM oj->k) AS old_values,
                 (SELECT jsonb_object_agg(k, nj->k) FROM jsonb_object_keys(nj) k
                   WHERE nj->k IS DISTINCT FROM oj->k) AS new_values
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          CROSS JOIN LATERAL (SELECT to_jsonb(n) - skip AS nj, to_jsonb(o) - skip AS oj) j
        ) d
        WHERE d.new_values IS NOT NULL;
      ELSE
        INSERT INTO entity_change (entity, entity_id, op, old_values, new_values, actor_id,
                                   actor_name, source, reason, job_id, changed_at)
        SELECT TG_TABLE_NAME, o.id, 'delete', jsonb_strip_nulls(to_jsonb(o) - skip), NULL,
               (ctx->>'actorId')::uuid, ctx->>'actorName', ctx->>'source', ctx->>'reason',
               (ctx->>'jobId')::uuid, (ctx->>'at')::timestamptz
        FROM old_rows o;
      END IF;
      RETURN NULL;
    END $$`.execute(db);

  const governed = async (table: string, skip: readonly string[]) => {
    const args = sql.raw(skip.map((c) => `'${c}'`).join(', '));
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
  const stamps = ['created_at', 'updated_at', 'version'] as const;

  await sql`
    CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL CONSTRAINT person_region_fk REFERENCES region (code),
      name text NOT NULL CONSTRAINT person_name_length CHECK (char_length(name) BETWEEN 1 AND 50),
      former_names text,
      document_type text NOT NULL,
      document_bidx text NOT NULL,
      phone_bidx text,
      pii text NOT NULL,
      id_masked text NOT NULL,
      phone_masked text,
      sex text,
      birth_date date,
      ethnicity text,
      residence_type text NOT NULL CONSTRAINT person_residence_type_valid
        CHECK (residence_type IN ('registered','migrant','foreign','unregistered')),
      political_status text,
      marital_status text,
      education text,
      occupation text,
      employer text,
      health text,
      life_status text NOT NULL DEFAULT 'active' CONSTRAINT person_life_status_valid
        CHECK (life_status IN ('active','moved_out','deceased_reported','deceased')),
      life_status_date date,
      life_status_reported_by uuid,
      tags text[] NOT NULL DEFAULT '{}',
      flags text[] NOT NULL DEFAULT '{}',
      note text,
      merged_into uuid CONSTRAINT person_merged_into_fk REFERENCES person (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX person_document_bidx_idx ON person (document_bidx)`.execute(db);
  await sql`CREATE INDEX person_phone_bidx_idx ON person (phone_bidx) WHERE phone_bidx IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX person_region_name_idx ON person (region_code text_pattern_ops, name text_pattern_ops)`.execute(
    db,
  );
  // name-prefix search in code-point order: LIKE 'x%' and ORDER BY name COLLATE "C", id LIMIT n
  // read only the first n entries; region_code included so the count of a city-wide search is an
  // index-only scan
  await sql`CREATE INDEX person_name_idx ON person (name COLLATE "C", id) INCLUDE (region_code)
            WHERE merged_into IS NULL`.execute(db);
  await sql`CREATE INDEX person_duplicate_idx ON person (name, birth_date) WHERE merged_into IS NULL`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN person.pii IS 'AES-256-GCM envelope of idNumber, phone, registeredAddress, currentAddress; prefix = key id'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN person.document_bidx IS 'blind index: HMAC-SHA-256 of the normalised document number under the index key'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN person.flags IS 'stated values that disagree with the ID number (birth_date_mismatch, sex_mismatch): flagged, never fixed'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN person.merged_into IS 'set when this record was merged into another as a duplicate; its history stays'`.execute(
    db,
  );
  await governed('person', [...stamps, 'document_bidx', 'phone_bidx', 'id_masked', 'phone_masked']);

  await sql`
    CREATE TABLE household (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL CONSTRAINT household_number_unique UNIQUE,
      household_type text NOT NULL DEFAULT 'family'
        CONSTRAINT household_type_valid CHECK (household_type IN ('family','collective')),
      region_code text NOT NULL CONSTRAINT household_region_fk REFERENCES region (code),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX household_region_idx ON household (region_code text_pattern_ops)`.execute(
    db,
  );
  await governed('household', stamps);

  await sql`
    CREATE TABLE household_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      household_id uuid NOT NULL CONSTRAINT household_member_household_fk REFERENCES household (id),
      person_id uuid NOT NULL CONSTRAINT household_member_person_fk REFERENCES person (id),
      relation text NOT NULL,
      joined_on date NOT NULL,
      left_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT household_member_dates CHECK (left_on IS NULL OR left_on >= joined_on)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX household_member_one_household ON household_member (person_id) WHERE left_on IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX household_member_one_head ON household_member (household_id) WHERE left_on IS NULL AND relation = '02'`.execute(
    db,
  );
  await sql`CREATE INDEX household_member_household_idx ON household_member (household_id)`.execute(
    db,
  );
  await governed('household_member', stamps);

  await sql`
    CREATE TABLE place (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CONSTRAINT place_kind_valid CHECK (kind IN ('compound','building','unit','house')),
      parent_id uuid CONSTRAINT place_parent_fk REFERENCES place (id),
      region_code text NOT NULL CONSTRAINT place_region_fk REFERENCES region (code),
      name text NOT NULL CONSTRAINT place_name_length CHECK (char_length(name) BETWEEN 1 AND 60),
      house_use text CONSTRAINT place_house_use_valid
        CHECK (house_use IS NULL OR house_use IN ('residential','commercial','mixed','other')),
      area numeric(10, 2) CONSTRAINT place_area_positive CHECK (area IS NULL OR area > 0),
      ownership text CONSTRAINT place_ownership_valid
        CHECK (ownership IS NULL OR ownership IN ('private','public_rental','unit','other')),
      rented boolean,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT place_compound_has_no_parent CHECK ((kind = 'compound') = (parent_id IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX place_compound_name ON place (region_code, name) WHERE parent_id IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX place_child_name ON place (parent_id, name) WHERE parent_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX place_region_idx ON place (region_code text_pattern_ops)`.execute(db);
  await governed('place', stamps);

  await sql`
    CREATE TABLE person_house (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL CONSTRAINT person_house_person_fk REFERENCES person (id),
      house_id uuid NOT NULL CONSTRAINT person_house_house_fk REFERENCES place (id),
      relation text NOT NULL CONSTRAINT person_house_relation_valid
        CHECK (relation IN ('registered','lives','owns','rents')),
      is_primary boolean NOT NULL DEFAULT false,
      start_date date NOT NULL,
      end_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT person_house_dates CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX person_house_one_primary_residence ON person_house (person_id)
            WHERE relation = 'lives' AND is_primary AND end_date IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX person_house_current ON person_house (person_id, house_id, relation) WHERE end_date IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX person_house_house_idx ON person_house (house_id)`.execute(db);
  await governed('person_house', stamps);

  await sql`
    CREATE TABLE org_unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CONSTRAINT org_unit_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
      credit_code text CONSTRAINT org_unit_credit_code_format CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
      kind text NOT NULL CONSTRAINT org_unit_kind_valid
        CHECK (kind IN ('enterprise','public_institution','government','social_organization','individual_business','other')),
      region_code text NOT NULL CONSTRAINT org_unit_region_fk REFERENCES region (code),
      address text,
      contact_name text,
      contact_phone text,
      contact_phone_masked text,
      headcount int CONSTRAINT org_unit_headcount_valid CHECK (headcount IS NULL OR headcount >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX org_unit_credit_code_unique ON org_unit (credit_code) WHERE credit_code IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX org_unit_region_idx ON org_unit (region_code text_pattern_ops)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN org_unit.contact_phone IS 'AES-256-GCM ciphertext with key id prefix'`.execute(
    db,
  );
  await governed('org_unit', [...stamps, 'contact_phone_masked']);

  await sql`
    CREATE TABLE group_membership (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL CONSTRAINT group_membership_person_fk REFERENCES person (id),
      group_code text NOT NULL,
      status text NOT NULL DEFAULT 'active' CONSTRAINT group_membership_status_valid
        CHECK (status IN ('active','ended')),
      end_reason text,
      start_date date NOT NULL,
      end_date date,
      attention_level text CONSTRAINT group_membership_attention_valid
        CHECK (attention_level IS NULL OR attention_level IN ('general','medium','serious')),
      verifying_department_type text NOT NULL,
      attributes jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT group_membership_end CHECK ((status = 'ended') = (end_date IS NOT NULL)),
      CONSTRAINT group_membership_dates CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX group_membership_one_active ON group_membership (person_id, group_code) WHERE status = 'active'`.execute(
    db,
  );
  await sql`CREATE INDEX group_membership_group_idx ON group_membership (group_code, status)`.execute(
    db,
  );
  await governed('group_membership', stamps);

  await sql`
    CREATE TABLE party_org (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CONSTRAINT party_org_kind_valid CHECK (kind IN ('committee','general_branch','branch')),
      region_code text NOT NULL CONSTRAINT party_org_region_fk REFERENCES region (code),
      parent_id uuid CONSTRAINT party_org_parent_fk REFERENCES party_org (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await governed('party_org', stamps);
  await sql`
    CREATE TABLE party_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL CONSTRAINT party_member_person_fk REFERENCES person (id),
      org_id uuid NOT NULL CONSTRAINT party_member_org_fk REFERENCES party_org (id),
      joined_on date,
      status text NOT NULL DEFAULT 'full' CONSTRAINT party_member_status_valid
        CHECK (status IN ('full','probationary','transferred_out')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX party_member_person_unique ON party_member (person_id) WHERE status <> 'transferred_out'`.execute(
    db,
  );
  await governed('party_member', stamps);

  await sql`
    CREATE TABLE import_job (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CONSTRAINT import_job_kind_valid CHECK (kind IN ('people')),
      status text NOT NULL CONSTRAINT import_job_status_valid
        CHECK (status IN ('staging','staged','merging','done','failed','cancelled')),
      file_name text NOT NULL,
      format text NOT NULL CONSTRAINT import_job_format_valid CHECK (format IN ('xlsx','csv')),
      encoding text,
      region_code text NOT NULL CONSTRAINT import_job_region_fk REFERENCES region (code),
      headers jsonb NOT NULL DEFAULT '[]',
      mapping jsonb NOT NULL DEFAULT '{}',
      created_by uuid,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL,
      staged_at timestamptz,
      finished_at timestamptz,
      total_rows int NOT NULL DEFAULT 0,
      rejected_rows int NOT NULL DEFAULT 0,
      create_rows int NOT NULL DEFAULT 0,
      update_rows int NOT NULL DEFAULT 0,
      unchanged_rows int NOT NULL DEFAULT 0,
      error text
    )`.execute(db);
  await sql`CREATE INDEX import_job_region_idx ON import_job (region_code text_pattern_ops, created_at)`.execute(
    db,
  );
  // UNLOGGED: staged rows are a work area, rebuilt by re-uploading (a crash empties the table; a
  // staged job whose rows are gone cannot be applied). Accepted rows hold ciphertext until the
  // merge; rejected rows keep the file's cells for the rejected-rows file. Purged after 7 days.
  await sql`
    CREATE UNLOGGED TABLE import_row (
      job_id uuid NOT NULL CONSTRAINT import_row_job_fk REFERENCES import_job (id) ON DELETE CASCADE,
      row_no int NOT NULL,
      outcome text NOT NULL CONSTRAINT import_row_outcome_valid
        CHECK (outcome IN ('create','update','unchanged','reject')),
      errors jsonb,
      warnings jsonb,
      raw jsonb,
      person_id uuid,
      person_version int,
      region_code text,
      name text,
      former_names text,
      document_type text,
      document_bidx text,
      phone_bidx text,
      pii text,
      id_masked text,
      phone_masked text,
      sex text,
      birth_date date,
      ethnicity text,
      residence_type text,
      political_status text,
      marital_status text,
      education text,
      occupation text,
      employer text,
      health text,
      tags text[],
      flags text[],
      note text,
      household_number text,
      relation_to_head text,
      household_type text,
      compound text,
      building text,
      unit text,
      room text,
      household_id uuid,
      house_id uuid,
      CONSTRAINT import_row_pk PRIMARY KEY (job_id, row_no)
    )`.execute(db);

  // Planner statistics for the application role, which does not own the tables: PGlite has no
  // autovacuum, and a just-staged import needs statistics before its set-based merge.
  await sql`
    CREATE FUNCTION refresh_statistics(tables text[]) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    DECLARE t text;
    BEGIN
      FOREACH t IN ARRAY tables LOOP
        IF t = ANY (ARRAY['import_row','person','household','household_member','place',
                          'person_house','group_membership','entity_change']) THEN
          EXECUTE format('ANALYZE %I', t);
        END IF;
      END LOOP;
    END $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION refresh_statistics(text[]) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION refresh_statistics(text[]) TO shequ_app`.execute(db);
}
