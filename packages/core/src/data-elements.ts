import { findCodeSet, resolveCode, type CodeSet } from './code-sets';
import { departmentTypes, type DepartmentTypeCode } from './department';
import { normalizeDate, personFieldLabels, residenceTypes } from './person';
import {
  attentionLevels,
  specialGroups,
  unemployedClassCodes,
  type SpecialGroupField,
} from './special-groups';

/**
 * The data element catalog (数据元目录): every value the community database keeps, with the one
 * department type that verifies it (审核确认), the department types that compare it with their own
 * records (比对), its type and code set, and how sensitive it is. The defaults below follow the
 * usual owners (docs: domain reference, “who owns which data”); each city may assign another
 * verifier or other comparers (see `applyCatalogSettings`).
 */

export const sensitivityLevels = ['public', 'internal', 'sensitive'] as const;
export type Sensitivity = (typeof sensitivityLevels)[number];
export const sensitivityLabels: Record<Sensitivity, string> = {
  public: '公开',
  internal: '内部',
  sensitive: '敏感个人信息',
};

export const updateCycles = ['on_change', 'monthly', 'quarterly', 'yearly'] as const;
export type UpdateCycle = (typeof updateCycles)[number];
export const updateCycleLabels: Record<UpdateCycle, string> = {
  on_change: '随变随更',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
};

export const elementTypes = ['text', 'code', 'date', 'number', 'boolean'] as const;
export type ElementType = (typeof elementTypes)[number];

/** Where a value lives: a person column, a register membership, or a field of a membership. */
export type ElementSource =
  | { kind: 'person'; attribute: string }
  | { kind: 'membership'; group: string }
  | { kind: 'register_field'; group: string; field: string };

export interface DataElement {
  /** `person.maritalStatus`, `group.disabled` (membership), `group.disabled.grade` (a field). */
  code: string;
  name: string;
  type: ElementType;
  codeSet?: string;
  unit?: string;
  sensitivity: Sensitivity;
  /** The one department type whose confirmation makes the value authoritative; null: not governed. */
  verifier: DepartmentTypeCode | null;
  comparers: readonly DepartmentTypeCode[];
  /** Who usually collects it: the community, or the department in its own work. */
  collector: 'community' | 'department';
  cycle: UpdateCycle;
  /** Days the verifier has to confirm a collected value, and to rule on a discrepancy. */
  timeLimitDays: number;
  source: ElementSource;
}

const HOUSEHOLD_REGISTRATION_COMPARERS: DepartmentTypeCode[] = [
  'civil_affairs',
  'human_resources',
  'health',
  'medical_insurance',
];

type PersonElement = [
  attribute: keyof typeof personFieldLabels,
  type: ElementType,
  codeSet: string | undefined,
  sensitivity: Sensitivity,
  verifier: DepartmentTypeCode | null,
  comparers: DepartmentTypeCode[],
];

const personElements: PersonElement[] = [
  ['name', 'text', undefined, 'internal', 'public_security', HOUSEHOLD_REGISTRATION_COMPARERS],
  ['formerNames', 'text', undefined, 'internal', 'public_security', []],
  ['documentType', 'code', 'document_type', 'internal', 'public_security', []],
  ['idNumber', 'text', undefined, 'sensitive', 'public_security', HOUSEHOLD_REGISTRATION_COMPARERS],
  ['sex', 'code', 'sex', 'internal', 'public_security', HOUSEHOLD_REGISTRATION_COMPARERS],
  ['birthDate', 'date', undefined, 'internal', 'public_security', HOUSEHOLD_REGISTRATION_COMPARERS],
  ['ethnicity', 'code', 'ethnicity', 'internal', 'public_security', ['civil_affairs']],
  ['residenceType', 'code', 'residence_type', 'internal', 'public_security', ['human_resources']],
  ['registeredAddress', 'text', undefined, 'sensitive', 'public_security', ['civil_affairs']],
  ['currentAddress', 'text', undefined, 'sensitive', null, []],
  ['phone', 'text', undefined, 'sensitive', null, []],
  ['politicalStatus', 'code', 'political_status', 'internal', 'organization', []],
  ['maritalStatus', 'code', 'marital_status', 'internal', 'civil_affairs', ['public_security']],
  ['education', 'code', 'education', 'internal', 'education', ['human_resources']],
  ['occupation', 'text', undefined, 'internal', 'human_resources', []],
  ['employer', 'text', undefined, 'internal', 'human_resources', ['medical_insurance']],
  ['health', 'text', undefined, 'sensitive', 'health', ['disabled_federation']],
];

