import { findCodeSet, resolveCode, type CodeSet } from './code-sets';
import type { DepartmentTypeCode } from './department';
import type { FieldError } from './errors';

/**
 * Special-group registers (重点人群 / 关怀对象): the groups someone verifies and registers a
 * person in, each with its own facts. Age bands, children 0–6 and women of child-bearing age are
 * not registers: they are derived from the person (see `derivedTags`) and never typed in.
 */

/** One fact a register keeps about a member, stored under `attributes[key]`. */
export interface SpecialGroupField {
  key: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'code';
  /** For `code` fields: the id of the CodeSet the value must resolve in. */
  codeSet?: string;
  required?: boolean;
  /**
   * For `text` fields the maximum length in characters; for `number` fields (amounts, counts,
   * grades: never negative) the maximum value.
   */
  max?: number;
}

/** A register: its code, Chinese name, kind, the department that verifies membership, its facts. */
export interface SpecialGroup {
  code: string;
  name: string;
  /** 关怀对象 (care) or 重点关注对象 (attention). */
  category: 'care' | 'attention';
  verifyingDepartmentType: DepartmentTypeCode;
  /** Attention groups grade each member 一般/中等/严重; care groups do not. */
  hasAttentionLevel: boolean;
  fields: readonly SpecialGroupField[];
}

const guardianFields: readonly SpecialGroupField[] = [
  { key: 'guardianName', label: '监护人', type: 'text', max: 50 },
  { key: 'guardianPhone', label: '监护人电话', type: 'text', max: 20 },
];

/**
 * 失业人员 by 四类人员 class. Which circumstances make a class A, B, C or D is set by each city's
 * 人社 rules, so the platform stores the letter only; it is not a national code table.
 */
export const unemployedClassCodes: CodeSet = {
  id: 'unemployed_class',
  name: '四类人员类别',
  source: '地方人社口径（非国家标准）',
  items: [
    { code: 'A', name: 'A类' },
    { code: 'B', name: 'B类' },
    { code: 'C', name: 'C类' },
    { code: 'D', name: 'D类' },
  ],
};

/**
 * The registers. Verifying departments are the usual owners (docs: domain reference, “who owns
 * which data”); a city may configure others.
 */
