import { roleLabels, type Role } from './access';
import { findCodeSet, resolveCode, type CodeSet } from './code-sets';
import {
  defaultDataElements,
  elementCodeSet,
  findDataElement,
  type ElementType,
} from './data-elements';
import { departmentTypes, type DepartmentTypeCode } from './department';
import type { FieldError } from './errors';
import { normalizeDate } from './person';
import type { RegionLevel } from './region';
import { findSpecialGroup } from './special-groups';

/**
 * Service matters (事项): what a resident can apply for, who accepts it, who decides, what it
 * needs and how long it may take. The platform ships a default catalog (see
 * `service-matter-catalog.ts`); a city's administrator edits its own copy.
 */

export const matterCategories = [
  'social_assistance',
  'elderly',
  'disability',
  'employment',
  'health',
  'household',
  'certificate',
] as const;
export type MatterCategory = (typeof matterCategories)[number];
export const matterCategoryLabels: Record<MatterCategory, string> = {
  social_assistance: '社会救助',
  elderly: '养老服务',
  disability: '残疾人服务',
  employment: '就业创业',
  health: '卫生健康',
  household: '户籍居住',
  certificate: '证明开具',
};

/** The levels at which a step of a matter is handled. */
export const matterLevels = [
  'community',
  'street',
  'county',
] as const satisfies readonly RegionLevel[];
export type MatterLevel = (typeof matterLevels)[number];
export const matterLevelLabels: Record<MatterLevel, string> = {
  community: '社区（村）',
  street: '街道（乡镇）',
  county: '县（区）',
};

/**
 * A material (申请材料). It may be satisfied by data the platform already holds: a verified data
 * element (e.g. `group.disabled.grade` stands in for a 残疾人证 copy) or the person's record
 * itself (identity). Then the window shows it as 免提交 with the reason.
 */
export interface MatterMaterial {
  code: string;
  name: string;
  required: boolean;
  /** 原件 / 复印件 / 电子件, copies: free text the window reads out. */
  form?: string;
  satisfiedBy?:
    | { kind: 'element'; element: string }
    | { kind: 'identity' }
    | { kind: 'certificate'; certificate: string };
  note?: string;
}

export const matterFieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'code',
  'boolean',
  'phone',
] as const;
export type MatterFieldType = (typeof matterFieldTypes)[number];

/** A field of the application form; bound to a data element when the platform holds the value. */
export interface MatterField {
  key: string;
  label: string;
  type: MatterFieldType;
  required: boolean;
  /** `code` fields: the CodeSet id the value must resolve in. */
  codeSet?: string;
  /** The data element that prefills it (`person.maritalStatus`, `group.disabled.grade`). */
  element?: string;
  /** text/textarea: max length in characters; number: the inclusive bounds. */
  maxLength?: number;
  min?: number;
  max?: number;
  help?: string;
}

/** What a step's handler does: accept at the window, review, decide, or agree jointly. */
export const stepKinds = ['accept', 'review', 'decide', 'countersign'] as const;
export type StepKind = (typeof stepKinds)[number];
export const stepKindLabels: Record<StepKind, string> = {
  accept: '受理',
  review: '审核',
  decide: '审批',
  countersign: '会签',
};

/**
 * A step of the matter's sequence, assigned by role × level × department: the step is worked by
 * holders of `role` whose grant covers the application's region at `level` (the community, its
 * street, its county), and for department steps whose department is of `departmentType`.
 * A countersign step is complete when every department type in `countersign` has agreed.
 */
export interface MatterStep {
  key: string;
  name: string;
  kind: StepKind;
  level: MatterLevel;
  role: Role;
  departmentType?: DepartmentTypeCode;
  countersign?: readonly DepartmentTypeCode[];
  /** Working days this step may take (the matter's limit is the whole). */
  days: number;
}

/** What the decision produces, and the register an approval feeds. */
export interface MatterResult {
  kind: 'decision' | 'certificate' | 'acceptance';
  /** 决定书 / 证明 title, e.g. “高龄津贴审批决定书”. */
  title: string;
  /** An approved application enrols the person in this register, verified by the deciding department. */
  register?: { group: string; attributes?: Record<string, string | number> };
}

