import type { FieldError } from './errors';
import {
  documentTypeCodes,
  educationCodes,
  ethnicityCodes,
  familyRelationCodes,
  maritalStatusCodes,
  politicalStatusCodes,
  RESIDENT_ID_CARD,
  resolveCode,
  sexCodes,
  type CodeSet,
} from './code-sets';
import { idNumberMismatches, parseIdNumber } from './id-number';

/** 实有人口 categories: 户籍 registered, 流动 migrant, 境外 foreign, 未落户 unregistered. */
export const residenceTypes = [
  { code: 'registered', name: '户籍人口' },
  { code: 'migrant', name: '流动人口' },
  { code: 'foreign', name: '境外人员' },
  { code: 'unregistered', name: '未落户人员' },
] as const;
export type ResidenceType = (typeof residenceTypes)[number]['code'];

/** Life status. A death is first reported (`deceased_reported`) and then confirmed by another person. */
export const lifeStatuses = [
  { code: 'active', name: '在册' },
  { code: 'moved_out', name: '已迁出' },
  { code: 'deceased_reported', name: '死亡待确认' },
  { code: 'deceased', name: '已死亡' },
] as const;
export type LifeStatus = (typeof lifeStatuses)[number]['code'];

/** A person's relation to a house. */
export const houseRelations = [
  { code: 'registered', name: '户籍在此' },
  { code: 'lives', name: '居住' },
  { code: 'owns', name: '产权人' },
  { code: 'rents', name: '租住' },
] as const;
export type HouseRelation = (typeof houseRelations)[number]['code'];

/** 户别. */
export const householdTypes = [
  { code: 'family', name: '家庭户' },
  { code: 'collective', name: '集体户' },
] as const;
export type HouseholdType = (typeof householdTypes)[number]['code'];

/**
 * The attributes of a person as the domain keeps them. Sensitive values (ID number, phone, the two
 * addresses) are plain here; the server encrypts them before they reach the database.
 */
export interface PersonAttributes {
  name: string;
  formerNames: string | null;
  documentType: string;
  idNumber: string;
  sex: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  residenceType: ResidenceType;
  registeredAddress: string | null;
  currentAddress: string | null;
  phone: string | null;
  politicalStatus: string | null;
  maritalStatus: string | null;
  education: string | null;
  occupation: string | null;
  employer: string | null;
  health: string | null;
  tags: string[];
  note: string | null;
}

/** Where a person is placed: the community or grid, household and house. */
export interface PersonPlacement {
  regionCode: string | null;
  householdNumber: string | null;
  relationToHead: string | null;
  householdType: HouseholdType | null;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
}

/** Stated values that disagree with the ID number: kept as stated and flagged, never fixed. */
export type PersonFlag = 'birth_date_mismatch' | 'sex_mismatch';

export const personFieldLabels: Record<keyof PersonAttributes | keyof PersonPlacement, string> = {
  name: '姓名',
  formerNames: '曾用名',
  documentType: '证件类型',
  idNumber: '证件号码',
  sex: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  residenceType: '人口类型',
  registeredAddress: '户籍地址',
  currentAddress: '现住址',
  phone: '联系电话',
  politicalStatus: '政治面貌',
  maritalStatus: '婚姻状况',
  education: '文化程度',
  occupation: '职业',
  employer: '工作单位',
  health: '健康状况',
  tags: '标签',
  note: '备注',
  regionCode: '所属社区',
  householdNumber: '户号',
  relationToHead: '与户主关系',
  householdType: '户别',
  compound: '小区',
  building: '楼栋',
  unit: '单元',
  room: '房号',
};

type ColumnKey = keyof PersonAttributes | keyof PersonPlacement;

/** One column of the people import template: its key, the template header and accepted synonyms. */
export interface ImportColumn {
  key: ColumnKey;
  label: string;
  synonyms: readonly string[];
  required: boolean;
}

