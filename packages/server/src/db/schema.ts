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

type Stamps = {
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: ColumnType<number, number | undefined, number>;
};

export interface CodeSetTable {
  id: string;
  name: string;
  source: string;
}

export interface CodeItemTable {
  set_id: string;
  code: string;
  name: string;
  sort_order: number;
}

export interface EntityChangeTable {
  seq: Generated<number>;
  entity: string;
  entity_id: string;
  op: 'insert' | 'update' | 'delete';
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  actor_id: string | null;
  actor_name: string;
  source: string;
  reason: string | null;
  job_id: string | null;
  changed_at: Timestamp;
}

export interface PersonTable extends Stamps {
  id: Generated<string>;
  region_code: string;
  name: string;
  former_names: string | null;
  document_type: string;
  document_bidx: string;
  phone_bidx: string | null;
  pii: string;
  id_masked: string;
  phone_masked: string | null;
  sex: string | null;
  birth_date: CalendarDate | null;
  ethnicity: string | null;
  residence_type: 'registered' | 'migrant' | 'foreign' | 'unregistered';
  political_status: string | null;
  marital_status: string | null;
  education: string | null;
  occupation: string | null;
  employer: string | null;
  health: string | null;
  life_status: ColumnType<string, string | undefined, string>;
  life_status_date: CalendarDate | null;
  life_status_reported_by: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  merged_into: string | null;
}

export interface HouseholdTable extends Stamps {
  id: Generated<string>;
  number: string;
  household_type: ColumnType<
    'family' | 'collective',
    'family' | 'collective' | undefined,
    'family' | 'collective'
  >;
  region_code: string;
}

export interface HouseholdMemberTable extends Stamps {
  id: Generated<string>;
  household_id: string;
  person_id: string;
  relation: string;
  joined_on: CalendarDate;
  left_on: CalendarDate | null;
}

export interface PlaceTable extends Stamps {
  id: Generated<string>;
  kind: 'compound' | 'building' | 'unit' | 'house';
  parent_id: string | null;
  region_code: string;
  name: string;
  house_use: string | null;
  area: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  ownership: string | null;
  rented: boolean | null;
}

export interface PersonHouseTable extends Stamps {
  id: Generated<string>;
  person_id: string;
  house_id: string;
  relation: 'registered' | 'lives' | 'owns' | 'rents';
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
  start_date: CalendarDate;
  end_date: CalendarDate | null;
}

export interface OrgUnitTable extends Stamps {
  id: Generated<string>;
  name: string;
  credit_code: string | null;
  kind: string;
  region_code: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_phone_masked: string | null;
  headcount: number | null;
}

