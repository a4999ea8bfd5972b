import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services';
import { checkHealth } from './health.service';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    engine: z.enum(['pglite', 'postgresql']),
    status: z.enum(['ok', 'error']),
    latencyMs: z.number(),
  }),
  version: z.string(),
});

export function healthRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['运维'],
          summary: '健康检查（数据库引擎与状态）',
          security: [],
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        const report = await checkHealth(services.db, services.engine, services.version);
        return reply.code(report.status === 'ok' ? 200 : 503).send(report);
      },
    );
  };
}
