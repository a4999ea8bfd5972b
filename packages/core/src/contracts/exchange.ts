import { z } from 'zod';
import { valueStatuses } from '../data-elements';
import { exchangeOutcomes } from '../exchange';
import { CalendarDate, PageQuery, text } from './common';

/**
 * The exchange interface: client, agreement and subscription administration for the
 * informatization administrator (/api/exchange-admin), and the machine API for department
 * systems (/api/exchange/v1).
 */

const Uuid = (label: string) => z.uuid(`${label}格式不正确`);
const RegionCodeField = z.string().regex(/^\d{2,15}$/, '区划代码格式不正确');

// --- administration ---

export const ExchangeClientView = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  regionCode: z.string(),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ExchangeClientView = z.infer<typeof ExchangeClientView>;

export const CreateExchangeClientBody = z
  .object({
    name: text('客户端名称', 100),
    departmentId: Uuid('所属部门'),
  })
  .strict();
export type CreateExchangeClientBody = z.infer<typeof CreateExchangeClientBody>;

/** The client with its secret, which is shown this once and never stored in clear. */
export const ExchangeClientCredentials = z.object({
  client: ExchangeClientView,
  clientSecret: z.string(),
});
export type ExchangeClientCredentials = z.infer<typeof ExchangeClientCredentials>;

export const ReasonBody = z.object({ reason: text('原因', 200) }).strict();
export type ReasonBody = z.infer<typeof ReasonBody>;

export const ClientListQuery = PageQuery.extend({
  status: z.enum(['active', 'disabled']).optional(),
});

export const SharingAgreementView = z.object({
  id: z.string(),
  clientRef: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  purposeCode: z.string(),
  purpose: z.string(),
  elementCodes: z.array(z.string()),
  elementNames: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  rateLimitPerMinute: z.number().int(),
  status: z.enum(['active', 'ended']),
  /** Whether requests may use it today. */
  validNow: z.boolean(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type SharingAgreementView = z.infer<typeof SharingAgreementView>;

export const CreateAgreementBody = z
  .object({
    clientRef: Uuid('客户端编号'),
    purposeCode: z
      .string({ error: '用途代码必须是文本' })
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,39}$/, '用途代码为 2–40 位小写字母、数字、点、下划线或连字符'),
    purpose: text('用途说明', 500).refine((v) => v.length >= 2, '用途说明至少 2 个字符'),
    elementCodes: z
      .array(z.string().trim().min(1).max(80), { error: '请选择数据元' })
      .min(1, '请至少选择一个数据元')
      .max(300, '一个协议最多 300 个数据元'),
    regionCode: RegionCodeField,
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable().default(null),
    rateLimitPerMinute: z
      .number({ error: '每分钟请求上限必须是数字' })
      .int('每分钟请求上限应为整数')
      .min(1, '每分钟请求上限至少为 1')
      .max(100000, '每分钟请求上限不得超过 100000'),
  })
  .strict();
export type CreateAgreementBody = z.infer<typeof CreateAgreementBody>;

export const AgreementListQuery = PageQuery.extend({
  clientRef: Uuid('客户端编号').optional(),
  status: z.enum(['active', 'ended']).optional(),
});

export const WebhookSubscriptionView = z.object({
  id: z.string(),
  agreementId: z.string(),
  clientName: z.string(),
  purposeCode: z.string(),
  url: z.string(),
  status: z.enum(['active', 'disabled']),
  pending: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type WebhookSubscriptionView = z.infer<typeof WebhookSubscriptionView>;

export const CreateSubscriptionBody = z
  .object({
    agreementId: Uuid('共享协议编号'),
    url: z
      .string({ error: '回调地址必须是文本' })
      .trim()
      .max(500, '回调地址不得超过 500 个字符')
      .regex(/^https?:\/\/[^\s]+$/, '回调地址应以 http:// 或 https:// 开头'),
  })
  .strict();
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

/** The subscription with its signing secret, shown this once. */
export const SubscriptionCredentials = z.object({
  subscription: WebhookSubscriptionView,
  secret: z.string(),
});
export type SubscriptionCredentials = z.infer<typeof SubscriptionCredentials>;

export const SubscriptionListQuery = PageQuery.extend({
  agreementId: Uuid('共享协议编号').optional(),
});

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed', 'cancelled'] as const;

export const WebhookAttemptView = z.object({
  attempt: z.number().int(),
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const WebhookDeliveryView = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  position: z.number().int(),
  eventType: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  attemptLog: z.array(WebhookAttemptView),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const DeliveryListQuery = PageQuery.extend({
  status: z.enum(webhookDeliveryStatuses).optional(),
});

export const ReplayBody = z
  .object({
    fromPosition: z
      .number({ error: '起始位置必须是数字' })
      .int('起始位置应为整数')
      .min(0, '起始位置不得为负'),
  })
  .strict();
export type ReplayBody = z.infer<typeof ReplayBody>;

export const ReplayResult = z.object({ scheduled: z.number().int() });

export const ExchangeLogEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  requestId: z.string(),
  clientRef: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  agreementId: z.string().nullable(),
  regionCode: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  purpose: z.string().nullable(),
  caseRef: z.string().nullable(),
  endUser: z.string().nullable(),
  requestHash: z.string(),
  responseHash: z.string(),
  statusCode: z.number().int(),
  outcome: z.enum(exchangeOutcomes),
  reason: z.string().nullable(),
  detail: z.unknown(),
});
export type ExchangeLogEntryView = z.infer<typeof ExchangeLogEntryView>;

export const ExchangeLogQuery = PageQuery.extend({
  clientRef: Uuid('客户端编号').optional(),
  outcome: z.enum(exchangeOutcomes, '结果取值不正确').optional(),
  from: z.iso.datetime({ offset: true, error: '起始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '截止时间格式不正确' }).optional(),
});
export type ExchangeLogQuery = z.infer<typeof ExchangeLogQuery>;

export const ExchangeLogVerdict = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenSeq: z.number().int().optional(),
  reason: z.enum(['hash', 'link']).optional(),
});

// --- the machine API ---

/** OAuth2 token request (RFC 6749 §4.4), as a form or JSON; credentials may also come as Basic. */
export const TokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
});

export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});