export interface GroupMembershipTable extends Stamps {
  id: Generated<string>;
  person_id: string;
  group_code: string;
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined, 'active' | 'ended'>;
  end_reason: string | null;
  start_date: CalendarDate;
  end_date: CalendarDate | null;
  attention_level: string | null;
  verifying_department_type: string;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface PartyOrgTable extends Stamps {
  id: Generated<string>;
  name: string;
  kind: 'committee' | 'general_branch' | 'branch';
  region_code: string;
  parent_id: string | null;
}

export interface PartyMemberTable extends Stamps {
  id: Generated<string>;
  person_id: string;
  org_id: string;
  joined_on: CalendarDate | null;
  status: ColumnType<string, string | undefined, string>;
}

export type ImportJobStatus = 'staging' | 'staged' | 'merging' | 'done' | 'failed' | 'cancelled';

export interface ImportJobTable {
  id: Generated<string>;
  kind: 'people';
  status: ImportJobStatus;
  file_name: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  region_code: string;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, string>, string | undefined, string>;
  created_by: string | null;
  created_by_name: string;
  created_at: Timestamp;
  staged_at: Timestamp | null;
  finished_at: Timestamp | null;
  total_rows: ColumnType<number, number | undefined, number>;
  rejected_rows: ColumnType<number, number | undefined, number>;
  create_rows: ColumnType<number, number | undefined, number>;
  update_rows: ColumnType<number, number | undefined, number>;
  unchanged_rows: ColumnType<number, number | undefined, number>;
  error: string | null;
}

export type ImportOutcome = 'create' | 'update' | 'unchanged' | 'reject';

export interface ImportRowTable {
  job_id: string;
  row_no: number;
  outcome: ImportOutcome;
  errors: ColumnType<
    { path: string; message: string }[] | null,
    string | null | undefined,
    string | null
  >;
  warnings: ColumnType<string[] | null, string | null | undefined, string | null>;
  raw: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  person_id: string | null;
  person_version: number | null;
  region_code: string | null;
  name: string | null;
  former_names: string | null;
  document_type: string | null;
  document_bidx: string | null;
  phone_bidx: string | null;
  pii: string | null;
  id_masked: string | null;
  phone_masked: string | null;
  sex: string | null;
  birth_date: CalendarDate | null;
  ethnicity: string | null;
  residence_type: string | null;
  political_status: string | null;
  marital_status: string | null;
  education: string | null;
  occupation: string | null;
  employer: string | null;
  health: string | null;
  tags: string[] | null;
  flags: string[] | null;
  note: string | null;
  household_number: string | null;
  relation_to_head: string | null;
  household_type: string | null;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  household_id: ColumnType<string | null, string | null | undefined, string | null>;
  house_id: ColumnType<string | null, string | null | undefined, string | null>;
}

// data governance (migration 0003)

export interface CatalogSettingTable extends Stamps {
  id: Generated<string>;
  city_code: string;
  element_code: string;
  verifier: string | null;
  comparers: string[];
  cycle: 'on_change' | 'monthly' | 'quarterly' | 'yearly';
  time_limit_days: number;
  sensitivity: 'public' | 'internal' | 'sensitive';
  updated_by: string | null;
}

export type ValueStatusColumn = 'collected' | 'verified' | 'rejected' | 'disputed' | 'ruled';
export type ValueSource = 'form' | 'import' | 'verification' | 'comparison' | 'ruling' | 'exchange';

export interface ElementValueTable extends Stamps {
  id: Generated<string>;
  person_id: string;
  element_code: string;
  region_code: string;
  value: string | null;
  status: ValueStatusColumn;
  verifier: string;
  source: ValueSource;
  collected_by: string | null;
  collected_by_name: string;
  collected_at: Date;
  evidence: string | null;
  due_at: Date | null;
  verified_value: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  verified_by_name: string | null;
  verifying_department_id: string | null;
  reason: string | null;
  corroborations: ColumnType<number, number | undefined, number>;
  last_corroborated_at: Date | null;
  last_corroborated_by: string | null;
}

export interface ComparisonJobTable {
  id: Generated<string>;
  department_id: string;
  department_type: string;
  region_code: string;
  submitted_by: string;
  submitted_by_name: string;
  file_name: string;
  status: 'running' | 'done' | 'failed';
  total_rows: ColumnType<number, number | undefined, number>;
  matched: ColumnType<number, number | undefined, number>;
  mismatched: ColumnType<number, number | undefined, number>;
  unknown_subject: ColumnType<number, number | undefined, number>;
  invalid: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: Date | null;
}

export type ComparisonOutcome = 'match' | 'mismatch' | 'unknown_subject' | 'invalid';

export interface ComparisonRowTable {
  job_id: string;
  row_no: number;
  subject: string | null;
  element_code: string | null;
  their_value: string | null;
  normalized: string | null;
  person_id: string | null;
  our_value: string | null;
  outcome: ComparisonOutcome;
  message: string | null;
}

export interface ComparisonStageTable {
  job_id: string;
  row_no: number;
  subject: string;
  element_code: string;
  their_value: string | null;
  normalized: string | null;
}

export interface DiscrepancyTable extends Stamps {
  id: Generated<string>;
  person_id: string;
  element_code: string;
  region_code: string;
  verifier: string;
  our_value: string | null;
  their_value: string | null;
  their_department_id: string;
  their_source: string;
  comparison_job_id: string | null;
  status: ColumnType<'open' | 'ruled', 'open' | 'ruled' | undefined, 'open' | 'ruled'>;
  due_at: Date;
  ruling_value: string | null;
  ruling_reason: string | null;
  ruled_by: string | null;
  ruled_by_name: string | null;
  ruled_at: Date | null;
}

// exchange with department systems (migration 0004)

export interface ExchangeClientTable extends Stamps {
  id: Generated<string>;
  client_id: string;
  name: string;
  department_id: string;
  region_code: string;
  status: ColumnType<
    'active' | 'disabled',
    'active' | 'disabled' | undefined,
    'active' | 'disabled'
  >;
  secret_hash: string;
  disabled_reason: string | null;
  created_by: string | null;
}

export interface SharingAgreementTable extends Stamps {
  id: Generated<string>;
  exchange_client_id: string;
  purpose_code: string;
  purpose: string;
  element_codes: string[];
  region_code: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  rate_limit_per_minute: number;
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined, 'active' | 'ended'>;
  ended_at: Date | null;
  end_reason: string | null;
  created_by: string | null;
}

export interface ExchangeTokenTable {
  token_hash: string;
  exchange_client_id: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
}

export type ExchangeOutcomeColumn = 'allowed' | 'refused' | 'not_found' | 'error';

export interface ExchangeLogTable {
  seq: number;
  at: Timestamp;
  request_id: string;
  exchange_client_id: string | null;
  client_id: string | null;
  agreement_id: string | null;
  region_code: string | null;
  method: string;
  path: string;
  purpose: string | null;
  case_ref: string | null;
  end_user: string | null;
  request_hash: string;
  response_hash: string;
  status_code: number;
  outcome: ExchangeOutcomeColumn;
  reason: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export interface ExchangeEventTable {
  id: Generated<string>;
  position: number | null;
  type: string;
  person_id: string | null;
  region_code: string;
  element_codes: string[];
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  sequenced_at: Timestamp | null;
  emitted: Generated<number>;
}

export interface WebhookSubscriptionTable extends Stamps {
  id: Generated<string>;
  agreement_id: string;
  url: string;
  secret: string;
  status: ColumnType<
    'active' | 'disabled',
    'active' | 'disabled' | undefined,
    'active' | 'disabled'
  >;
  created_by: string | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookDeliveryTable {
  id: Generated<string>;
  subscription_id: string;
  event_id: string;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  queued_at: Timestamp;
  created_at: Timestamp;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  at: Timestamp;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJobTable {
  id: Generated<string>;
  exchange_client_id: string;
  agreement_id: string;
  region_code: string;
  element_codes: string[];
  as_of: CalendarDate;
  status: ColumnType<ExportJobStatus, ExportJobStatus | undefined, ExportJobStatus>;
  file_path: string | null;
  file_size: number | null;
  file_hash: string | null;
  row_count: number | null;
  error: string | null;
  request_id: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
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
  code_set: CodeSetTable;
  code_item: CodeItemTable;
  entity_change: EntityChangeTable;
  person: PersonTable;
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  place: PlaceTable;
  person_house: PersonHouseTable;
  org_unit: OrgUnitTable;
  group_membership: GroupMembershipTable;
  party_org: PartyOrgTable;
  party_member: PartyMemberTable;
  import_job: ImportJobTable;
  import_row: ImportRowTable;
  catalog_setting: CatalogSettingTable;
  element_value: ElementValueTable;
  comparison_job: ComparisonJobTable;
  comparison_row: ComparisonRowTable;
  comparison_stage: ComparisonStageTable;
  discrepancy: DiscrepancyTable;
  exchange_client: ExchangeClientTable;
  sharing_agreement: SharingAgreementTable;
  exchange_token: ExchangeTokenTable;
  exchange_log: ExchangeLogTable;
  exchange_event: ExchangeEventTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  export_job: ExportJobTable;
}

export type PersonRow = Selectable<PersonTable>;

export type RegionRow = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
