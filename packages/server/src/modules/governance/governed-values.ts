import {
  codeName,
  departmentTypes,
  type ElementValueView,
  DomainError,
  elementCodeSet,
  normalizeElementValue,
  type DataElement,
} from '@shequ/core';
import { sql, type Selectable } from 'kysely';
import type { ElementValueTable, GroupMembershipTable, PersonTable } from '../../db/schema';
import type { Executor } from '../audit/audit.repository';

/**
 * Where each governed element's value lives — a person column, a register membership, a field of
 * a membership — and how to read and write it. Values are compared in core's canonical form
 * (`normalizeElementValue`).
 */

export const personColumns = {
  name: 'name',
  formerNames: 'former_names',
  documentType: 'document_type',
  sex: 'sex',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  residenceType: 'residence_type',
  politicalStatus: 'political_status',
  maritalStatus: 'marital_status',
  education: 'education',
  occupation: 'occupation',
  employer: 'employer',
  health: 'health',
} as const satisfies Record<string, keyof PersonTable>;

/**
 * Whether the platform keeps a status for this element: it has a verifier, and its value is not
 * one of the encrypted personal values (ID number, phone, addresses), which are never copied in
 * the clear into `element_value`.
 */
export function isTracked(element: DataElement): boolean {
  if (element.verifier === null) return false;
  return element.source.kind !== 'person' || element.source.attribute in personColumns;
}

export type PersonValues = Pick<
  Selectable<PersonTable>,
  (typeof personColumns)[keyof typeof personColumns]
>;
export type MembershipValues = Pick<
  Selectable<GroupMembershipTable>,
  'group_code' | 'status' | 'attention_level' | 'attributes'
>;

/** What a person looks like to the catalog: their columns and active register memberships. */
export interface Subject {
  person: PersonValues;
  memberships: readonly MembershipValues[];
}

/** The element's current value for this subject, canonical (null: no value). */
export function currentValue(element: DataElement, subject: Subject): string | null {
  const s = element.source;
  let raw: unknown;
  if (s.kind === 'person') {
    const column = personColumns[s.attribute as keyof typeof personColumns];
    if (!column) return null;
    raw = subject.person[column];
  } else {
    const active = subject.memberships.find(
      (m) => m.group_code === s.group && m.status === 'active',
    );
    if (s.kind === 'membership') return active ? 'true' : 'false';
    if (!active) return null;
    raw = s.field === 'attentionLevel' ? active.attention_level : active.attributes[s.field];
  }
  const normalized = normalizeElementValue(element, raw);
  // a stored value the catalog cannot read is compared as typed
  return normalized.ok ? normalized.value : String(raw);
}

/** The values that differ between two states of a subject, for the tracked elements given. */
export function changedValues(
  elements: readonly DataElement[],
  before: Subject | null,
  after: Subject,
): { element: DataElement; value: string | null }[] {
  const out: { element: DataElement; value: string | null }[] = [];
  for (const element of elements) {
    if (!isTracked(element)) continue;
    const now = currentValue(element, after);
    const then = before ? currentValue(element, before) : null;
    if (now !== then && !(before === null && (now === null || now === 'false'))) {
      out.push({ element, value: now });
    }
  }
  return out;
}

/** A canonical value as people read it: a code's name (二级 for `2`), 是/否, else as is. */
export function valueLabel(element: DataElement, value: string | null): string | null {
  if (value === null) return null;
  if (element.type === 'boolean') return value === 'true' ? '是' : '否';
  const set = elementCodeSet(element);
  return (set && codeName(set, value)) ?? value;
}

export async function loadSubject(db: Executor, personId: string): Promise<Subject | undefined> {
  const person = await db
    .selectFrom('person')
    .select(Object.values(personColumns))
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return undefined;
  const memberships = await db
    .selectFrom('group_membership')
    .select(['group_code', 'status', 'attention_level', 'attributes'])
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .execute();
  return { person, memberships };
}

/**
 * Writes a value decided by its verifier (a correction or a ruling) back where it lives, in the
 * caller's transaction (which has declared its change context, so the history records it).
 */