/** The people import template, in template order. Headers are matched by name, not position. */
export const personImportColumns: readonly ImportColumn[] = [
  { key: 'name', label: '姓名', synonyms: ['名字', '居民姓名', '人员姓名'], required: true },
  { key: 'documentType', label: '证件类型', synonyms: ['证件种类'], required: false },
  {
    key: 'idNumber',
    label: '证件号码',
    synonyms: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号', '身份号码'],
    required: true,
  },
  { key: 'sex', label: '性别', synonyms: [], required: false },
  {
    key: 'birthDate',
    label: '出生日期',
    synonyms: ['出生年月日', '生日', '出生年月'],
    required: false,
  },
  { key: 'ethnicity', label: '民族', synonyms: [], required: false },
  {
    key: 'residenceType',
    label: '人口类型',
    synonyms: ['人员类型', '人口类别', '居住类型'],
    required: false,
  },
  {
    key: 'phone',
    label: '联系电话',
    synonyms: ['手机号', '手机号码', '电话', '联系方式', '手机'],
    required: false,
  },
  {
    key: 'registeredAddress',
    label: '户籍地址',
    synonyms: ['户籍地', '户籍所在地', '户口所在地'],
    required: false,
  },
  {
    key: 'currentAddress',
    label: '现住址',
    synonyms: ['现居住地址', '居住地址', '现住地址', '住址'],
    required: false,
  },
  {
    key: 'regionCode',
    label: '所属社区',
    synonyms: ['社区代码', '所属网格', '网格代码', '区划代码'],
    required: false,
  },
  { key: 'householdNumber', label: '户号', synonyms: ['户编号', '户口号'], required: false },
  {
    key: 'relationToHead',
    label: '与户主关系',
    synonyms: ['关系', '家庭关系', '与户主的关系'],
    required: false,
  },
  { key: 'householdType', label: '户别', synonyms: ['户类型'], required: false },
  { key: 'compound', label: '小区', synonyms: ['小区名称', '小区（自然村）'], required: false },
  { key: 'building', label: '楼栋', synonyms: ['楼号', '幢', '栋'], required: false },
  { key: 'unit', label: '单元', synonyms: ['单元号'], required: false },
  { key: 'room', label: '房号', synonyms: ['房间号', '门牌号', '室'], required: false },
  { key: 'formerNames', label: '曾用名', synonyms: [], required: false },
  { key: 'politicalStatus', label: '政治面貌', synonyms: [], required: false },
  { key: 'maritalStatus', label: '婚姻状况', synonyms: ['婚姻状态'], required: false },
  { key: 'education', label: '文化程度', synonyms: ['学历', '受教育程度'], required: false },
  { key: 'occupation', label: '职业', synonyms: [], required: false },
  { key: 'employer', label: '工作单位', synonyms: ['就业单位', '单位'], required: false },
  { key: 'health', label: '健康状况', synonyms: ['身体状况'], required: false },
  { key: 'tags', label: '标签', synonyms: ['人员标签'], required: false },
  { key: 'note', label: '备注', synonyms: ['说明'], required: false },
];

const headerKey = (header: string) => header.replace(/[\s*＊()（）:：]/g, '').toLowerCase();

export interface HeaderMatch {
  /** Column index → template key, for every recognised header. */
  mapping: Record<number, ColumnKey>;
  /** Required template columns that no header matched. */
  missing: ImportColumn[];
  /** Headers that matched nothing (ignored on import). */
  unknown: string[];
  /** Headers that matched a key already taken by an earlier column. */
  duplicate: string[];
}

/** Matches a header row to the template by name and synonyms (spaces, brackets and `*` ignored). */
export function matchImportHeaders(headers: readonly string[]): HeaderMatch {
  const lookup = new Map<string, ColumnKey>();
  for (const column of personImportColumns) {
    for (const name of [column.label, ...column.synonyms]) lookup.set(headerKey(name), column.key);
  }
  const mapping: Record<number, ColumnKey> = {};
  const taken = new Set<ColumnKey>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  headers.forEach((header, index) => {
    if (!header.trim()) return;
    const key = lookup.get(headerKey(header));
    if (!key) unknown.push(header);
    else if (taken.has(key)) duplicate.push(header);
    else {
      taken.add(key);
      mapping[index] = key;
    }
  });
  const missing = personImportColumns.filter((c) => c.required && !taken.has(c.key));
  return { mapping, missing, unknown, duplicate };
}