/** Registers whose facts another department usually holds too, and so compares. */
const registerComparers: Partial<Record<string, DepartmentTypeCode[]>> = {
  disabled: ['civil_affairs', 'human_resources'],
  minimum_living: ['human_resources', 'medical_insurance'],
  extreme_poverty: ['medical_insurance'],
  entitled_groups: ['civil_affairs'],
  unemployed: ['civil_affairs'],
  severe_mental_disorder: ['disabled_federation', 'public_security'],
  community_correction: ['public_security'],
  released_prisoner: ['public_security'],
  drug_user: ['health'],
};

/** Allowances are re-checked monthly; attention groups and certificates change with events. */
const monthlyRegisters = new Set([
  'minimum_living',
  'extreme_poverty',
  'low_income_margin',
  'elderly_allowance',
  'home_care_subsidy',
]);

function fieldElement(group: (typeof specialGroups)[number], field: SpecialGroupField) {
  return {
    code: `group.${group.code}.${field.key}`,
    name: `${group.name}·${field.label}`,
    type: field.type,
    ...(field.codeSet ? { codeSet: field.codeSet } : {}),
    ...(field.label.includes('（元）') ? { unit: '元' } : {}),
  };
}

function buildDefaultCatalog(): DataElement[] {
  const out: DataElement[] = personElements.map(
    ([attribute, type, codeSet, sensitivity, verifier, comparers]) => ({
      code: `person.${attribute}`,
      name: personFieldLabels[attribute],
      type,
      ...(codeSet ? { codeSet } : {}),
      sensitivity,
      verifier,
      comparers,
      collector: 'community',
      cycle: 'on_change',
      timeLimitDays: 5,
      source: { kind: 'person', attribute },
    }),
  );
  for (const group of specialGroups) {
    // registers of health, crime and drugs are sensitive personal information (PIPL art. 28)
    const sensitivity: Sensitivity =
      group.category === 'attention' || ['disabled', 'serious_illness'].includes(group.code)
        ? 'sensitive'
        : 'internal';
    const common = {
      sensitivity,
      verifier: group.verifyingDepartmentType,
      comparers: registerComparers[group.code] ?? [],
      collector: 'community' as const,
      cycle: monthlyRegisters.has(group.code) ? ('monthly' as const) : ('on_change' as const),
      timeLimitDays: 10,
    };
    out.push({
      code: `group.${group.code}`,
      name: `${group.name}（在册）`,
      type: 'boolean',
      ...common,
      source: { kind: 'membership', group: group.code },
    });
    const fields: SpecialGroupField[] = [...group.fields];
    if (group.hasAttentionLevel) {
      fields.push({
        key: 'attentionLevel',
        label: '关注等级',
        type: 'code',
        codeSet: 'attention_level',
      });
    }
    for (const field of fields) {
      out.push({
        ...fieldElement(group, field),
        ...common,
        source: { kind: 'register_field', group: group.code, field: field.key },
      });
    }
  }
  return out;
}

/** The default catalog: every attribute and register field of the community database. */
export const defaultDataElements: readonly DataElement[] = buildDefaultCatalog();

const byCode = new Map(defaultDataElements.map((e) => [e.code, e]));

export function findDataElement(code: string): DataElement | undefined {
  return byCode.get(code);
}

/** What a city may change about an element: which department verifies it, who compares, how often. */
export interface CatalogSetting {
  elementCode: string;
  verifier: DepartmentTypeCode | null;
  comparers: readonly DepartmentTypeCode[];
  cycle: UpdateCycle;
  timeLimitDays: number;
  sensitivity: Sensitivity;
}

/** A city's catalog: the defaults with the city's settings laid over them. */
export function applyCatalogSettings(
  defaults: readonly DataElement[],
  settings: readonly CatalogSetting[],
): DataElement[] {
  const bySetting = new Map(settings.map((s) => [s.elementCode, s]));
  return defaults.map((element) => {
    const s = bySetting.get(element.code);
    if (!s) return element;
    return {
      ...element,
      verifier: s.verifier,
      comparers: s.comparers,
      cycle: s.cycle,
      timeLimitDays: s.timeLimitDays,
      sensitivity: s.sensitivity,
    };
  });
}

/** Problems with a proposed setting, each naming its field; empty when it may be saved. */
export function catalogSettingProblems(
  setting: CatalogSetting,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const known = new Set<string>(departmentTypes.map((t) => t.code));
  if (!byCode.has(setting.elementCode)) {
    problems.push({ path: 'elementCode', message: `数据元 ${setting.elementCode} 不存在` });
  }
  if (setting.verifier !== null && !known.has(setting.verifier)) {
    problems.push({ path: 'verifier', message: `审核部门类型 ${setting.verifier} 不存在` });
  }
  for (const c of setting.comparers) {
    if (!known.has(c)) problems.push({ path: 'comparers', message: `比对部门类型 ${c} 不存在` });
  }
  if (setting.verifier !== null && setting.comparers.includes(setting.verifier)) {
    problems.push({ path: 'comparers', message: '审核部门不必再列为比对部门' });
  }
  if (
    !Number.isInteger(setting.timeLimitDays) ||
    setting.timeLimitDays < 1 ||
    setting.timeLimitDays > 90
  ) {
    problems.push({ path: 'timeLimitDays', message: '办理时限应为 1–90 天' });
  }
  return problems;
}

