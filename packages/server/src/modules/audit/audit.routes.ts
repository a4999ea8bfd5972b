import { AuditEvent, AuditListQuery, AuditVerifyResult, pageOf } from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['审计'];

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  const { audit } = services;
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags,
          summary: '审计日志（审计管理员）',
          querystring: AuditListQuery,
          response: { 200: pageOf(AuditEvent) },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        const { rows, total } = await audit.list(actorContextOf(request), filter, page, pageSize);
        return {
          items: rows.map((r) => ({
            seq: r.seq,
            occurredAt: r.occurred_at.toISOString(),
            actorId: r.actor_id,
            actorName: r.actor_name,
            role: r.role,
            action: r.action,
            targetType: r.target_type,
            targetId: r.target_id,
            regionCode: r.region_code,
            purpose: r.purpose,
            outcome: r.outcome,
            requestId: r.request_id,
            clientIp: r.client_ip,
            detail: r.detail ?? null,
            hash: r.hash,
          })),
          total,
          page,
          pageSize,
        };
      },
    );
    app.get(
      '/api/audit/verify',
      { schema: { tags, summary: '校验审计哈希链', response: { 200: AuditVerifyResult } } },
      async (request) => {
        const verdict = await audit.verify(actorContextOf(request));
        return verdict.ok
          ? { ok: true, checked: verdict.checked, brokenSeq: null, reason: null }
          : {
              ok: false,
              checked: verdict.checked,
              brokenSeq: verdict.brokenSeq,
              reason: verdict.reason,
            };
      },
    );
  };
}
