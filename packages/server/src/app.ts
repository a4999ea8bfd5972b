import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { DomainError } from '@shequ/core';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installErrorHandling } from './http/errors';
import { problemOf } from './http/problem';
import { installSessions } from './http/session-plugin';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { departmentRoutes } from './modules/departments/departments.routes';
import { exchangeAdminRoutes } from './modules/exchange/exchange-admin.routes';
import { exchangeMachineRoutes } from './modules/exchange/exchange-machine.routes';
import { governanceRoutes } from './modules/governance/governance.routes';
import { applicationRoutes } from './modules/applications/applications.routes';
import { healthRoutes } from './modules/health/health.routes';
import { importRoutes } from './modules/imports/import.routes';
import { placeRoutes } from './modules/places/places.routes';
import { peopleRoutes } from './modules/people/people.routes';
import { regionRoutes } from './modules/regions/regions.routes';
import { securityPolicyRoutes } from './modules/security-policy/security-policy.routes';
import { userRoutes } from './modules/users/users.routes';
import type { Services } from './services';

z.config(z.locales.zhCN());

export interface AppOptions {
  services: Services;
  logLevel?: string;
  trustProxy?: boolean;
  cookieSecure?: 'auto' | boolean;
  /** The built web client; served with an SPA fallback when present. */
  webDist?: string | undefined;
  /** Runs the exchange worker (feed sequencer, webhook deliveries, exports) while the app is up. */
  backgroundWork?: boolean;
}

/** Builds the app as a plugin tree; it never listens (tests use inject, the CLI listens). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    // behind one reverse proxy: the client is the address that proxy saw (the last
    // X-Forwarded-For entry), not the first one, which any client can write
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '网上社区 API',
        description: '社区综合管理和服务信息平台',
        version: services.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shequ_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          exchangeBearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'POST /api/exchange/v1/token',
          },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyCookie);
  installSessions(app, services.auth, options.cookieSecure ?? 'auto');

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  for (const routes of [
    healthRoutes,
    authRoutes,
    regionRoutes,
    departmentRoutes,
    userRoutes,
    auditRoutes,
    securityPolicyRoutes,
    peopleRoutes,
    importRoutes,
    placeRoutes,
    governanceRoutes,
    exchangeAdminRoutes,
    exchangeMachineRoutes,
    applicationRoutes,
  ]) {
    await app.register(routes(services));
  }

  if (options.backgroundWork) {
    app.addHook('onReady', async () => services.exchange.start());
    app.addHook('onReady', async () => services.notifications.start());
    app.addHook('onClose', async () => services.exchange.stop());
    app.addHook('onClose', async () => services.notifications.stop());
  }

  const webDist = options.webDist;
  const hasWeb = webDist !== undefined && existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart
    await app.register(fastifyStatic, {
      root: path.resolve(webDist),
      wildcard: true,
      cacheControl: false,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        // hashed bundles never change; the page itself must be revalidated to pick up new bundles
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // client-side routes get the app page; a missing file (a name with an extension) stays a 404
    if (
      hasWeb &&
      !pathname.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(pathname) &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const body = problemOf(
      new DomainError('NOT_FOUND', `没有这个地址：${request.method} ${pathname}`),
      request.id,
    );
    return reply.code(404).type('application/problem+json; charset=utf-8').send(body);
  });
  return app;
}