/** RFC 6749 §5.2 error body. */
export const OAuthError = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ]),
  error_description: z.string(),
});

export const ExchangeProvenance = z.object({
  /** How the value entered: form, import, verification, comparison, ruling … */
  source: z.string().nullable(),
  collectedBy: z.string().nullable(),
  collectedAt: z.string().nullable(),
  importJobId: z.string().nullable(),
  /** The department type that verifies the element (null: not governed). */
  verifier: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  corroborations: z.number().int(),
});

export const ExchangeElementValue = z.object({
  value: z.string().nullable(),
  /** The code's name for code values, 是/否 for booleans. */
  label: z.string().nullable(),
  status: z.enum(valueStatuses),
  /** The last value its verifier confirmed, when it differs from a later collected one. */
  verifiedValue: z.string().nullable(),
  provenance: ExchangeProvenance,
});
export type ExchangeElementValue = z.infer<typeof ExchangeElementValue>;

export const ExchangePerson = z.object({
  id: z.string(),
  regionCode: z.string(),
  asOf: z.string(),
  elements: z.record(z.string(), ExchangeElementValue),
});
export type ExchangePerson = z.infer<typeof ExchangePerson>;

export const ExchangeReadQuery = z.object({
  /** Comma-separated element codes to narrow the answer to; default: every agreed element. */
  elements: z.string().max(5000).optional(),
});

export const LookupBody = z
  .object({
    idNumber: text('证件号码', 40),
  })
  .strict();

export const LookupResult = z.object({ items: z.array(ExchangePerson) });

/**
 * A household as a machine client reads it: the household itself and its current members inside
 * the agreed region, each member's person with the agreed elements exactly as a person read gives
 * them. Households add no elements of their own to an agreement.
 */