export interface ServiceMatter {
  code: string;
  name: string;
  category: MatterCategory;
  /** The department type responsible for the matter (its decision). */
  departmentType: DepartmentTypeCode;
  acceptLevel: MatterLevel;
  decideLevel: MatterLevel;
  /** 申请条件, one per line. */
  conditions: readonly string[];
  /** 设定依据: laws, regulations, local rules. */
  legalBasis: readonly string[];
  materials: readonly MatterMaterial[];
  form: readonly MatterField[];
  /** 承诺时限 in working days, from acceptance to decision. */
  timeLimitDays: number;
  steps: readonly MatterStep[];
  /** 收费: “不收费” for almost all. */
  fee: string;
  /** Can a resident apply online (网上申请)? */
  online: boolean;
  result: MatterResult;
}

// ————————————————————————————————————————————————————————————————————————————————————
// Rules over matters: checking a definition, an application form and the materials handed in.

const CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
/** Roles that work a step, and the one level each works at (department reviewers: any level). */
const stepRoleLevels: Partial<Record<Role, MatterLevel>> = {
  community_worker: 'community',
  street_staff: 'street',
};
const STEP_ROLES: readonly Role[] = ['community_worker', 'street_staff', 'department_reviewer'];
/** The element type a field of each type may be bound to. */
export const fieldElementTypes: Record<MatterFieldType, ElementType> = {
  text: 'text',
  textarea: 'text',
  phone: 'text',
  number: 'number',
  date: 'date',
  code: 'code',
  boolean: 'boolean',
};
const elementTypeLabels: Record<ElementType, string> = {
  text: '文字',
  code: '代码',
  date: '日期',
  number: '数字',
  boolean: '是/否',
};
/** Text fields without a `maxLength` are still bounded. */
const DEFAULT_MAX_LENGTH: Partial<Record<MatterFieldType, number>> = { text: 200, textarea: 2000 };
/** An 11-digit mainland mobile, or a landline with its area code (and optional extension). */
const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

const departmentTypeCodes = new Set<string>(departmentTypes.map((d) => d.code));

function departmentShortName(code: string): string {
  return departmentTypes.find((d) => d.code === code)?.shortName ?? code;
}