export const specialGroups: readonly SpecialGroup[] = [
  {
    code: 'disabled',
    name: '残疾人',
    category: 'care',
    verifyingDepartmentType: 'disabled_federation',
    hasAttentionLevel: false,
    fields: [
      { key: 'certificateNumber', label: '残疾证号', type: 'text', required: true, max: 30 },
      {
        key: 'category',
        label: '残疾类别',
        type: 'code',
        codeSet: 'disability_category',
        required: true,
      },
      {
        key: 'grade',
        label: '残疾等级',
        type: 'code',
        codeSet: 'disability_grade',
        required: true,
      },
      { key: 'cause', label: '致残原因', type: 'text', max: 100 },
      ...guardianFields,
    ],
  },
  {
    code: 'minimum_living',
    name: '低保对象',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [
      { key: 'type', label: '低保类型（城镇/农村）', type: 'text', max: 10 },
      { key: 'monthlyAmount', label: '月保障金额（元）', type: 'number' },
      { key: 'certificateNumber', label: '低保证号', type: 'text', max: 50 },
      { key: 'reason', label: '致困原因', type: 'text', max: 200 },
    ],
  },
  {
    code: 'extreme_poverty',
    name: '特困人员',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [
      { key: 'supportMode', label: '供养方式（分散/集中）', type: 'text', max: 10 },
      { key: 'monthlyAmount', label: '月供养金额（元）', type: 'number' },
      { key: 'certificateNumber', label: '特困供养证号', type: 'text', max: 50 },
    ],
  },
  {
    code: 'low_income_margin',
    name: '低保边缘对象',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [
      { key: 'certificateNumber', label: '证件编号', type: 'text', max: 50 },
      { key: 'reason', label: '致困原因', type: 'text', max: 200 },
    ],
  },
  {
    code: 'entitled_groups',
    name: '优抚对象',
    category: 'care',
    verifyingDepartmentType: 'veterans_affairs',
    hasAttentionLevel: false,
    fields: [
      { key: 'kind', label: '优抚类别', type: 'text', required: true, max: 50 },
      { key: 'certificateNumber', label: '证件编号', type: 'text', max: 50 },
    ],
  },
  {
    code: 'unemployed',
    name: '失业人员',
    category: 'care',
    verifyingDepartmentType: 'human_resources',
    hasAttentionLevel: false,
    fields: [
      {
        key: 'employmentForm',
        label: '四类人员类别',
        type: 'code',
        codeSet: 'unemployed_class',
        required: true,
      },
      { key: 'registrationNumber', label: '就业失业登记证号', type: 'text', max: 50 },
      { key: 'unemployedSince', label: '失业日期', type: 'date' },
    ],
  },
  {
    code: 'elderly_allowance',
    name: '高龄津贴对象',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [{ key: 'monthlyAmount', label: '月津贴金额（元）', type: 'number' }],
  },
  {
    code: 'home_care_subsidy',
    name: '居家养老服务补贴对象',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [
      { key: 'monthlyAmount', label: '月补贴金额（元）', type: 'number' },
      { key: 'selfCareAbility', label: '自理能力', type: 'text', max: 20 },
    ],
  },
  {
    code: 'left_behind_child',
    name: '留守儿童',
    category: 'care',
    verifyingDepartmentType: 'civil_affairs',
    hasAttentionLevel: false,
    fields: [
      ...guardianFields,
      { key: 'guardianRelation', label: '与监护人关系', type: 'code', codeSet: 'family_relation' },
      { key: 'parentsWorkplace', label: '父母务工地', type: 'text', max: 100 },
    ],
  },
  {
    code: 'serious_illness',
    name: '大病患者',
    category: 'care',
    verifyingDepartmentType: 'health',
    hasAttentionLevel: false,
    fields: [
      { key: 'disease', label: '病种', type: 'text', required: true, max: 100 },
      { key: 'diagnosedOn', label: '确诊日期', type: 'date' },
      { key: 'hospital', label: '确诊医院', type: 'text', max: 100 },
    ],
  },
  {
    code: 'lost_only_child',
    name: '失独家庭',
    category: 'care',
    verifyingDepartmentType: 'health',
    hasAttentionLevel: false,
    fields: [
      { key: 'childDiedOn', label: '独生子女死亡日期', type: 'date' },
      { key: 'monthlyAmount', label: '特别扶助金（元/月）', type: 'number' },
    ],
  },
  {
    code: 'community_correction',
    name: '社区矫正对象',
    category: 'attention',
    verifyingDepartmentType: 'justice',
    hasAttentionLevel: true,
    fields: [
      { key: 'correctionType', label: '矫正类别', type: 'text', required: true, max: 20 },
      { key: 'crime', label: '罪名', type: 'text', max: 100 },
      { key: 'termStart', label: '矫正期起', type: 'date' },
      { key: 'termEnd', label: '矫正期止', type: 'date' },
    ],
  },
  {
    code: 'released_prisoner',
    name: '刑满释放人员',
    category: 'attention',
    verifyingDepartmentType: 'justice',
    hasAttentionLevel: true,
    fields: [
      { key: 'releasedOn', label: '释放日期', type: 'date', required: true },
      { key: 'crime', label: '原罪名', type: 'text', max: 100 },
      { key: 'sentence', label: '原判刑期', type: 'text', max: 50 },
    ],
  },
  {
    code: 'drug_user',
    name: '吸毒人员',
    category: 'attention',
    verifyingDepartmentType: 'public_security',
    hasAttentionLevel: true,
    fields: [
      { key: 'drugType', label: '滥用毒品种类', type: 'text', max: 50 },
      { key: 'controlMeasure', label: '管控措施', type: 'text', max: 50 },
    ],
  },
  {
    code: 'severe_mental_disorder',
    name: '严重精神障碍患者',
    category: 'attention',
    verifyingDepartmentType: 'health',
    hasAttentionLevel: true,
    fields: [
      { key: 'diagnosis', label: '诊断', type: 'text', max: 100 },
      // 危险性评估 grades 0–5 under the national management rules for severe mental disorders.
      { key: 'riskLevel', label: '危险性评估等级', type: 'number', max: 5 },
      ...guardianFields,
    ],
  },
  {
    // 公安 rather than 司法: what puts a young person in this register (不良行为, 违法犯罪记录)
    // is a police record; juveniles under correction are already in community_correction.
    code: 'key_youth',
    name: '重点青少年',
    category: 'attention',
    verifyingDepartmentType: 'public_security',
    hasAttentionLevel: true,
    fields: [
      { key: 'youthType', label: '人员类型', type: 'text', required: true, max: 50 },
      ...guardianFields,
      { key: 'helperName', label: '帮扶人', type: 'text', max: 50 },
    ],
  },
  {
    // Petitions are the 信访 bureau's, which is not a department type; 公安 is the usual verifier of
    // who is a key petitioner for stability work. A city that has 信访 can add it as a type.
    code: 'key_petitioner',
    name: '重点信访人员',
    category: 'attention',
    verifyingDepartmentType: 'public_security',
    hasAttentionLevel: true,
    fields: [{ key: 'matter', label: '信访事项', type: 'text', required: true, max: 200 }],
  },
];

