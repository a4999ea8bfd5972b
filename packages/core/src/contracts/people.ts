import { z } from 'zod';
import { CalendarDate, PageQuery, text } from './common';

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文本` })
    .trim()
    .max(max, `${label}不得超过 ${max} 个字符`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const ResidenceTypeCode = z.enum(['registered', 'migrant', 'foreign', 'unregistered'], {
  error: '人口类型应为 registered、migrant、foreign 或 unregistered',
});
export const LifeStatusCode = z.enum(['active', 'moved_out', 'deceased_reported', 'deceased']);

/**
 * The body of creating or editing a person through a form or the API. Values are checked again by
 * the domain (`parsePersonRecord`) which resolves code-set names and checks the ID number.
 */
export const PersonInput = z
  .object({
    name: text('姓名', 50),
    formerNames: optionalText('曾用名', 100),
    documentType: z.string().trim().max(10).optional(),
    idNumber: text('证件号码', 40),
    sex: optionalText('性别', 10),
    birthDate: optionalText('出生日期', 10),
    ethnicity: optionalText('民族', 20),
    residenceType: ResidenceTypeCode.optional(),
    registeredAddress: optionalText('户籍地址', 200),
    currentAddress: optionalText('现住址', 200),
    phone: optionalText('联系电话', 30),
    politicalStatus: optionalText('政治面貌', 20),
    maritalStatus: optionalText('婚姻状况', 20),
    education: optionalText('文化程度', 20),
    occupation: optionalText('职业', 50),
    employer: optionalText('工作单位', 100),
    health: optionalText('健康状况', 50),
    tags: z
      .array(z.string().trim().min(1).max(20, '每个标签不得超过 20 个字符'))
      .max(20)
      .optional(),
    note: optionalText('备注', 500),
    regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '所属社区应为 12 位社区代码或 15 位网格代码'),
  })
  .strict();
export type PersonInput = z.infer<typeof PersonInput>;

/** An edit: any subset of the fields, the version read (optimistic locking) and why. */
export const PersonPatch = PersonInput.partial()
  .extend({
    version: z.number().int().min(1),
    reason: optionalText('修改原因', 200),
  })
  .strict();
export type PersonPatch = z.infer<typeof PersonPatch>;

export const PersonSort = z.enum(['name', 'birthDate', 'updatedAt', 'regionCode']);

export const PersonSearchQuery = PageQuery.extend({
  /** Name (prefix), or an ID number / phone number typed into the one search box. */
  q: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  householdNumber: z.string().trim().max(30).optional(),
  /** Compound, building or room name (the structured address). */
  address: z.string().trim().max(60).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码格式不正确')
    .optional(),
  group: z.string().trim().max(40).optional(),
  tag: z.string().trim().max(20).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  residenceType: ResidenceTypeCode.optional(),
  lifeStatus: LifeStatusCode.optional(),
  houseId: z.uuid().optional(),
  sort: PersonSort.default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PersonSearchQuery = z.infer<typeof PersonSearchQuery>;

export const PersonSummary = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  residenceType: ResidenceTypeCode,
  lifeStatus: LifeStatusCode,
  regionCode: z.string(),
  regionName: z.string(),
  tags: z.array(z.string()),
  derivedTags: z.array(z.string()),
  flags: z.array(z.string()),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const HouseholdMemberView = z.object({
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  relation: z.string(),
  relationName: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  joinedOn: z.string(),
});

export const HouseholdView = z.object({
  id: z.string(),
  number: z.string(),
  householdType: z.enum(['family', 'collective']),
  regionCode: z.string(),
  regionName: z.string(),
  members: z.array(HouseholdMemberView),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const PersonHouseView = z.object({
  id: z.string(),
  houseId: z.string(),
  address: z.string(),
  relation: z.enum(['registered', 'lives', 'owns', 'rents']),
  isPrimary: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});

export const MembershipView = z.object({
  id: z.string(),
  groupCode: z.string(),
  groupName: z.string(),
  status: z.enum(['active', 'ended']),
  endReason: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  attentionLevel: z.string().nullable(),
  verifyingDepartmentType: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});
export type MembershipView = z.infer<typeof MembershipView>;

export const PersonDetail = PersonSummary.extend({
  formerNames: z.string().nullable(),
  documentType: z.string(),
  ethnicity: z.string().nullable(),
  registeredAddressMasked: z.string().nullable(),
  currentAddressMasked: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  employer: z.string().nullable(),
  health: z.string().nullable(),
  note: z.string().nullable(),
  lifeStatusDate: z.string().nullable(),
  mergedInto: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  household: HouseholdView.nullable(),
  houses: z.array(PersonHouseView),
  groups: z.array(MembershipView),
  /** Whether the caller may ask for the unmasked values. */
  canUnmask: z.boolean(),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const UnmaskBody = z
  .object({
    purpose: text('查看目的', 200).pipe(z.string().min(2, '请说明查看目的')),
    fields: z
      .array(z.enum(['idNumber', 'phone', 'registeredAddress', 'currentAddress']))
      .min(1, '请选择要查看的字段'),
  })
  .strict();
export const UnmaskedValues = z.object({
  idNumber: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  registeredAddress: z.string().nullable().optional(),
  currentAddress: z.string().nullable().optional(),
});

export const HistoryChange = z.object({
  field: z.string(),
  label: z.string(),
  old: z.unknown(),
  new: z.unknown(),
});
export const HistoryEntry = z.object({
  seq: z.number().int(),
  entity: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  changedAt: z.string(),
  actorName: z.string(),
  source: z.string(),
  reason: z.string().nullable(),
  changes: z.array(HistoryChange),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const AsOfQuery = z.object({ date: CalendarDate });

/** A person as they stood at the end of a past day, replayed from the history. */
export const PersonAsOf = z.object({
  date: z.string(),
  existed: z.boolean(),
  attributes: z.array(z.object({ field: z.string(), label: z.string(), value: z.unknown() })),
  groups: z.array(
    z.object({ groupCode: z.string(), groupName: z.string(), startDate: z.string() }),
  ),
});
export type PersonAsOf = z.infer<typeof PersonAsOf>;

export const LifeStatusBody = z
  .object({
    status: z.enum(['active', 'moved_out', 'deceased_reported']),
    date: CalendarDate,
    reason: optionalText('原因', 200),
    version: z.number().int().min(1),
  })
  .strict();

export const MembershipInput = z
  .object({
    groupCode: text('人群类别', 40),
    startDate: CalendarDate,
    attentionLevel: z.enum(['general', 'medium', 'serious']).nullable().optional(),
    attributes: z.record(z.string(), z.string().max(200)).default({}),
  })
  .strict();
export const EndMembershipBody = z
  .object({ endDate: CalendarDate, endReason: text('结束原因', 200) })
  .strict();

export const DuplicateGroup = z.object({
  reason: z.enum(['same_id_number', 'same_name_birth_date']),
  people: z.array(PersonSummary),
});
export const MergeBody = z
  .object({
    keepId: z.uuid(),
    mergeId: z.uuid(),
    reason: text('合并原因', 200),
  })
  .strict();

export const ImportJobView = z.object({
  id: z.string(),
  status: z.enum(['staging', 'staged', 'merging', 'done', 'failed', 'cancelled']),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  regionCode: z.string(),
  headers: z.array(z.string()),
  /** Header → template field label, as matched. */
  mapping: z.record(z.string(), z.string()),
  createdByName: z.string(),
  createdAt: z.string(),
  stagedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  totalRows: z.number().int(),
  rejectedRows: z.number().int(),
  createRows: z.number().int(),
  updateRows: z.number().int(),
  unchangedRows: z.number().int(),
  /** Rows per second of the running phase, when known. */
  rate: z.number().nullable(),
  error: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

export const ImportRowView = z.object({
  rowNo: z.number().int(),
  outcome: z.enum(['create', 'update', 'unchanged', 'reject']),
  name: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
});
export const ImportRowQuery = PageQuery.extend({
  outcome: z.enum(['create', 'update', 'unchanged', 'reject']).optional(),
});

export const PlaceView = z.object({
  id: z.string(),
  kind: z.enum(['compound', 'building', 'unit', 'house']),
  name: z.string(),
  parentId: z.string().nullable(),
  regionCode: z.string(),
  childCount: z.number().int(),
  residentCount: z.number().int(),
  houseUse: z.string().nullable(),
  area: z.number().nullable(),
  ownership: z.string().nullable(),
  rented: z.boolean().nullable(),
});
export type PlaceView = z.infer<typeof PlaceView>;

export const PlaceInput = z
  .object({
    kind: z.enum(['compound', 'building', 'unit', 'house']),
    name: text('名称', 60),
    parentId: z.uuid().nullable().optional(),
    regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '应为 12 位社区代码或 15 位网格代码'),
    houseUse: z.enum(['residential', 'commercial', 'mixed', 'other']).nullable().optional(),
    area: z.number().positive('面积必须大于 0').max(100000).nullable().optional(),
    ownership: z.enum(['private', 'public_rental', 'unit', 'other']).nullable().optional(),
    rented: z.boolean().nullable().optional(),
  })
  .strict();

export const PersonHouseInput = z
  .object({
    houseId: z.uuid('房屋编号格式不正确'),
    relation: z.enum(['registered', 'lives', 'owns', 'rents']),
    isPrimary: z.boolean().default(false),
    startDate: CalendarDate,
  })
  .strict();

export const OrgUnitInput = z
  .object({
    name: text('单位名称', 100),
    creditCode: optionalText('统一社会信用代码', 18),
    kind: z.enum([
      'enterprise',
      'public_institution',
      'government',
      'social_organization',
      'individual_business',
      'other',
    ]),
    regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '应为 12 位社区代码或 15 位网格代码'),
    address: optionalText('地址', 200),
    contactName: optionalText('联系人', 50),
    contactPhone: optionalText('联系电话', 30),
    headcount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  })
  .strict();
export const OrgUnitView = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  headcount: z.number().int().nullable(),
  version: z.number().int(),
});
export const OrgUnitQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.string().max(30).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
});

export const GroupRegisterQuery = PageQuery.extend({
  status: z.enum(['active', 'ended']).default('active'),
  regionCode: z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
});
export const GroupRegisterRow = z.object({
  membershipId: z.string(),
  person: PersonSummary,
  status: z.enum(['active', 'ended']),
  startDate: z.string(),
  endDate: z.string().nullable(),
  attentionLevel: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});
