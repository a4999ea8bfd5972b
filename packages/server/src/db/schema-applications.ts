import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Stamps, Timestamp } from './column-types';

/** Table types of service matters and applications (migration 0005). */

export interface ServiceMatterTable extends Stamps {
  id: Generated<string>;
  city_code: string;
  code: string;
  name: string;
  department_type: string;
  /** core's ServiceMatter. */
  definition: ColumnType<unknown, string, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
}

export interface ServiceMatterRevisionTable {
  matter_id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export type ApplicationStatusColumn =
  'submitted' | 'processing' | 'supplement' | 'approved' | 'rejected' | 'withdrawn';

export interface ApplicationTable extends Stamps {
  id: Generated<string>;
  number: string;
  city_code: string;
  matter_id: string;
  matter_code: string;
  matter_version: number;
  department_type: string;
  person_id: string | null;
  applicant_name: string;
  applicant_pii: string;
  applicant_document_bidx: string;
  applicant_phone_bidx: string;
  region_code: string;
  channel: 'online' | 'window' | 'visit';
  status: ApplicationStatusColumn;
  step_index: number;
  step_key: string;
  step_role: string;
  step_region_code: string;
  waiting_on: string[];
  accepted_on: CalendarDate | null;
  deadline: CalendarDate | null;
  warn_on: CalendarDate | null;
  /** TimeLimitPause[] */
  pauses: ColumnType<unknown, string | undefined, string>;
  extensions: ColumnType<number[], number[] | undefined, number[]>;
  pending_extension: ColumnType<unknown, string | null | undefined, string | null>;
  form: ColumnType<unknown, string, string>;
  materials: ColumnType<unknown, string, string>;
  duplicate_of: string | null;
  submission_key: string | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: Timestamp;
  decided_at: Date | null;
  returned_count: ColumnType<number, number | undefined, number>;
}

export interface ApplicationActionTable {
  id: Generated<string>;
  application_id: string;
  action: string;
  effect: string;
  step_index: number;
  step_name: string;
  actor_id: string | null;
  actor_name: string;
  actor_unit: string | null;
  opinion: string | null;
  detail: ColumnType<unknown, string | null | undefined, never>;
  at: Timestamp;
}

export interface ApplicationFileTable {
  id: Generated<string>;
  application_id: string;
  material_code: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface ResultDocumentTable {
  id: Generated<string>;
  application_id: string;
  kind: 'decision' | 'certificate' | 'acceptance';
  title: string;
  document_number: string;
  issuer_name: string;
  issued_on: CalendarDate;
  decision: 'approved' | 'rejected';
  body: ColumnType<unknown, string, never>;
  verification_code: string;
  created_at: Generated<Date>;
}

export interface NotificationTable {
  id: Generated<string>;
  channel: 'sms' | 'platform';
  recipient_user_id: string | null;
  recipient_phone: string | null;
  application_id: string | null;
  text: string;
  status: ColumnType<
    'pending' | 'sent' | 'failed' | 'read',
    'pending' | 'sent' | undefined,
    'pending' | 'sent' | 'failed' | 'read'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  sent_at: Date | null;
  error: string | null;
  created_at: Generated<Date>;
}

export interface PhoneChallengeTable {
  id: Generated<string>;
  phone_bidx: string;
  code_hash: string;
  attempts: ColumnType<number, number | undefined, number>;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Timestamp;
}
