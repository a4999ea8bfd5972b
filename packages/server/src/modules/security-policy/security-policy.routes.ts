import { requirePermission, SecurityPolicy } from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

export function securityPolicyRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/security-policy',
      {
        schema: { tags: ['安全策略'], summary: '查看安全策略', response: { 200: SecurityPolicy } },
      },
      async (request) => {
        const ctx = actorContextOf(request);
        requirePermission(ctx.actor, 'security_policy:read');
        return services.securityPolicy.get();
      },
    );
    app.put(
      '/api/security-policy',
      {
        schema: {
          tags: ['安全策略'],
          summary: '修改安全策略（安全管理员）',
          body: SecurityPolicy,
          response: { 200: SecurityPolicy },
        },
      },
      async (request) => services.securityPolicy.update(actorContextOf(request), request.body),
    );
  };
}