/** The register with this code, or undefined. */
export function findSpecialGroup(code: string): SpecialGroup | undefined {
  return specialGroups.find((g) => g.code === code);
}

/** Attention levels of attention-group members. */
export const attentionLevels: readonly { code: 'general' | 'medium' | 'serious'; name: string }[] =
  [
    { code: 'general', name: '一般' },
    { code: 'medium', name: '中等' },
    { code: 'serious', name: '严重' },
  ];

/** Pairs of registers one person may not be active in at the same time. */
export const exclusiveGroupPairs: readonly (readonly [string, string])[] = [
  // 安置帮教 starts when a sentence, including one served in the community, has ended.
  ['community_correction', 'released_prisoner'],
  // One household gets one of 低保, 特困 or 低边, never two.
  ['minimum_living', 'extreme_poverty'],
  ['minimum_living', 'low_income_margin'],
  ['extreme_poverty', 'low_income_margin'],
];

/** Code sets a register field can name: the national ones and the registers' own. */
function fieldCodeSet(id: string): CodeSet | undefined {
  return id === unemployedClassCodes.id ? unemployedClassCodes : findCodeSet(id);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function attributeProblem(field: SpecialGroupField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return `${field.label}应为文字`;
      if (field.max !== undefined && value.trim().length > field.max) {
        return `${field.label}不能超过 ${field.max} 个字`;
      }
      return undefined;
    case 'number': {
      // forms and spreadsheets send numbers as text: '1200.50' is as good as 1200.5
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return `${field.label}应为数字`;
      if (n < 0) return `${field.label}不能为负数`;
      if (field.max !== undefined && n > field.max) {
        return `${field.label}不能大于 ${field.max}`;
      }
      return undefined;
    }
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) {
        return `${field.label}应为有效日期（如 2024-05-01）`;
      }
      return undefined;
    case 'code': {
      const set = field.codeSet === undefined ? undefined : fieldCodeSet(field.codeSet);
      if (!set) return `${field.label}的代码表未配置`;
      if (typeof value !== 'string' || resolveCode(set, value) === undefined) {
        return `${field.label}“${String(value)}”不在《${set.name}》代码表中`;
      }
      return undefined;
    }
  }
}

/**
 * The problems with registering a person in a group, each naming the field to correct
 * (`groupCode`, `attentionLevel`, `attributes.grade`). `activeGroupCodes` are the groups the
 * person is active in now, not counting the membership being checked. Code attributes are
 * checked with `resolveCode`, so 二级 passes for grade 2; turning them into codes is the caller's.
 */