export const ExchangeHouseholdMember = z.object({
  /** GB/T 4761-2008 家庭关系代码 (02 户主). */
  relation: z.string(),
  relationName: z.string(),
  joinedOn: z.string(),
  person: ExchangePerson,
});
export type ExchangeHouseholdMember = z.infer<typeof ExchangeHouseholdMember>;

export const ExchangeHousehold = z.object({
  id: z.string(),
  number: z.string(),
  householdType: z.enum(['family', 'collective']),
  regionCode: z.string(),
  asOf: z.string(),
  members: z.array(ExchangeHouseholdMember),
});
export type ExchangeHousehold = z.infer<typeof ExchangeHousehold>;

/** Exactly one key: the household number, or the ID number of any current member. */
export const HouseholdLookupBody = z
  .object({
    householdNumber: text('户号', 30).optional(),
    idNumber: text('证件号码', 40).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.householdNumber === undefined && body.idNumber === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: '请提供户号（householdNumber）或成员的证件号码（idNumber）',
      });
    } else if (body.householdNumber !== undefined && body.idNumber !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: '户号和证件号码只能提供一个',
      });
    }
  });
export type HouseholdLookupBody = z.infer<typeof HouseholdLookupBody>;

export const HouseholdLookupResult = z.object({ items: z.array(ExchangeHousehold) });

export const ChangesQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, '游标应为非负整数')
    .default('0'),
  limit: z.coerce
    .number()
    .int('每次条数应为整数')
    .min(1, '每次至少 1 条')
    .max(1000, '每次最多 1000 条')
    .default(100),
});

export const ChangeEventView = z.object({
  eventId: z.string(),
  position: z.number().int(),
  type: z.string(),
  occurredAt: z.string(),
  personId: z.string().nullable(),
  regionCode: z.string(),
  elementCodes: z.array(z.string()),
  elements: z.record(z.string(), z.unknown()),
});
export type ChangeEventView = z.infer<typeof ChangeEventView>;

export const ChangesPage = z.object({
  events: z.array(ChangeEventView),
  /** Pass it as `cursor` next time; it moves past events the agreement does not cover too. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});

export const CreateExportBody = z
  .object({
    regionCode: RegionCodeField,
    elementCodes: z
      .array(z.string().trim().min(1).max(80))
      .min(1, '请至少选择一个数据元')
      .max(300, '最多 300 个数据元'),
    /** The day the values are taken as of (end of day, China time); default today. */
    asOf: CalendarDate.optional(),
  })
  .strict();
export type CreateExportBody = z.infer<typeof CreateExportBody>;

export const ExportJobView = z.object({
  id: z.string(),
  /** `expired`: done, and its file deleted after the retention period (the hash stays). */
  status: z.enum(['queued', 'running', 'done', 'failed', 'expired']),
  regionCode: z.string(),
  elementCodes: z.array(z.string()),
  asOf: z.string(),
  rowCount: z.number().int().nullable(),
  fileSize: z.number().int().nullable(),
  /** SHA-256 of the NDJSON file. */
  fileHash: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJobView = z.infer<typeof ExportJobView>;

/** The chained log entry of one request: what the platform recorded it answered. */
export const ExchangeReceipt = z.object({
  seq: z.number().int(),
  at: z.string(),
  requestId: z.string(),
  exchangeClientId: z.string().nullable(),
  clientId: z.string().nullable(),
  agreementId: z.string().nullable(),
  regionCode: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  purpose: z.string().nullable(),
  caseRef: z.string().nullable(),
  endUser: z.string().nullable(),
  requestHash: z.string(),
  responseHash: z.string(),
  statusCode: z.number().int(),
  outcome: z.enum(exchangeOutcomes),
  reason: z.string().nullable(),
  detail: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type ExchangeReceipt = z.infer<typeof ExchangeReceipt>;

export const RequestIdParam = z.object({ requestId: z.string().min(1).max(100) }).strict();
