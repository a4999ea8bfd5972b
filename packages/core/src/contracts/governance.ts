import { z } from 'zod';
import { sensitivityLevels, updateCycles, valueStatuses } from '../data-elements';
import { departmentTypes } from '../department';
import { PageQuery, text } from './common';

/**
 * Collect once, verify by one, compare by many: the catalog as a city has configured it, the
 * status and provenance of governed values, the verification queue, discrepancies and rulings,
 * and comparisons submitted by departments.
 */

const DepartmentTypeCode = z.enum(
  departmentTypes.map((t) => t.code) as [string, ...string[]],
  '部门类型不存在',
);

export const DataElementView = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  codeSet: z.string().nullable(),
  codeSetName: z.string().nullable(),
  unit: z.string().nullable(),
  sensitivity: z.enum(sensitivityLevels),
  verifier: z.string().nullable(),
  verifierName: z.string().nullable(),
  comparers: z.array(z.string()),
  comparerNames: z.array(z.string()),
  collector: z.enum(['community', 'department']),
  cycle: z.enum(updateCycles),
  timeLimitDays: z.number().int(),
  /** Whether the city changed this element from the default catalog. */
  configured: z.boolean(),
  settingVersion: z.number().int().nullable(),
});
export type DataElementView = z.infer<typeof DataElementView>;

export const CatalogView = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  elements: z.array(DataElementView),
});
export type CatalogView = z.infer<typeof CatalogView>;

export const CatalogSettingInput = z.object({
  verifier: DepartmentTypeCode.nullable(),
  comparers: z.array(DepartmentTypeCode).max(20),
  cycle: z.enum(updateCycles, '更新周期不正确'),
  timeLimitDays: z.number().int('办理时限应为整数天').min(1, '办理时限至少 1 天').max(90),
  sensitivity: z.enum(sensitivityLevels, '敏感级别不正确'),
  /** The setting's version when read (null when the element was still at its default). */
  version: z.number().int().nullable(),
  reason: text('变更原因', 200),
});
export type CatalogSettingInput = z.infer<typeof CatalogSettingInput>;

/** The status and provenance of one governed value (the badge on every value in the person view). */
export const ElementValueView = z.object({
  id: z.string(),
  personId: z.string(),
  elementCode: z.string(),
  elementName: z.string(),
  value: z.string().nullable(),
  /** The code's name for code values (二级 for `2`), else the value. */
  valueLabel: z.string().nullable(),
  status: z.enum(valueStatuses),
  verifier: z.string(),
  verifierName: z.string(),
  source: z.string(),
  collectedByName: z.string(),
  collectedAt: z.string(),
  evidence: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  verifiedValue: z.string().nullable(),
  verifiedValueLabel: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifyingDepartmentName: z.string().nullable(),
  reason: z.string().nullable(),
  corroborations: z.number().int(),
  lastCorroboratedAt: z.string().nullable(),
  /** The department whose records last agreed. */
  lastCorroboratedByName: z.string().nullable(),
  version: z.number().int(),
});
export type ElementValueView = z.infer<typeof ElementValueView>;

/** The person an item of a queue is about, masked as everywhere. */
export const SubjectView = z.object({
  id: z.string(),
  name: z.string(),
  idMasked: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});
export type SubjectView = z.infer<typeof SubjectView>;

export const VerificationItem = ElementValueView.extend({ person: SubjectView });
export type VerificationItem = z.infer<typeof VerificationItem>;

export const VerificationQuery = PageQuery.extend({
  elementCode: z.string().trim().max(80).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码格式不正确')
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type VerificationQuery = z.infer<typeof VerificationQuery>;

/** The verifier's decision on one collected value. */
export const VerificationDecision = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('confirm'), version: z.number().int() }),
    z.object({
      action: z.literal('reject'),
      version: z.number().int(),
      reason: text('退回原因', 200),
    }),
    z.object({
      action: z.literal('correct'),
      version: z.number().int(),
      value: z.string().trim().max(200, '更正值不得超过 200 个字符'),
      reason: text('更正说明', 200),
    }),
  ],
  { error: '请选择确认、退回或更正' },
);
export type VerificationDecision = z.infer<typeof VerificationDecision>;

export const BulkConfirm = z.object({
  items: z
    .array(z.object({ id: z.uuid('条目编号格式不正确'), version: z.number().int() }))
    .min(1, '请至少选择一条')
    .max(500, '一次最多确认 500 条'),
});
export type BulkConfirm = z.infer<typeof BulkConfirm>;

export const BulkConfirmResult = z.object({
  confirmed: z.number().int(),
  /** Items changed by someone else since they were listed, or no longer awaiting verification. */
  skipped: z.array(z.object({ id: z.string(), message: z.string() })),
});
export type BulkConfirmResult = z.infer<typeof BulkConfirmResult>;

export const DiscrepancyView = z.object({
  id: z.string(),
  person: SubjectView,
  elementCode: z.string(),
  elementName: z.string(),
  ourValue: z.string().nullable(),
  ourValueLabel: z.string().nullable(),
  theirValue: z.string().nullable(),
  theirValueLabel: z.string().nullable(),
  theirDepartmentName: z.string(),
  theirSource: z.string(),
  comparisonJobId: z.string().nullable(),
  status: z.enum(['open', 'ruled']),
  dueAt: z.string(),
  overdue: z.boolean(),
  rulingValue: z.string().nullable(),
  rulingValueLabel: z.string().nullable(),
  rulingReason: z.string().nullable(),
  ruledByName: z.string().nullable(),
  ruledAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** The value's status and provenance now. */
  current: ElementValueView.nullable(),
  /** Whether the caller verifies this element in this region and the case is open. */
  canRule: z.boolean(),
});
export type DiscrepancyView = z.infer<typeof DiscrepancyView>;

export const DiscrepancyQuery = VerificationQuery.extend({
  status: z.enum(['open', 'ruled']).default('open'),
  /** Only the cases a bulk comparison opened or last updated. */
  comparisonJobId: z.uuid('比对任务编号格式不正确').optional(),
});
export type DiscrepancyQuery = z.infer<typeof DiscrepancyQuery>;

/** The verifier's ruling (核准): the authoritative value (empty: the element has no value). */
export const DiscrepancyRuling = z.object({
  value: z.string().trim().max(200, '核准值不得超过 200 个字符').nullable(),
  reason: text('核准说明', 200),
  version: z.number().int(),
});
export type DiscrepancyRuling = z.infer<typeof DiscrepancyRuling>;

/** One value a comparing department holds, keyed by ID number. */
export const ComparisonRecord = z.object({
  idNumber: text('证件号码', 40),
  elementCode: text('数据元', 80),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
export type ComparisonRecord = z.infer<typeof ComparisonRecord>;

export const ComparisonOutcome = z.enum(['match', 'mismatch', 'unknown_subject', 'invalid']);
export type ComparisonOutcome = z.infer<typeof ComparisonOutcome>;

export const ComparisonResult = z.object({
  outcome: ComparisonOutcome,
  message: z.string().nullable(),
  discrepancyId: z.string().nullable(),
});
export type ComparisonResult = z.infer<typeof ComparisonResult>;

export const ComparisonJobView = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string(),
  departmentName: z.string(),
  submittedByName: z.string(),
  total: z.number().int(),
  matched: z.number().int(),
  mismatched: z.number().int(),
  unknownSubject: z.number().int(),
  invalid: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ComparisonJobView = z.infer<typeof ComparisonJobView>;
