/**
 * How a person's history reads: the history rows (entity_change) of the person and the records
 * attached to them turned into named, masked changes, and replayed into the person as of a date.
 * Pure: the service loads the rows and audits the read.
 */
import {
  attentionLevels,
  codeName,
  codeSets,
  departmentTypes,
  familyRelationCodes,
  findSpecialGroup,
  houseRelations,
  lifeStatuses,
  maskAddress,
  maskIdNumber,
  maskPhone,
  residenceTypes,
  specialGroups,
  type HistoryEntry,
  type PersonAsOf,
} from '@shequ/core';
import type { Selectable } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { EntityChangeTable } from '../../db/schema';
import { openPii, piiFields } from './pii';

type Change = Selectable<EntityChangeTable>;

const COLUMN_LABELS: Record<string, string> = {
  name: '姓名',
  former_names: '曾用名',
  document_type: '证件类型',
  idNumber: '证件号码',
  phone: '联系电话',
  registeredAddress: '户籍地址',
  currentAddress: '现住址',
  sex: '性别',
  birth_date: '出生日期',
  ethnicity: '民族',
  residence_type: '人口类型',
  political_status: '政治面貌',
  marital_status: '婚姻状况',
  education: '文化程度',
  occupation: '职业',
  employer: '工作单位',
  health: '健康状况',
  life_status: '人员状态',
  life_status_date: '状态日期',
  tags: '标签',
  flags: '待核实项',
  note: '备注',
  region_code: '所属社区（网格）',
  merged_into: '已合并到',
  relation: '关系',
  joined_on: '入户日期',
  left_on: '离户日期',
  is_primary: '主要居所',
  start_date: '开始日期',
  end_date: '结束日期',
  group_code: '人群类别',
  status: '状态',
  end_reason: '结束原因',
  attention_level: '关注等级',
  verifying_department_type: '核准部门',
  attributes: '人群信息',
  house_id: '房屋',
  household_id: '户',
  person_id: '人员',
  org_id: '党组织',
};

const CODE_COLUMNS: Record<string, string> = {
  sex: 'sex',
  ethnicity: 'ethnicity',
  political_status: 'political_status',
  marital_status: 'marital_status',
  education: 'education',
  document_type: 'document_type',
};

const ENTITY_LABELS: Record<string, string> = {
  person: '基本信息',
  household_member: '户籍关系',
  person_house: '房屋关系',
  group_membership: '人群登记',
  party_member: '党员信息',
};

const HIDDEN_COLUMNS = new Set(['id', 'life_status_reported_by', 'household_id', 'person_id']);

/** The history entries of a person's records, newest first, values masked and named. */
export function historyEntries(
  cipher: FieldCipher,
  changes: readonly Change[],
  addresses: ReadonlyMap<string, string>,
): HistoryEntry[] {
  return [...changes].reverse().map((c) => ({
    seq: c.seq,
    entity: ENTITY_LABELS[c.entity] ?? c.entity,
    op: c.op,
    changedAt: c.changed_at.toISOString(),
    actorName: c.actor_name,
    source: c.source,
    reason: c.reason,
    changes: describeChanges(cipher, c.entity, c.old_values, c.new_values, addresses),
  }));
}

function describeChanges(
  cipher: FieldCipher,
  entity: string,
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
  addresses: ReadonlyMap<string, string>,
): HistoryEntry['changes'] {
  const out: HistoryEntry['changes'] = [];
  const keys = new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})]);
  for (const key of keys) {
    if (HIDDEN_COLUMNS.has(key)) continue;
    const before = oldValues?.[key] ?? null;
    const after = newValues?.[key] ?? null;
    if (key === 'pii') {
      const a = typeof before === 'string' ? openPii(cipher, before) : null;
      const b = typeof after === 'string' ? openPii(cipher, after) : null;
      for (const field of piiFields) {
        const x = a?.[field] ?? null;
        const y = b?.[field] ?? null;
        if (x !== y) {
          out.push({
            field,
            label: COLUMN_LABELS[field]!,
            old: maskPiiField(field, x),
            new: maskPiiField(field, y),
          });
        }
      }
      continue;
    }
    const show = (value: unknown) =>
      key === 'house_id' && typeof value === 'string'
        ? (addresses.get(value) ?? value)
        : displayValue(key, value, entity);
    out.push({
      field: key,
      label: COLUMN_LABELS[key] ?? key,
      old: show(before),
      new: show(after),
    });
  }
  return out;
}