export type NormalizedValue = { ok: true; value: string | null } | { ok: false; message: string };

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '是', '在册', '有']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', '否', '不在册', '无']);

/**
 * A value in its canonical text form, so that two departments' spellings of one fact compare
 * equal: a code set's name or alias becomes its code (残疾等级 “二级” → `2`), dates become
 * YYYY-MM-DD, numbers lose insignificant zeros, text loses surrounding and repeated spaces.
 * Empty input is null (no value).
 */
export function normalizeElementValue(element: DataElement, input: unknown): NormalizedValue {
  if (input === null || input === undefined) return { ok: true, value: null };
  const text = String(input).trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: true, value: null };
  switch (element.type) {
    case 'code': {
      const set = elementCodeSet(element);
      if (!set) return { ok: true, value: text };
      const code = resolveCode(set, text);
      return code === undefined
        ? { ok: false, message: `${element.name}“${text}”不在代码表《${set.name}》中` }
        : { ok: true, value: code };
    }
    case 'date': {
      const date = normalizeDate(text);
      return date
        ? { ok: true, value: date }
        : { ok: false, message: `${element.name}“${text}”不是有效日期` };
    }
    case 'number': {
      const n = Number(text.replaceAll(',', '').replace(/元$/, ''));
      return Number.isFinite(n)
        ? { ok: true, value: String(n) }
        : { ok: false, message: `${element.name}“${text}”不是数字` };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return { ok: true, value: 'true' };
      if (FALSE_WORDS.has(lower)) return { ok: true, value: 'false' };
      return { ok: false, message: `${element.name}“${text}”应为“是”或“否”` };
    }
    default:
      return { ok: true, value: text };
  }
}

/** The platform's own code tables, beside the national ones in code-sets. */
const platformCodeSets: CodeSet[] = [
  {
    id: 'attention_level',
    name: '关注等级',
    source: '平台',
    items: attentionLevels.map((l) => ({ code: l.code, name: l.name })),
  },
  {
    id: 'residence_type',
    name: '人口类型',
    source: '平台',
    items: residenceTypes.map((t) => ({ code: t.code, name: t.name })),
  },
  unemployedClassCodes,
];

/** The code table an element's values come from, national or the platform's own. */
export function elementCodeSet(element: DataElement): CodeSet | undefined {
  if (!element.codeSet) return undefined;
  return findCodeSet(element.codeSet) ?? platformCodeSets.find((s) => s.id === element.codeSet);
}

/** How a value stands (状态): collected → verified / rejected / disputed → ruled. */
export const valueStatuses = ['collected', 'verified', 'rejected', 'disputed', 'ruled'] as const;
export type ValueStatus = (typeof valueStatuses)[number];
export const valueStatusLabels: Record<ValueStatus, string> = {
  collected: '待核验',
  verified: '已核验',
  rejected: '已退回',
  disputed: '有异议',
  ruled: '已核准',
};

/**
 * What can happen to a value: collected by someone (`collect`), by the verifying department itself
 * (`collect_verified`), confirmed, rejected or corrected by the verifier, disputed by a comparison
 * that disagrees, ruled on by the verifier.
 */
export type ValueEvent =
  'collect' | 'collect_verified' | 'confirm' | 'reject' | 'correct' | 'dispute' | 'rule';

const transitions: Record<ValueEvent, { from: readonly (ValueStatus | null)[]; to: ValueStatus }> =
  {
    collect: { from: [null, ...valueStatuses], to: 'collected' },
    collect_verified: { from: [null, ...valueStatuses], to: 'verified' },
    confirm: { from: ['collected'], to: 'verified' },
    reject: { from: ['collected'], to: 'rejected' },
    correct: { from: ['collected', 'rejected', 'verified', 'ruled'], to: 'verified' },
    dispute: { from: [null, ...valueStatuses], to: 'disputed' },
    rule: { from: ['disputed'], to: 'ruled' },
  };

/** The status after an event, or an error naming why the event cannot happen now. */
export function nextValueStatus(
  current: ValueStatus | null,
  event: ValueEvent,
): { ok: true; status: ValueStatus } | { ok: false; message: string } {
  const t = transitions[event];
  if (!t.from.includes(current)) {
    const label = current ? valueStatusLabels[current] : '未登记';
    return { ok: false, message: `该值当前为“${label}”，不能执行此操作` };
  }
  return { ok: true, status: t.to };
}

/** Whether a value counts as authoritative (for reports asked for verified values only). */
export function isAuthoritative(status: ValueStatus | null): boolean {
  return status === 'verified' || status === 'ruled';
}