export async function writeValue(
  db: Executor,
  personId: string,
  element: DataElement,
  value: string | null,
  today: string,
  at: Date,
): Promise<void> {
  const s = element.source;
  if (s.kind === 'person') {
    const column = personColumns[s.attribute as keyof typeof personColumns];
    await db
      .updateTable('person')
      .set({ [column]: value, updated_at: at, version: sql`version + 1` })
      .where('id', '=', personId)
      .execute();
    return;
  }
  if (s.kind === 'membership') {
    if (value === 'true') {
      const active = await db
        .selectFrom('group_membership')
        .select('id')
        .where('person_id', '=', personId)
        .where('group_code', '=', s.group)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!active) throw notRegistered(element);
      return;
    }
    await db
      .updateTable('group_membership')
      .set({
        status: 'ended',
        end_date: today,
        end_reason: '核准：不在册',
        updated_at: at,
        version: sql`version + 1`,
      })
      .where('person_id', '=', personId)
      .where('group_code', '=', s.group)
      .where('status', '=', 'active')
      .execute();
    return;
  }
  const target = db
    .updateTable('group_membership')
    .where('person_id', '=', personId)
    .where('group_code', '=', s.group)
    .where('status', '=', 'active');
  const json =
    value === null
      ? sql`'null'::jsonb`
      : element.type === 'number'
        ? sql`to_jsonb(${value}::numeric)`
        : sql`to_jsonb(${value}::text)`;
  const updated =
    s.field === 'attentionLevel'
      ? await target
          .set({ attention_level: value, updated_at: at, version: sql`version + 1` })
          .returning('id')
          .execute()
      : await target
          .set({
            attributes: sql`attributes || jsonb_build_object(${s.field}::text, ${json})`,
            updated_at: at,
            version: sql`version + 1`,
          })
          .returning('id')
          .execute();
  if (updated.length === 0) throw notRegistered(element);
}

function notRegistered(element: DataElement) {
  return new DomainError(
    'CONFLICT',
    `该人员不在“${element.name.split('·')[0]}”名册中，请先在人员页面登记`,
    [{ path: 'value', message: '名册中没有该人员的在册记录' }],
  );
}

/** Why this department may not compare this element (null: it may). */
export function comparisonRefusal(element: DataElement, departmentType: string): string | null {
  if (!isTracked(element))
    return `${element.name}不是受核验的数据元，或为加密的个人敏感信息，暂不支持比对`;
  if (
    element.verifier !== departmentType &&
    !(element.comparers as readonly string[]).includes(departmentType)
  ) {
    return `贵部门不是“${element.name}”的核验或比对部门`;
  }
  return null;
}

/** Whether a value's status row makes it authoritative. */
export function isAuthoritativeRow(row: { status: string } | undefined): boolean {
  return row !== undefined && (row.status === 'verified' || row.status === 'ruled');
}

const typeName = (code: string) => departmentTypes.find((t) => t.code === code)?.shortName ?? code;

/** An `element_value` row with its verifying department's name. */
export type ValueRow = Selectable<ElementValueTable> & {
  department_name: string | null;
  corroborator_name: string | null;
};

/** A value's status and provenance as the API shows it (`now` decides overdue). */
export function valueViewOf(r: ValueRow, element: DataElement, now: Date): ElementValueView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    personId: r.person_id,
    elementCode: r.element_code,
    elementName: element.name,
    value: r.value,
    valueLabel: valueLabel(element, r.value),
    status: r.status,
    verifier: r.verifier,
    verifierName: typeName(r.verifier),
    source: r.source,
    collectedByName: r.collected_by_name,
    collectedAt: r.collected_at.toISOString(),
    evidence: r.evidence,
    dueAt: iso(r.due_at),
    overdue: r.status === 'collected' && r.due_at !== null && r.due_at < now,
    verifiedValue: r.verified_value,
    verifiedValueLabel: valueLabel(element, r.verified_value),
    verifiedAt: iso(r.verified_at),
    verifiedByName: r.verified_by_name,
    verifyingDepartmentName: r.department_name,
    reason: r.reason,
    corroborations: r.corroborations,
    lastCorroboratedAt: iso(r.last_corroborated_at),
    lastCorroboratedByName: r.corroborator_name,
    version: r.version,
  };
}
