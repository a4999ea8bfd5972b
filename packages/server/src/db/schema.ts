import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates stay `YYYY-MM-DD` strings end to end (see docs/DATABASE.md). */
type CalendarDate = ColumnType<string, string, string>;

export interface RegionTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'street' | 'community' | 'grid';
  parent_code: string | null;
  path: string;
  full_name: string;
  urban_rural_class: string | null;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  successor_code: string | null;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegionChangeTable {
  id: Generated<string>;
  kind: 'create' | 'rename' | 'merge' | 'split' | 'abolish';
  region_code: string;
  effective_date: CalendarDate;
  before: unknown;
  after: unknown;
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  recorded_at: Timestamp;
}

export interface DepartmentTypeTable {
  code: string;
  name: string;
  short_name: string;
  sort_order: number;
}

export interface DepartmentTable {
  id: Generated<string>;
  type_code: string;
  region_code: string;
  name: string;
  created_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  kind: ColumnType<'staff' | 'resident', 'staff' | 'resident' | undefined, 'staff' | 'resident'>;
  username: string;
  display_name: string;
  phone: string | null;
  home_region_code: string;
  status: ColumnType<
    'active' | 'disabled',
    'active' | 'disabled' | undefined,
    'active' | 'disabled'
  >;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  failed_login_count: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  region_code: string;
  department_id: string | null;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Date | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  stage: 'full' | 'second_factor' | 'second_factor_setup';
  csrf_token: string;
  active_grant_id: string | null;
  current_region_code: string | null;
  client_ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SecuritySettingTable {
  key: string;
  value: unknown;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface AuditEventTable {
  seq: number;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  region_code: string | null;
  purpose: string | null;
  outcome: 'success' | 'failure' | 'denied';
  request_id: string | null;
  client_ip: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export interface Database {
  region: RegionTable;
  region_change: RegionChangeTable;
  department_type: DepartmentTypeTable;
  department: DepartmentTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  security_setting: SecuritySettingTable;
  audit_event: AuditEventTable;
}

export type RegionRow = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