/** A code set by id: the national ones, and the platform's own that data elements use. */
function matterCodeSet(id: string): CodeSet | undefined {
  const element = defaultDataElements.find((e) => e.codeSet === id);
  return findCodeSet(id) ?? (element && elementCodeSet(element));
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/**
 * What held data satisfies a material, as a key the caller can hold: `identity` (the person's
 * verified record), the data element code (`group.disabled.grade`), or `certificate:<code>` (a
 * certificate the platform issued, named by its matter code). Undefined: only paper will do.
 */
export function materialSatisfier(material: MatterMaterial): string | undefined {
  const by = material.satisfiedBy;
  if (!by) return undefined;
  switch (by.kind) {
    case 'identity':
      return 'identity';
    case 'element':
      return by.element;
    case 'certificate':
      return `certificate:${by.certificate}`;
  }
}

function stepProblems(matter: ServiceMatter): FieldError[] {
  const problems: FieldError[] = [];
  const { steps } = matter;
  if (steps.length === 0) {
    return [{ path: 'steps', message: '事项至少需要一个办理环节' }];
  }
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    const at = `steps.${i}`;
    const label = `第${i + 1}步“${step.name}”`;
    if (!CODE_PATTERN.test(step.key)) {
      problems.push({
        path: `${at}.key`,
        message: `${label}的编码只能由小写字母、数字和下划线组成`,
      });
    } else if (keys.has(step.key)) {
      problems.push({ path: `${at}.key`, message: `${label}的编码“${step.key}”与前面的环节重复` });
    }
    keys.add(step.key);
    if (!step.name.trim()) {
      problems.push({ path: `${at}.name`, message: `第${i + 1}步必须填写环节名称` });
    }
    if (!(stepKinds as readonly string[]).includes(step.kind)) {
      problems.push({ path: `${at}.kind`, message: `${label}的环节类型“${step.kind}”不存在` });
    } else if (i > 0 && step.kind === 'accept') {
      problems.push({ path: `${at}.kind`, message: `${label}：只有第1步可以是受理` });
    } else if (i < steps.length - 1 && step.kind === 'decide') {
      problems.push({ path: `${at}.kind`, message: `${label}：审批只能是最后一步` });
    }
    if (!(matterLevels as readonly string[]).includes(step.level)) {
      problems.push({ path: `${at}.level`, message: `${label}的办理层级“${step.level}”不存在` });
    }
    if (!STEP_ROLES.includes(step.role)) {
      problems.push({
        path: `${at}.role`,
        message: `${label}不能由${roleLabels[step.role] ?? step.role}办理`,
      });
    } else {
      const roleLevel = stepRoleLevels[step.role];
      if (roleLevel && roleLevel !== step.level) {
        problems.push({
          path: `${at}.level`,
          message: `${label}由${roleLabels[step.role]}办理，层级应为${matterLevelLabels[roleLevel]}`,
        });
      }
    }
    if (step.role === 'department_reviewer') {
      if (!step.departmentType) {
        problems.push({ path: `${at}.departmentType`, message: `${label}必须指定部门类型` });
      } else if (!departmentTypeCodes.has(step.departmentType)) {
        problems.push({
          path: `${at}.departmentType`,
          message: `${label}的部门类型“${step.departmentType}”不存在`,
        });
      }
    } else if (step.departmentType) {
      problems.push({
        path: `${at}.departmentType`,
        message: `${label}不是部门审核环节，不应指定部门类型`,
      });
    }
    if (step.kind === 'countersign') {
      const types = step.countersign ?? [];
      const distinct = new Set(types);
      if (distinct.size < 2) {
        problems.push({ path: `${at}.countersign`, message: `${label}须列出至少两个会签部门` });
      } else if (distinct.size !== types.length) {
        problems.push({ path: `${at}.countersign`, message: `${label}的会签部门有重复` });
      }
      for (const t of types) {
        if (!departmentTypeCodes.has(t)) {
          problems.push({ path: `${at}.countersign`, message: `${label}的会签部门“${t}”不存在` });
        }
      }
      if (step.departmentType && !types.includes(step.departmentType)) {
        problems.push({
          path: `${at}.countersign`,
          message: `${label}的牵头部门${departmentShortName(step.departmentType)}应在会签部门之列`,
        });
      }
    } else if (step.countersign && step.countersign.length > 0) {
      problems.push({
        path: `${at}.countersign`,
        message: `${label}不是会签环节，不应列出会签部门`,
      });
    }
    if (!isPositiveInteger(step.days)) {
      problems.push({ path: `${at}.days`, message: `${label}的时限应为正整数个工作日` });
    }
  });

  const first = steps[0];
  if (first && first.kind !== 'accept') {
    problems.push({ path: 'steps.0.kind', message: `第1步“${first.name}”必须是受理` });
  }
  if (first && first.level !== matter.acceptLevel) {
    problems.push({
      path: 'steps.0.level',
      message: `第1步“${first.name}”应在受理层级${matterLevelLabels[matter.acceptLevel] ?? matter.acceptLevel}办理`,
    });
  }
  const lastIndex = steps.length - 1;
  const last = steps[lastIndex];
  if (last && lastIndex > 0 && last.kind !== 'decide' && last.kind !== 'countersign') {
    problems.push({
      path: `steps.${lastIndex}.kind`,
      message: `最后一步“${last.name}”必须是审批或会签`,
    });
  }
  if (last && lastIndex === 0) {
    problems.push({ path: 'steps', message: '事项须在受理之后有审批或会签环节' });
  }
  if (last && lastIndex > 0 && last.level !== matter.decideLevel) {
    problems.push({
      path: `steps.${lastIndex}.level`,
      message: `最后一步“${last.name}”应在审批层级${matterLevelLabels[matter.decideLevel] ?? matter.decideLevel}办理`,
    });
  }

  const total = steps.reduce((sum, s) => sum + (isPositiveInteger(s.days) ? s.days : 0), 0);
  if (isPositiveInteger(matter.timeLimitDays) && total > matter.timeLimitDays) {
    problems.push({
      path: 'timeLimitDays',
      message: `各环节时限合计 ${total} 个工作日，超过承诺时限 ${matter.timeLimitDays} 个工作日`,
    });
  }
  return problems;
}

