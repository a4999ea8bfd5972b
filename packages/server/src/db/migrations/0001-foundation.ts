import { sql, type Kysely } from 'kysely';

/**
 * Foundation: the region tree, departments, staff accounts with scoped grants, sessions, the
 * security policy and the append-only, hash-chained audit trail. Frozen: never edit once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The application's least-privilege role. The server connects (or SET ROLEs) as shequ_app,
  // which may not UPDATE, DELETE or TRUNCATE the audit trail.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shequ_app') THEN
        CREATE ROLE shequ_app NOLOGIN;
      END IF;
    END $$`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO shequ_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public
            GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO shequ_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public
            GRANT USAGE, SELECT ON SEQUENCES TO shequ_app`.execute(db);

  await sql`
    CREATE TABLE region (
      code text PRIMARY KEY
        CONSTRAINT region_code_format CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$'),
      name text NOT NULL CONSTRAINT region_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
      level text NOT NULL
        CONSTRAINT region_level_valid CHECK (level IN ('province','city','county','street','community','grid')),
      parent_code text CONSTRAINT region_parent_fk REFERENCES region (code),
      path text NOT NULL,
      full_name text NOT NULL,
      urban_rural_class text CONSTRAINT region_urban_rural_class_format CHECK (urban_rural_class ~ '^[0-9]{3}$'),
      valid_from date NOT NULL,
      valid_to date,
      successor_code text CONSTRAINT region_successor_fk REFERENCES region (code),
      source text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT region_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
    )`.execute(db);
  await sql`CREATE INDEX region_parent_idx ON region (parent_code)`.execute(db);
  await sql`CREATE INDEX region_code_prefix_idx ON region (code text_pattern_ops)`.execute(db);
  await sql`COMMENT ON COLUMN region.path IS 'ancestor codes and own code, slash separated: /32/3201/320102/'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN region.urban_rural_class IS '城乡分类代码 (111 主城区 … 220 村庄) where the source data has it'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN region.valid_to IS 'last day the region exists; NULL while current. Rows are never deleted'`.execute(
    db,
  );

  await sql`
    CREATE TABLE region_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL
        CONSTRAINT region_change_kind_valid CHECK (kind IN ('create','rename','merge','split','abolish')),
      region_code text NOT NULL CONSTRAINT region_change_region_fk REFERENCES region (code),
      effective_date date NOT NULL,
      before jsonb,
      after jsonb,
      reason text,
      actor_id uuid,
      actor_name text,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX region_change_region_idx ON region_change (region_code, recorded_at)`.execute(
    db,
  );

  await sql`
    CREATE TABLE department_type (
      code text PRIMARY KEY,
      name text NOT NULL,
      short_name text NOT NULL,
      sort_order integer NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE department (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type_code text NOT NULL CONSTRAINT department_type_fk REFERENCES department_type (code),
      region_code text NOT NULL CONSTRAINT department_region_fk REFERENCES region (code),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT department_type_region_unique UNIQUE (type_code, region_code)
    )`.execute(db);
  await sql`CREATE INDEX department_region_idx ON department (region_code text_pattern_ops)`.execute(
    db,
  );

  await sql`
    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL DEFAULT 'staff' CONSTRAINT app_user_kind_valid CHECK (kind IN ('staff','resident')),
      username text NOT NULL CONSTRAINT app_user_username_unique UNIQUE,
      display_name text NOT NULL,
      phone text,
      home_region_code text NOT NULL CONSTRAINT app_user_home_region_fk REFERENCES region (code),
      status text NOT NULL DEFAULT 'active'
        CONSTRAINT app_user_status_valid CHECK (status IN ('active','disabled')),
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      must_change_password boolean NOT NULL DEFAULT false,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret text,
      totp_pending_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX app_user_home_region_idx ON app_user (home_region_code text_pattern_ops)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN app_user.password_hash IS 'argon2id PHC string'`.execute(db);
  await sql`COMMENT ON COLUMN app_user.totp_last_step IS 'last accepted TOTP time step, to refuse a replayed code'`.execute(
    db,
  );

  await sql`
    CREATE TABLE role_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL CONSTRAINT role_grant_user_fk REFERENCES app_user (id),
      role text NOT NULL CONSTRAINT role_grant_role_valid CHECK (role IN (
        'community_worker','grid_worker','street_staff','department_reviewer','informatization_admin',
        'hotline_agent','service_provider','system_admin','security_admin','audit_admin','resident')),
      region_code text NOT NULL CONSTRAINT role_grant_region_fk REFERENCES region (code),
      department_id uuid CONSTRAINT role_grant_department_fk REFERENCES department (id),
      granted_by uuid,
      granted_at timestamptz NOT NULL DEFAULT now(),
      revoked_by uuid,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX role_grant_user_idx ON role_grant (user_id) WHERE revoked_at IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX role_grant_active_unique ON role_grant
            (user_id, role, region_code, COALESCE(department_id, '00000000-0000-0000-0000-000000000000'::uuid))
            WHERE revoked_at IS NULL`.execute(db);
  await sql`COMMENT ON TABLE role_grant IS 'role x region subtree (code prefix) x optional department; revoked, never deleted'`.execute(
    db,
  );

  await sql`
    CREATE TABLE user_session (
      id text PRIMARY KEY,
      user_id uuid NOT NULL CONSTRAINT user_session_user_fk REFERENCES app_user (id),
      stage text NOT NULL
        CONSTRAINT user_session_stage_valid CHECK (stage IN ('full','second_factor','second_factor_setup')),
      csrf_token text NOT NULL,
      active_grant_id uuid CONSTRAINT user_session_grant_fk REFERENCES role_grant (id),
      current_region_code text CONSTRAINT user_session_region_fk REFERENCES region (code),
      client_ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX user_session_user_idx ON user_session (user_id)`.execute(db);
  await sql`COMMENT ON COLUMN user_session.id IS 'SHA-256 of the cookie token; the token itself is never stored'`.execute(
    db,
  );

  await sql`
    CREATE TABLE security_setting (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE audit_event (
      seq bigint PRIMARY KEY CONSTRAINT audit_event_seq_positive CHECK (seq > 0),
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      role text,
      action text NOT NULL,
      target_type text,
      target_id text,
      region_code text,
      purpose text,
      outcome text NOT NULL CONSTRAINT audit_event_outcome_valid CHECK (outcome IN ('success','failure','denied')),
      request_id text,
      client_ip text,
      detail jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_event_region_idx ON audit_event (region_code text_pattern_ops, seq)`.execute(
    db,
  );
  await sql`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, seq)`.execute(db);
  await sql`CREATE INDEX audit_event_time_idx ON audit_event (occurred_at)`.execute(db);
  await sql`COMMENT ON COLUMN audit_event.hash IS 'SHA-256 of the canonical JSON of the entry including prev_hash'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
            FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM shequ_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted');
}