export function groupMembershipProblems(
  input: { groupCode: string; attentionLevel?: string | null; attributes: Record<string, unknown> },
  activeGroupCodes: readonly string[],
): FieldError[] {
  const group = findSpecialGroup(input.groupCode);
  if (!group) return [{ path: 'groupCode', message: `未知的人群类别“${input.groupCode}”` }];
  const problems: FieldError[] = [];

  if (activeGroupCodes.includes(group.code)) {
    problems.push({ path: 'groupCode', message: `该人员已在${group.name}名册中` });
  }
  for (const [a, b] of exclusiveGroupPairs) {
    const other = a === group.code ? b : b === group.code ? a : undefined;
    if (other === undefined || !activeGroupCodes.includes(other)) continue;
    const otherName = findSpecialGroup(other)?.name ?? other;
    problems.push({
      path: 'groupCode',
      message: `该人员已是${otherName}，不能同时登记为${group.name}`,
    });
  }

  const level = input.attentionLevel;
  if (group.hasAttentionLevel) {
    if (isBlank(level)) {
      problems.push({ path: 'attentionLevel', message: `${group.name}须填写关注程度` });
    } else if (!attentionLevels.some((l) => l.code === level)) {
      problems.push({ path: 'attentionLevel', message: '关注程度只能是一般、中等或严重' });
    }
  } else if (!isBlank(level)) {
    problems.push({ path: 'attentionLevel', message: `${group.name}不设关注程度` });
  }

  for (const field of group.fields) {
    const value = input.attributes[field.key];
    const path = `attributes.${field.key}`;
    if (isBlank(value)) {
      if (field.required) problems.push({ path, message: `${field.label}不能为空` });
      continue;
    }
    const message = attributeProblem(field, value);
    if (message) problems.push({ path, message });
  }
  for (const key of Object.keys(input.attributes)) {
    if (!group.fields.some((f) => f.key === key)) {
      problems.push({ path: `attributes.${key}`, message: `${group.name}名册没有“${key}”这一项` });
    }
  }
  return problems;
}

/** Tags derived from a person, never typed in. */
export type DerivedTag =
  | 'elderly_60_69'
  | 'elderly_70_79'
  | 'elderly_80_89'
  | 'elderly_90_plus'
  | 'child_0_6'
  | 'minor'
  | 'childbearing_age_woman'
  | 'living_alone_elderly';

/** Chinese labels of the derived tags. */
export const derivedTagLabels: Record<string, string> = {
  elderly_60_69: '60–69 岁老年人',
  elderly_70_79: '70–79 岁老年人',
  elderly_80_89: '80–89 岁老年人',
  elderly_90_plus: '90 岁及以上老年人',
  child_0_6: '0–6 岁儿童',
  minor: '未成年人',
  childbearing_age_woman: '育龄妇女',
  living_alone_elderly: '独居老人',
} satisfies Record<DerivedTag, string>;

/**
 * Age in whole years (周岁) on `today`, both YYYY-MM-DD: one less while this year's birthday has
 * not come. Someone born on 29 February turns a year older on 1 March in other years. Undefined
 * when either date is malformed or the birth is after today.
 */
function yearsOld(birthDate: string, today: string): number | undefined {
  if (!isRealDate(birthDate) || !isRealDate(today) || birthDate > today) return undefined;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The derived tags of a person on `today` (YYYY-MM-DD): the 老年人 age band, 独居老人 (60 or
 * over and `housemates` exactly 0), 0–6 岁儿童, 未成年人 (under 18) and 育龄妇女 (sex 2 女,
 * aged 15–49 inclusive, the statistics convention). A deceased person has none; so has a person
 * without a usable birth date.
 */
export function derivedTags(
  person: {
    birthDate: string | null;
    sex: string | null;
    lifeStatus: string;
    housemates?: number | null;
  },
  today: string,
): DerivedTag[] {
  if (person.lifeStatus === 'deceased' || person.birthDate === null) return [];
  const age = yearsOld(person.birthDate, today);
  if (age === undefined) return [];
  const tags: DerivedTag[] = [];
  if (age >= 90) tags.push('elderly_90_plus');
  else if (age >= 80) tags.push('elderly_80_89');
  else if (age >= 70) tags.push('elderly_70_79');
  else if (age >= 60) tags.push('elderly_60_69');
  if (age >= 60 && person.housemates === 0) tags.push('living_alone_elderly');
  if (age <= 6) tags.push('child_0_6');
  if (age < 18) tags.push('minor');
  if (person.sex === '2' && age >= 15 && age <= 49) tags.push('childbearing_age_woman');
  return tags;
}