function fieldProblems(form: readonly MatterField[]): FieldError[] {
  const problems: FieldError[] = [];
  const keys = new Set<string>();
  form.forEach((field, i) => {
    const at = `form.${i}`;
    const label = `字段“${field.label}”`;
    if (!FIELD_KEY_PATTERN.test(field.key)) {
      problems.push({
        path: `${at}.key`,
        message: `${label}的键名只能由字母和数字组成，且以小写字母开头`,
      });
    } else if (keys.has(field.key)) {
      problems.push({ path: `${at}.key`, message: `${label}的键名“${field.key}”与前面的字段重复` });
    }
    keys.add(field.key);
    if (!field.label.trim()) {
      problems.push({ path: `${at}.label`, message: `第${i + 1}个字段必须填写名称` });
    }
    if (!(matterFieldTypes as readonly string[]).includes(field.type)) {
      problems.push({ path: `${at}.type`, message: `${label}的类型“${field.type}”不存在` });
      return;
    }
    if (field.type === 'code') {
      if (!field.codeSet) {
        problems.push({ path: `${at}.codeSet`, message: `${label}必须指定代码表` });
      } else if (!matterCodeSet(field.codeSet)) {
        problems.push({
          path: `${at}.codeSet`,
          message: `${label}的代码表“${field.codeSet}”不存在`,
        });
      }
    }
    if (field.maxLength !== undefined && !isPositiveInteger(field.maxLength)) {
      problems.push({ path: `${at}.maxLength`, message: `${label}的最大长度应为正整数` });
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      problems.push({ path: `${at}.min`, message: `${label}的下限不能大于上限` });
    }
    if (field.element !== undefined) {
      const element = findDataElement(field.element);
      if (!element) {
        problems.push({
          path: `${at}.element`,
          message: `${label}绑定的数据元“${field.element}”不存在`,
        });
      } else if (element.type !== fieldElementTypes[field.type]) {
        problems.push({
          path: `${at}.element`,
          message: `${label}与数据元“${element.name}”（${elementTypeLabels[element.type]}）类型不符`,
        });
      } else if (element.type === 'code' && element.codeSet !== field.codeSet) {
        problems.push({
          path: `${at}.codeSet`,
          message: `${label}的代码表应与数据元“${element.name}”一致（${element.codeSet ?? '无'}）`,
        });
      }
    }
  });
  return problems;
}

function materialProblems(materials: readonly MatterMaterial[]): FieldError[] {
  const problems: FieldError[] = [];
  const codes = new Set<string>();
  materials.forEach((material, i) => {
    const at = `materials.${i}`;
    const label = `材料“${material.name}”`;
    if (!CODE_PATTERN.test(material.code)) {
      problems.push({
        path: `${at}.code`,
        message: `${label}的编码只能由小写字母、数字和下划线组成`,
      });
    } else if (codes.has(material.code)) {
      problems.push({
        path: `${at}.code`,
        message: `${label}的编码“${material.code}”与前面的材料重复`,
      });
    }
    codes.add(material.code);
    if (!material.name.trim()) {
      problems.push({ path: `${at}.name`, message: `第${i + 1}项材料必须填写名称` });
    }
    const by = material.satisfiedBy;
    if (by?.kind === 'element' && !findDataElement(by.element)) {
      problems.push({
        path: `${at}.satisfiedBy`,
        message: `${label}的免提交依据数据元“${by.element}”不存在`,
      });
    }
    if (by?.kind === 'certificate' && !CODE_PATTERN.test(by.certificate)) {
      problems.push({ path: `${at}.satisfiedBy`, message: `${label}须指明由哪一证明事项代替` });
    }
  });
  return problems;
}