/** A validated row, ready for the server to encrypt and store. */
export interface PersonRecord {
  attributes: PersonAttributes;
  placement: PersonPlacement;
  flags: PersonFlag[];
  /** Non-blocking notes for the import report (e.g. a converted 15-digit number). */
  warnings: string[];
}

export type PersonRecordResult =
  { ok: true; value: PersonRecord } | { ok: false; errors: FieldError[] };

const MAX: Partial<Record<ColumnKey, number>> = {
  name: 50,
  formerNames: 100,
  idNumber: 40,
  registeredAddress: 200,
  currentAddress: 200,
  phone: 30,
  occupation: 50,
  employer: 100,
  health: 50,
  note: 500,
  householdNumber: 30,
  compound: 60,
  building: 30,
  unit: 30,
  room: 30,
};

/** A date typed as 2024-3-5, 2024/03/05, 2024年3月5日 or 20240305, as YYYY-MM-DD; undefined when impossible. */
export function normalizeDate(input: string): string | undefined {
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(input) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(input);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function resolveNamed<T extends string>(
  items: readonly { code: T; name: string }[],
  input: string,
): T | undefined {
  return items.find((i) => i.code === input || i.name === input || i.name.startsWith(input))?.code;
}

/** A mobile (1[3-9] + 9 digits) or fixed-line number (area code, number, extension). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;
const REGION = /^\d{12}(\d{3})?$/;

/**
 * Validates one person's values as typed by a person (form) or read from a file (import): trims,
 * resolves code-set names to codes, checks the ID number and derives birth date and sex when they
 * are blank. Errors name the field; a stated birth date or sex that disagrees with the ID number is
 * kept and flagged.
 */
export function parsePersonRecord(
  cells: Partial<Record<ColumnKey, string | null | undefined>>,
  today: string,
): PersonRecordResult {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const value = (key: ColumnKey): string | null => {
    const raw = cells[key];
    const trimmed = raw == null ? '' : String(raw).replace(/\s+/g, ' ').trim();
    if (!trimmed) return null;
    const max = MAX[key];
    if (max && trimmed.length > max) {
      errors.push({ path: key, message: `${personFieldLabels[key]}不得超过 ${max} 个字符` });
      return null;
    }
    return trimmed;
  };
  const coded = (key: ColumnKey, set: CodeSet): string | null => {
    const raw = value(key);
    if (raw === null) return null;
    const code = resolveCode(set, raw);
    if (code === undefined) {
      errors.push({
        path: key,
        message: `${personFieldLabels[key]}“${raw}”不在《${set.name}》代码表（${set.source}）中`,
      });
      return null;
    }
    return code;
  };

  const name = value('name');
  if (name === null && !errors.some((e) => e.path === 'name')) {
    errors.push({ path: 'name', message: '姓名不能为空' });
  } else if (name !== null && !/^[\p{Script=Han}\p{L}·•.\- ]+$/u.test(name)) {
    errors.push({ path: 'name', message: '姓名只能包含文字、间隔号“·”和空格' });
  }
  const documentType = coded('documentType', documentTypeCodes) ?? RESIDENT_ID_CARD;
  let idNumber = value('idNumber');
  let sex = coded('sex', sexCodes);
  let birthDate: string | null = null;
  const birthRaw = value('birthDate');
  if (birthRaw !== null) {
    birthDate = normalizeDate(birthRaw) ?? null;
    if (birthDate === null)
      errors.push({
        path: 'birthDate',
        message: `出生日期“${birthRaw}”不是有效日期（如 1980-05-01）`,
      });
    else if (birthDate > today) errors.push({ path: 'birthDate', message: '出生日期不能晚于今天' });
  }
  const flags: PersonFlag[] = [];
  if (idNumber === null) {
    if (!errors.some((e) => e.path === 'idNumber'))
      errors.push({ path: 'idNumber', message: '证件号码不能为空' });
  } else if (documentType === RESIDENT_ID_CARD) {
    const parsed = parseIdNumber(idNumber, today);
    if (!parsed.ok) {
      errors.push({ path: 'idNumber', message: parsed.message });
    } else {
      if (parsed.value.converted) warnings.push(`15 位身份证号码已升位为 ${parsed.value.number}`);
      idNumber = parsed.value.number;
      for (const mismatch of idNumberMismatches(parsed.value, { birthDate, sex })) {
        flags.push(mismatch.path === 'sex' ? 'sex_mismatch' : 'birth_date_mismatch');
        warnings.push(mismatch.message);
      }
      birthDate ??= parsed.value.birthDate;
      sex ??= parsed.value.sex;
    }
  } else {
    idNumber = idNumber.toUpperCase();
    if (!/^[A-Z0-9-]{5,40}$/.test(idNumber)) {
      errors.push({ path: 'idNumber', message: '证件号码只能包含字母、数字和连字符（5–40 位）' });
    }
  }

  const residenceRaw = value('residenceType');
  let residenceType: ResidenceType = documentType === RESIDENT_ID_CARD ? 'registered' : 'foreign';
  if (residenceRaw !== null) {
    const resolved = resolveNamed(residenceTypes, residenceRaw.replace(/人口$|人员$/, ''));
    if (resolved) residenceType = resolved;
    else
      errors.push({
        path: 'residenceType',
        message: `人口类型“${residenceRaw}”应为户籍、流动、境外或未落户`,
      });
  }

  const phone = value('phone');
  const phoneDigits = phone?.replace(/[\s()（）]/g, '') ?? null;
  if (phoneDigits !== null && !PHONE_PATTERN.test(phoneDigits)) {
    errors.push({ path: 'phone', message: `联系电话“${phone}”不是有效的手机或固定电话号码` });
  }

  const regionCode = value('regionCode');
  if (regionCode !== null && !REGION.test(regionCode)) {
    errors.push({
      path: 'regionCode',
      message: '所属社区应填写 12 位社区（村）代码或 15 位网格代码',
    });
  }
  const householdNumber = value('householdNumber');
  const relationToHead = coded('relationToHead', familyRelationCodes);
  if (
    householdNumber !== null &&
    relationToHead === null &&
    !errors.some((e) => e.path === 'relationToHead')
  ) {
    errors.push({ path: 'relationToHead', message: '填写了户号时必须填写与户主关系' });
  }
  const householdTypeRaw = value('householdType');
  let householdType: HouseholdType | null = null;
  if (householdTypeRaw !== null) {
    householdType = resolveNamed(householdTypes, householdTypeRaw) ?? null;
    if (!householdType) errors.push({ path: 'householdType', message: '户别应为家庭户或集体户' });
  }
  const compound = value('compound');
  const building = value('building');
  const unit = value('unit');
  const room = value('room');
  if (room !== null && (compound === null || building === null)) {
    errors.push({ path: 'room', message: '填写房号时必须同时填写小区和楼栋' });
  }

  const tagsRaw = value('tags');
  const tags = tagsRaw === null ? [] : [...new Set(tagsRaw.split(/[,，、;；\s]+/).filter(Boolean))];
  if (tags.some((t) => t.length > 20))
    errors.push({ path: 'tags', message: '每个标签不得超过 20 个字符' });

  const attributes: PersonAttributes = {
    name: name ?? '',
    formerNames: value('formerNames'),
    documentType,
    idNumber: idNumber ?? '',
    sex,
    birthDate,
    ethnicity: coded('ethnicity', ethnicityCodes),
    residenceType,
    registeredAddress: value('registeredAddress'),
    currentAddress: value('currentAddress'),
    phone: phoneDigits,
    politicalStatus: coded('politicalStatus', politicalStatusCodes),
    maritalStatus: coded('maritalStatus', maritalStatusCodes),
    education: coded('education', educationCodes),
    occupation: value('occupation'),
    employer: value('employer'),
    health: value('health'),
    tags,
    note: value('note'),
  };
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      attributes,
      placement: {
        regionCode,
        householdNumber,
        relationToHead,
        householdType,
        compound,
        building,
        unit,
        room,
      },
      flags,
      warnings,
    },
  };
}

/** Age in whole years on `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
