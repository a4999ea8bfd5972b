import { z } from 'zod';
import { auditOutcomes } from '../audit';
import { PageQuery } from './common';

export const AuditEvent = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  regionCode: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
  detail: z.unknown(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: z.iso.datetime({ offset: true, error: '起始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '截止时间格式不正确' }).optional(),
}).strict();

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenSeq: z.number().int().nullable(),
  reason: z.enum(['hash', 'link']).nullable(),
});
