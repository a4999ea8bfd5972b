import { z } from 'zod';
import { roles } from '../access';
import { applicationActions, applicationChannels, applicationStatuses } from '../applications';
import { matterCategories, matterFieldTypes, matterLevels, stepKinds } from '../service-matters';
import { timeLimitStates } from '../working-days';

/** Request and response shapes of service matters and applications (issue 5). */

const effects = [
  'accepted',
  'step_passed',
  'countersigned',
  'approved',
  'rejected',
  'returned',
  'resubmitted',
  'transferred',
  'withdrawn',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'supervised',
  'submitted',
] as const;

export const MatterSummary = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  departmentType: z.string(),
  departmentName: z.string(),
  timeLimitDays: z.number().int(),
  online: z.boolean(),
  enabled: z.boolean(),
  version: z.number().int(),
});
export type MatterSummary = z.infer<typeof MatterSummary>;

export const MatterView = MatterSummary.extend({
  /** core's ServiceMatter */
  definition: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type MatterView = z.infer<typeof MatterView>;

const code = z.string().trim().min(1, '请填写编码').max(64, '编码不能超过 64 个字符');
const label = (what: string, max = 100) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
const lines = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what}不能为空行`).max(500, `${what}每条不能超过 500 个字`))
    .max(50, `${what}不能超过 50 条`);

/**
 * The shape of a matter definition as a designer submits it (core's ServiceMatter); the rules
 * between its parts (step order, levels, bindings) are `matterProblems`, checked after this.
 */
export const ServiceMatterDefinition = z.object({
  code,
  name: label('事项名称'),
  category: z.enum(matterCategories),
  departmentType: code,
  acceptLevel: z.enum(matterLevels),
  decideLevel: z.enum(matterLevels),
  conditions: lines('申请条件'),
  legalBasis: lines('设定依据'),
  materials: z
    .array(
      z.object({
        code,
        name: label('材料名称'),
        required: z.boolean(),
        form: z.string().trim().max(100).optional(),
        satisfiedBy: z
          .discriminatedUnion('kind', [
            z.object({ kind: z.literal('element'), element: code }),
            z.object({ kind: z.literal('identity') }),
            z.object({ kind: z.literal('certificate'), certificate: code }),
          ])
          .optional(),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .max(50, '申请材料不能超过 50 项'),
  form: z
    .array(
      z.object({
        key: code,
        label: label('字段名称'),
        type: z.enum(matterFieldTypes),
        required: z.boolean(),
        codeSet: code.optional(),
        element: z.string().trim().min(1).max(100).optional(),
        maxLength: z.number().int().min(1).max(10_000).optional(),
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
        help: z.string().trim().max(500).optional(),
      }),
    )
    .max(100, '申请表字段不能超过 100 个'),
  timeLimitDays: z.number().int('承诺时限应为整数'),
  steps: z
    .array(
      z.object({
        key: code,
        name: label('环节名称'),
        kind: z.enum(stepKinds),
        level: z.enum(matterLevels),
        role: z.enum(roles),
        departmentType: code.optional(),
        countersign: z.array(code).max(10).optional(),
        days: z.number().int('环节时限应为整数').min(0).max(365),
      }),
    )
    .min(1, '至少需要一个办理环节')
    .max(20, '办理环节不能超过 20 个'),
  fee: z.string().trim().max(200),
  online: z.boolean(),
  result: z.object({
    kind: z.enum(['decision', 'certificate', 'acceptance']),
    title: label('办理结果名称'),
    register: z
      .object({
        group: code,
        attributes: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      })
      .optional(),
  }),
});
/** Checked for shape only: department types and the other cross-references are matterProblems'. */
export type ServiceMatterDefinition = z.infer<typeof ServiceMatterDefinition>;

/** One version of a matter in its history: who saved it, why, and what it changed. */
export const MatterVersion = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  /** This version enabled (true) or disabled (false) the matter; null when it did neither. */
  enabled: z.boolean().nullable(),
  /** What changed from the version before (none for the first). */
  changes: z.array(z.string()),
});
export type MatterVersion = z.infer<typeof MatterVersion>;

export const MatterCreateInput = z.object({
  definition: ServiceMatterDefinition,
  enabled: z.boolean(),
  reason: z.string().trim().min(1, '请填写新建原因').max(500),
});
export type MatterCreateInput = z.infer<typeof MatterCreateInput>;

export const MatterUpdateInput = z.object({
  definition: ServiceMatterDefinition,
  enabled: z.boolean(),
  version: z.number().int().positive(),
  reason: z.string().trim().min(1, '请填写修改原因').max(500),
});
export type MatterUpdateInput = z.infer<typeof MatterUpdateInput>;

const FormValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Where a prefilled value comes from, said beside the field. */
export const PrefillSource = z.object({
  kind: z.enum(['verified', 'recorded']),
  /** “民政局核验 2026-03-02” or “社区登记（未核验）”. */
  label: z.string(),
  departmentName: z.string().nullable(),
  at: z.string().nullable(),
});
export type PrefillSource = z.infer<typeof PrefillSource>;

export const PrefillField = z.object({
  key: z.string(),
  value: FormValue,
  /** The value as people read it (a code's name). */
  display: z.string().nullable(),
  source: PrefillSource.nullable(),
});
export type PrefillField = z.infer<typeof PrefillField>;

export const PrefillMaterial = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  form: z.string().nullable(),
  /** Satisfied by data the platform holds: 免提交, with the reason. */
  exempt: z.boolean(),
  reason: z.string().nullable(),
});
export type PrefillMaterial = z.infer<typeof PrefillMaterial>;

export const OpenApplicationRef = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(applicationStatuses),
  submittedAt: z.string(),
});
export type OpenApplicationRef = z.infer<typeof OpenApplicationRef>;

export const PrefillView = z.object({
  matter: MatterView,
  person: z.object({
    id: z.string(),
    name: z.string(),
    maskedIdNumber: z.string(),
    maskedPhone: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
  }),
  fields: z.array(PrefillField),
  materials: z.array(PrefillMaterial),
  /** Open applications of this person for this matter (the duplicate guard). */
  openApplications: z.array(OpenApplicationRef),
});
export type PrefillView = z.infer<typeof PrefillView>;

export const WindowApplicationInput = z.object({
  matterCode: z.string().min(1),
  personId: z.uuid('请选择申请人'),
  channel: z.enum(['window', 'visit']).default('window'),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码'),
  form: z.record(z.string(), z.unknown()),
  /** Material codes handed in (scans attached separately). */
  providedMaterials: z.array(z.string()).default([]),
  /** The worker has seen the open application of the same matter and submits anyway. */
  confirmDuplicate: z.boolean().default(false),
  /** A key the client generates once per form: a second submit with it changes nothing. */
  submissionKey: z.string().trim().min(8).max(64),
});
export type WindowApplicationInput = z.infer<typeof WindowApplicationInput>;

/** An online application by the resident (no account: the phone is proved by a texted code). */
export const OnlineApplicationInput = z.object({
  matterCode: z.string().min(1, '请选择事项'),
  regionCode: z.string().regex(/^\d{12}$/, '请选择所在社区（村）'),
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过 50 个字'),
  idNumber: z.string().trim().min(15, '请填写身份证号码').max(18, '身份证号码应为 18 位'),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码'),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请填写 6 位短信验证码'),
  form: z.record(z.string(), z.unknown()),
  submissionKey: z.string().trim().min(8).max(64),
});
export type OnlineApplicationInput = z.infer<typeof OnlineApplicationInput>;

export const CodeRequest = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码'),
});

export const ApplicationActionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.enum(['accept', 'approve', 'reject', 'return', 'resubmit', 'withdraw', 'supervise']),
    opinion: z.string().default(''),
    version: z.number().int().positive(),
  }),
  z.object({
    action: z.literal('transfer'),
    opinion: z.string().default(''),
    regionCode: z.string().regex(/^\d{12}$/, '请选择转办的社区'),
    version: z.number().int().positive(),
  }),
  z.object({
    action: z.literal('request_extension'),
    opinion: z.string().default(''),
    days: z.number(),
    version: z.number().int().positive(),
  }),
  z.object({
    action: z.literal('decide_extension'),
    opinion: z.string().default(''),
    approve: z.boolean(),
    version: z.number().int().positive(),
  }),
]);
export type ApplicationActionBody = z.infer<typeof ApplicationActionBody>;

export const TimelineEntry = z.object({
  id: z.string(),
  action: z.enum(applicationActions),
  effect: z.enum(effects),
  stepName: z.string(),
  actorName: z.string(),
  actorUnit: z.string().nullable(),
  opinion: z.string().nullable(),
  at: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ApplicationSummary = z.object({
  id: z.string(),
  number: z.string(),
  matterCode: z.string(),
  matterName: z.string(),
  applicantName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  channel: z.enum(applicationChannels),
  status: z.enum(applicationStatuses),
  stepName: z.string(),
  stepKind: z.enum(stepKinds),
  submittedAt: z.string(),
  deadline: z.string().nullable(),
  timeLimitState: z.enum(timeLimitStates).nullable(),
  paused: z.boolean(),
  duplicate: z.boolean(),
  pendingExtension: z.object({ days: z.number(), reason: z.string() }).nullable(),
  version: z.number().int(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ResultDocumentView = z.object({
  kind: z.enum(['decision', 'certificate', 'acceptance']),
  title: z.string(),
  documentNumber: z.string(),
  issuerName: z.string(),
  issuedOn: z.string(),
  decision: z.enum(['approved', 'rejected']),
  body: z.array(z.string()),
  verificationCode: z.string(),
});
export type ResultDocumentView = z.infer<typeof ResultDocumentView>;

/** A scan of a material attached to an application (its bytes at …/files/:fileId). */
export const ApplicationFileView = z.object({
  id: z.string(),
  materialCode: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ApplicationFileView = z.infer<typeof ApplicationFileView>;

export const ApplicationDetail = ApplicationSummary.extend({
  maskedIdNumber: z.string(),
  maskedPhone: z.string(),
  personId: z.string().nullable(),
  form: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      value: FormValue,
      display: z.string().nullable(),
    }),
  ),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      state: z.enum(['provided', 'exempt', 'missing']),
      reason: z.string().nullable(),
    }),
  ),
  timeline: z.array(TimelineEntry),
  acceptedOn: z.string().nullable(),
  limitDays: z.number().int(),
  /** Open with a running clock: working days left to the deadline, negative once overdue. */
  workingDaysLeft: z.number().int().nullable(),
  /** What the caller may do now. */
  allowedActions: z.array(z.enum(applicationActions)),
  document: ResultDocumentView.nullable(),
  files: z.array(ApplicationFileView),
  /** Whether the caller may attach scans of materials now. */
  mayAttach: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const QueueQuery = z.object({
  status: z.enum(['open', 'submitted', 'processing', 'supplement']).default('open'),
  matterCode: z.string().optional(),
  timeLimit: z.enum(['warning', 'overdue']).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const TrackQuery = z.object({
  number: z
    .string()
    .trim()
    .regex(/^SQ\d{14}$/, '申请编号格式应为 SQ 加 14 位数字'),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写申请时登记的 11 位手机号码'),
});

/** What a resident sees when tracking: no staff names, no other applicant's data. */
export const TrackingView = z.object({
  number: z.string(),
  matterName: z.string(),
  status: z.enum(applicationStatuses),
  stepName: z.string(),
  submittedAt: z.string(),
  deadline: z.string().nullable(),
  timeline: z.array(
    z.object({
      stepName: z.string(),
      action: z.enum(applicationActions),
      unit: z.string().nullable(),
      at: z.string(),
      opinion: z.string().nullable(),
    }),
  ),
  document: ResultDocumentView.nullable(),
});
export type TrackingView = z.infer<typeof TrackingView>;

/** A result document checked by its verification code (public). */
export const DocumentCheckView = z.object({
  valid: z.boolean(),
  title: z.string(),
  documentNumber: z.string(),
  issuerName: z.string(),
  issuedOn: z.string(),
  decision: z.enum(['approved', 'rejected']),
  applicantName: z.string(),
  matterName: z.string(),
});
export type DocumentCheckView = z.infer<typeof DocumentCheckView>;

/** The supervision board (督办): open applications by sub-region, yellow and red. */
export const ApplicationBoard = z.object({
  regionCode: z.string(),
  today: z.string(),
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      open: z.number().int(),
      warning: z.number().int(),
      overdue: z.number().int(),
      supplement: z.number().int(),
      extensionRequests: z.number().int(),
    }),
  ),
});
export type ApplicationBoard = z.infer<typeof ApplicationBoard>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const StatisticsQuery = z.object({
  groupBy: z.enum(['matter', 'region', 'department']).default('matter'),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码格式不正确')
    .optional(),
  matterCode: z.string().optional(),
  from: Day,
  to: Day,
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

/** Per matter, sub-region or department: how applications went in a period (by submission date). */
export const ApplicationStatistics = z.object({
  regionCode: z.string(),
  groupBy: z.enum(['matter', 'region', 'department']),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      received: z.number().int(),
      decided: z.number().int(),
      onTime: z.number().int(),
      onTimeRate: z.number().nullable(),
      averageHours: z.number().nullable(),
      returned: z.number().int(),
      rejected: z.number().int(),
    }),
  ),
});
export type ApplicationStatistics = z.infer<typeof ApplicationStatistics>;
