import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Stamps, Timestamp } from './column-types';

/** Table types of data governance and the exchange interface (migrations 0003 and 0004). */

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
export type ValueSource =
  'form' | 'import' | 'verification' | 'comparison' | 'ruling' | 'exchange' | 'application';

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
