import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CalendarDate, Stamps, Timestamp } from './column-types';
import type {
  CatalogSettingTable,
  ComparisonJobTable,
  ComparisonRowTable,
  ComparisonStageTable,
  DiscrepancyTable,
  ElementValueTable,
  ExchangeClientTable,
  ExchangeEventTable,
  ExchangeLogTable,
  ExchangeTokenTable,
  ExportJobTable,
  SharingAgreementTable,
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookSubscriptionTable,
} from './schema-governance';
import type {
  ApplicationActionTable,
  ApplicationFileTable,
  ApplicationTable,
  NotificationTable,
  PhoneChallengeTable,
  ResultDocumentTable,
  ServiceMatterRevisionTable,
  ServiceMatterTable,
} from './schema-applications';

export * from './schema-governance';
export * from './schema-applications';

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
  service_matter: ServiceMatterTable;
  service_matter_revision: ServiceMatterRevisionTable;
  application: ApplicationTable;
  application_action: ApplicationActionTable;
  application_file: ApplicationFileTable;
  result_document: ResultDocumentTable;
  notification: NotificationTable;
  phone_challenge: PhoneChallengeTable;
}

export type PersonRow = Selectable<PersonTable>;

export type RegionRow = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