function resultProblems(result: MatterResult): FieldError[] {
  const problems: FieldError[] = [];
  if (!result.title.trim()) {
    problems.push({ path: 'result.title', message: '办理结果必须填写名称' });
  }
  const register = result.register;
  if (!register) return problems;
  const group = findSpecialGroup(register.group);
  if (!group) {
    problems.push({ path: 'result.register.group', message: `名册“${register.group}”不存在` });
    return problems;
  }
  for (const [key, value] of Object.entries(register.attributes ?? {})) {
    const path = `result.register.attributes.${key}`;
    const field = group.fields.find((f) => f.key === key);
    if (!field) {
      problems.push({ path, message: `${group.name}名册没有“${key}”这一项` });
    } else if ((field.type === 'number') !== (typeof value === 'number')) {
      problems.push({ path, message: `${group.name}名册的“${field.label}”类型不符` });
    }
  }
  return problems;
}

/**
 * The problems with a matter definition as a catalog designer submits it, each with a path
 * (`steps.2.departmentType`, `form.0.element`, `result.register.attributes.monthlyAmount`) and a
 * Chinese message naming the step, field or material; empty when the definition may be saved.
 * Checks the codes, the step sequence (受理 first at the accepting level, 审批 or 会签 last at the
 * deciding level, roles at their levels, department types, the sum of the steps' days within the
 * time limit), the form (keys, code sets, data element bindings and their types), the materials
 * (codes, satisfying elements) and the register an approval feeds.
 */
export function matterProblems(matter: ServiceMatter): FieldError[] {
  const problems: FieldError[] = [];
  if (!CODE_PATTERN.test(matter.code)) {
    problems.push({
      path: 'code',
      message: '事项编码只能由小写字母、数字和下划线组成，且以字母开头',
    });
  } else if (matter.code.length < 2 || matter.code.length > 64) {
    problems.push({ path: 'code', message: '事项编码应为 2–64 个字符' });
  }
  if (!matter.name.trim()) problems.push({ path: 'name', message: '事项名称不能为空' });
  if (!(matterCategories as readonly string[]).includes(matter.category)) {
    problems.push({ path: 'category', message: `事项类别“${matter.category}”不存在` });
  }
  if (!departmentTypeCodes.has(matter.departmentType)) {
    problems.push({ path: 'departmentType', message: `部门类型“${matter.departmentType}”不存在` });
  }
  for (const key of ['acceptLevel', 'decideLevel'] as const) {
    if (!(matterLevels as readonly string[]).includes(matter[key])) {
      problems.push({ path: key, message: `办理层级“${matter[key]}”不存在` });
    }
  }
  const limit = matter.timeLimitDays;
  if (!Number.isInteger(limit) || limit < 1 || limit > 365) {
    problems.push({ path: 'timeLimitDays', message: '承诺时限应为 1–365 个工作日' });
  }
  problems.push(
    ...stepProblems(matter),
    ...fieldProblems(matter.form),
    ...materialProblems(matter.materials),
    ...resultProblems(matter.result),
  );
  return problems;
}

/** A submitted form's values once normalised: codes for code-set names, YYYY-MM-DD dates, numbers. */
export type ApplicationFormValue = string | number | boolean | null;

const TRUE_WORDS = new Set(['true', '1', '是', 'yes']);
const FALSE_WORDS = new Set(['false', '0', '否', 'no']);

