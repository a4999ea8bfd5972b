import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import {
  ChangesPage,
  ChangesQuery,
  CreateExportBody,
  DomainError,
  ExchangeHousehold,
  ExchangePerson,
  ExchangeReadQuery,
  ExchangeReceipt,
  ExportJobView,
  HouseholdLookupBody,
  HouseholdLookupResult,
  LookupBody,
  LookupResult,
  OAuthError,
  Problem,
  RequestIdParam,
  TokenRequest,
  TokenResponse,
} from '@shequ/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemOf } from '../../http/problem';
import type { Services } from '../../services';
import type { MachineCall } from './exchange-machine.service';

const tags = ['数据交换接口（机器客户端）'];
export const EXCHANGE_API_PREFIX = '/api/exchange/v1';

const security = [{ exchangeBearer: [] }];
/** Documented, not enforced here: the service refuses (and logs) a request without them. */
const Headers = z.looseObject({
  'x-shequ-purpose': z
    .string()
    .optional()
    .describe('用途代码[:案卷号]（URI 编码），须与共享协议约定的用途一致'),
  'x-shequ-end-user': z.string().optional().describe('代表其发起请求的最终用户（URI 编码）'),
});
const PersonParam = z.object({ id: z.uuid('人员编号格式不正确') }).strict();
const HouseholdParam = z.object({ id: z.uuid('户编号格式不正确') }).strict();
const ExportParam = z.object({ id: z.uuid('导出任务编号格式不正确') }).strict();
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem };

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value.slice(0, 1000) : null;
}

/**
 * The machine API under /api/exchange/v1. Every request, allowed or refused — even to an unknown
 * path — is logged with the hashes of what was asked and what was answered before the answer
 * leaves (`onSend`); the body is hashed as it streams in (`preParsing`).
 */
