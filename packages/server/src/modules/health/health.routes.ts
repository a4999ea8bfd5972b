import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ engine: z.enum(['pglite', 'postgresql']), status: z.enum(['ok', 'error']), latencyMs: z.number() }),
  version: z.string(),
});

export function healthRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', { schema: { tags: ['运维'], summary: '健康检查', response: { 200: Health, 503: Health } } }, async (_request, reply) => {
      const started = performance.now();
      let ok = true;
      try {
        await sql`SELECT 1`.execute(services.db);
      } catch {
        ok = false;
      }
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: { engine: services.engine, status: ok ? ('ok' as const) : ('error' as const), latencyMs: Math.round((performance.now() - started) * 10) / 10 },
        version: services.version,
      };
      return reply.code(ok ? 200 : 503).send(body);
    });
  };
}