function formValue(
  field: MatterField,
  raw: unknown,
): { ok: true; value: ApplicationFormValue } | { ok: false; message: string } {
  const name = `“${field.label}”`;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return { ok: false, message: `${name}应为文字` };
      const text = raw.trim();
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
      if (max !== undefined && [...text].length > max) {
        return { ok: false, message: `${name}不能超过 ${max} 个字` };
      }
      return { ok: true, value: text };
    }
    case 'phone': {
      if (typeof raw !== 'string') return { ok: false, message: `${name}格式不正确` };
      const phone = raw.replace(/\s+/g, '');
      return MOBILE_PATTERN.test(phone) || LANDLINE_PATTERN.test(phone)
        ? { ok: true, value: phone }
        : { ok: false, message: `${name}格式不正确` };
    }
    case 'number': {
      const n = typeof raw === 'string' ? Number(raw.trim().replaceAll(',', '')) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        return { ok: false, message: `${name}应为数字` };
      }
      if (field.min !== undefined && n < field.min) {
        return { ok: false, message: `${name}不能小于 ${field.min}` };
      }
      if (field.max !== undefined && n > field.max) {
        return { ok: false, message: `${name}不能大于 ${field.max}` };
      }
      return { ok: true, value: n };
    }
    case 'date': {
      const date = typeof raw === 'string' ? normalizeDate(raw.trim()) : undefined;
      return date
        ? { ok: true, value: date }
        : { ok: false, message: `${name}不是有效日期（如 2024-05-01）` };
    }
    case 'code': {
      const set = field.codeSet === undefined ? undefined : matterCodeSet(field.codeSet);
      if (!set) return { ok: false, message: `${name}的代码表未配置` };
      const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
      const code = text ? resolveCode(set, text) : undefined;
      return code === undefined
        ? { ok: false, message: `${name}“${text}”不在《${set.name}》代码表中` }
        : { ok: true, value: code };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: `${name}应为“是”或“否”` };
    }
  }
}

/**
 * Validates and normalises a submitted application form: every field of the matter appears in
 * `values` (null when left blank); code fields hold the code whether the code or its name was sent
 * (民族 “汉族” → `01`); dates become YYYY-MM-DD; numbers are numbers within the field's bounds;
 * phones are an 11-digit mobile or a landline with its area code; text is trimmed and within its
 * length (200 characters, 2000 for textarea, unless the field says). Problems have the path
 * `form.<key>` and name the field's label; a key the matter does not have is a problem too. The
 * values are fit to store only when there are no problems.
 */
export function applicationFormProblems(
  matter: ServiceMatter,
  values: Record<string, unknown>,
): { values: Record<string, ApplicationFormValue>; problems: FieldError[] } {
  const out: Record<string, ApplicationFormValue> = {};
  const problems: FieldError[] = [];
  for (const field of matter.form) {
    const path = `form.${field.key}`;
    const raw = values[field.key];
    out[field.key] = null;
    if (isBlank(raw)) {
      if (field.required) problems.push({ path, message: `“${field.label}”不能为空` });
      continue;
    }
    const result = formValue(field, raw);
    if (result.ok) out[field.key] = result.value;
    else problems.push({ path, message: result.message });
  }
  for (const key of Object.keys(values)) {
    if (!matter.form.some((f) => f.key === key)) {
      problems.push({ path: `form.${key}`, message: `“${matter.name}”的申请表没有“${key}”这一项` });
    }
  }
  return { values: out, problems };
}

/**
 * The required materials still missing: neither handed in (`provided`: material codes) nor
 * satisfied by data the platform holds about the applicant (`satisfied`: the keys of
 * `materialSatisfier` the applicant has — `identity`, verified element codes such as
 * `group.disabled.grade`, `certificate:<matter code>`). Path `materials.<code>`.
 */
export function missingMaterials(
  matter: ServiceMatter,
  provided: readonly string[],
  satisfied: readonly string[],
): FieldError[] {
  const handed = new Set(provided);
  const held = new Set(satisfied);
  return matter.materials
    .filter((m) => m.required && !handed.has(m.code))
    .filter((m) => {
      const key = materialSatisfier(m);
      return key === undefined || !held.has(key);
    })
    .map((m) => ({ path: `materials.${m.code}`, message: `缺少必交材料：${m.name}` }));
}