export function exchangeMachineRoutes(services: Services): FastifyPluginAsyncZod {
  const { machine } = services.exchange;
  const calls = new WeakMap<FastifyRequest, MachineCall>();
  const callOf = (request: FastifyRequest): MachineCall => {
    const call = calls.get(request);
    if (!call) throw new DomainError('INTERNAL', 'exchange request without a record');
    return call;
  };
  const authorized =
    (agreement: boolean) =>
    async (request: FastifyRequest): Promise<void> =>
      machine.authorize(callOf(request), request.headers.authorization, { agreement });

  const api: FastifyPluginAsyncZod = async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    app.addHook('onRequest', async (request, reply) => {
      calls.set(
        request,
        machine.begin({
          id: request.id,
          method: request.method,
          url: request.url,
          purposeHeader: header(request, 'x-shequ-purpose'),
          endUserHeader: header(request, 'x-shequ-end-user'),
        }),
      );
      reply.header('x-shequ-request-id', request.id);
      reply.header('cache-control', 'no-store');
    });
    app.addHook('preParsing', async (request, _reply, payload) => {
      const call = callOf(request);
      return payload.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            call.requestHasher.update(chunk);
            callback(null, chunk);
          },
        }),
      );
    });
    app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
      const call = calls.get(request);
      if (!call) return payload;
      calls.delete(request);
      if (reply.statusCode === 401 && call.refusal === 'invalid_token') {
        reply.header('www-authenticate', 'Bearer realm="shequ-exchange", error="invalid_token"');
      }
      const retryAfter = call.detail?.retryAfter;
      if (reply.statusCode === 429 && typeof retryAfter === 'number') {
        reply.header('retry-after', String(retryAfter));
      }
      await machine.finish(call, reply.statusCode, payload);
      return payload;
    });
    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split('?')[0] ?? '';
      return reply
        .code(404)
        .type('application/problem+json; charset=utf-8')
        .send(
          problemOf(
            new DomainError('NOT_FOUND', `没有这个地址：${request.method} ${pathname}`),
            request.id,
          ),
        );
    });

    app.post(
      '/token',
      {
        schema: {
          tags,
          summary: '获取访问令牌（OAuth2 client_credentials，表单或 JSON；15 分钟有效）',
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenRequest,
          // a body that is not a form or an object at all fails validation as a problem
          response: { 200: TokenResponse, 400: z.union([OAuthError, Problem]), 401: OAuthError },
        },
      },
      async (request, reply) => {
        const answer = await machine.issueToken(
          callOf(request),
          request.body,
          request.headers.authorization,
        );
        reply.header('pragma', 'no-cache');
        if (answer.status !== 200 && answer.basicChallenge) {
          reply.header('www-authenticate', 'Basic realm="shequ-exchange"');
        }
        return reply.code(answer.status).send(answer.body);
      },
    );

    app.get(
      '/people/:id',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '按编号读取人员（仅协议约定的数据元，含核验状态与来源）',
          security,
          headers: Headers,
          params: PersonParam,
          querystring: ExchangeReadQuery,
          response: { 200: ExchangePerson, ...errors },
        },
      },
      async (request) =>
        machine.readPerson(callOf(request), request.params.id, request.query.elements),
    );
    app.post(
      '/people/lookup',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '按证件号码查找人员（号码放在请求体中，不得放在地址里）',
          security,
          headers: Headers,
          querystring: ExchangeReadQuery,
          body: LookupBody,
          response: { 200: LookupResult, ...errors },
        },
      },
      async (request) =>
        machine.lookup(callOf(request), request.body.idNumber, request.query.elements),
    );
    app.get(
      '/households/:id',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary:
            '按编号读取户：户号、户别、区域及协议区域内的现有成员（与户主关系、入户日期）；成员仅含协议约定的数据元，协议不因读户增加数据元',
          security,
          headers: Headers,
          params: HouseholdParam,
          querystring: ExchangeReadQuery,
          response: { 200: ExchangeHousehold, ...errors },
        },
      },
      async (request) =>
        machine.readHousehold(callOf(request), request.params.id, request.query.elements),
    );
    app.post(
      '/households/lookup',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary:
            '按户号或任一现有成员的证件号码查找户（二者取一，放在请求体中）；成员仅含协议约定的数据元，协议不因读户增加数据元',
          security,
          headers: Headers,
          querystring: ExchangeReadQuery,
          body: HouseholdLookupBody,
          response: { 200: HouseholdLookupResult, ...errors },
        },
      },
      async (request) =>
        machine.lookupHousehold(callOf(request), request.body, request.query.elements),
    );
    app.get(
      '/changes',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '变更订阅（游标为单调递增的位置）',
          security,
          headers: Headers,
          querystring: ChangesQuery,
          response: { 200: ChangesPage, ...errors },
        },
      },
      async (request) =>
        machine.changes(callOf(request), Number(request.query.cursor), request.query.limit),
    );
    app.post(
      '/exports',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '申请批量导出（NDJSON，异步；区域、数据元、截止日期）',
          security,
          headers: Headers,
          body: CreateExportBody,
          response: { 202: ExportJobView, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await machine.createExport(callOf(request), request.body)),
    );
    app.get(
      '/exports/:id',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '导出任务状态',
          security,
          headers: Headers,
          params: ExportParam,
          response: { 200: ExportJobView, ...errors },
        },
      },
      async (request) => machine.getExport(callOf(request), request.params.id),
    );
    app.get(
      '/exports/:id/file',
      {
        preValidation: authorized(true),
        schema: {
          tags,
          summary: '下载导出文件（application/x-ndjson，每行一人）',
          security,
          headers: Headers,
          params: ExportParam,
        },
      },
      async (request, reply) => {
        const file = await machine.exportFile(callOf(request), request.params.id);
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(createReadStream(file.path));
      },
    );
    app.get(
      '/receipts/:requestId',
      {
        preValidation: authorized(false),
        schema: {
          tags,
          summary: '请求回执：本客户端某次请求在交换日志中的链式记录',
          security,
          headers: Headers,
          params: RequestIdParam,
          response: { 200: ExchangeReceipt, ...errors },
        },
      },
      async (request) => machine.receipt(callOf(request), request.params.requestId),
    );
  };

  return async (app) => {
    await app.register(api, { prefix: EXCHANGE_API_PREFIX });
  };
}