/** Replays the history (already cut at the end of `date`) into the person as they stood then. */
export function replayAsOf(
  cipher: FieldCipher,
  id: string,
  date: string,
  changes: readonly Change[],
): PersonAsOf {
  const states = new Map<string, { entity: string; values: Record<string, unknown> | null }>();
  for (const c of changes) {
    const prev = states.get(c.entity_id)?.values ?? {};
    states.set(c.entity_id, {
      entity: c.entity,
      values: c.op === 'delete' ? null : { ...prev, ...(c.new_values ?? {}) },
    });
  }
  const person = states.get(id)?.values ?? null;
  const attributes: { field: string; label: string; value: unknown }[] = [];
  if (person) {
    for (const [key, value] of Object.entries(person)) {
      if (HIDDEN_COLUMNS.has(key) || key === 'merged_into') continue;
      if (key === 'pii') {
        const pii = openPii(cipher, String(value));
        for (const field of piiFields) {
          attributes.push({
            field,
            label: COLUMN_LABELS[field]!,
            value: maskPiiField(field, pii[field]),
          });
        }
      } else {
        attributes.push({
          field: key,
          label: COLUMN_LABELS[key] ?? key,
          value: displayValue(key, value, 'person'),
        });
      }
    }
  }
  const groups = [...states.values()]
    .filter((s) => s.entity === 'group_membership' && s.values && s.values.status === 'active')
    .map((s) => ({
      groupCode: String(s.values!.group_code),
      groupName:
        findSpecialGroup(String(s.values!.group_code))?.name ?? String(s.values!.group_code),
      startDate: String(s.values!.start_date),
    }));
  return { date, existed: person !== null, attributes, groups };
}

export function maskPiiField(
  field: (typeof piiFields)[number],
  value: string | null,
): string | null {
  if (value === null) return null;
  switch (field) {
    case 'idNumber':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'registeredAddress':
    case 'currentAddress':
      return maskAddress(value);
  }
}

const ATTRIBUTE_LABELS = new Map(
  specialGroups.flatMap((g) => g.fields.map((f) => [f.key, f.label] as const)),
);

/** A stored value as people read it: code names instead of codes, labels for register facts. */
function displayValue(column: string, value: unknown, entity: string): unknown {
  if (value === null || value === undefined) return null;
  if (column === 'relation' && entity === 'person_house') {
    return houseRelations.find((r) => r.code === value)?.name ?? value;
  }
  if (column === 'status' && entity === 'group_membership') {
    return value === 'active' ? '登记中' : value === 'ended' ? '已结束' : value;
  }
  if (column === 'is_primary') return value === true ? '是' : '否';
  if (column === 'verifying_department_type') {
    return departmentTypes.find((d) => d.code === value)?.shortName ?? value;
  }
  if (column === 'attention_level')
    return attentionLevels.find((l) => l.code === value)?.name ?? value;
  if (column === 'attributes' && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${ATTRIBUTE_LABELS.get(k) ?? k}：${String(v)}`)
      .join('；');
  }
  const setId = CODE_COLUMNS[column];
  if (setId) {
    const set = codeSets.find((s) => s.id === setId);
    return set ? (codeName(set, String(value)) ?? value) : value;
  }
  if (column === 'residence_type')
    return residenceTypes.find((t) => t.code === value)?.name ?? value;
  if (column === 'life_status') return lifeStatuses.find((t) => t.code === value)?.name ?? value;
  if (column === 'relation') return codeName(familyRelationCodes, String(value)) ?? value;
  if (column === 'group_code') return findSpecialGroup(String(value))?.name ?? value;
  return value;
}
