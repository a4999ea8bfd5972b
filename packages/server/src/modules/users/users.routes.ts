import {
  CreateUserBody,
  GrantInput,
  Ok,
  pageOf,
  ResetPasswordBody,
  UpdateUserBody,
  UserListQuery,
  UserView,
} from '@shequ/core';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../http/context';
import { attachment, XLSX_TYPE } from '../../http/xlsx';
import type { Services } from '../../services';

const tags = ['用户与授权'];
const UserIdParam = z.object({ id: z.uuid('用户编号格式不正确') }).strict();
const GrantIdParam = z
  .object({ id: z.uuid('用户编号格式不正确'), grantId: z.uuid('授权编号格式不正确') })
  .strict();

export function userRoutes(services: Services): FastifyPluginAsyncZod {
  const { users } = services;
  return async (app) => {
    app.get(
      '/api/users',
      {
        schema: {
          tags,
          summary: '用户列表（限本人管辖范围）',
          querystring: UserListQuery,
          response: { 200: pageOf(UserView) },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return users.list(actorContextOf(request), filter, page, pageSize);
      },
    );
    app.get(
      '/api/users/export',
      {
        schema: {
          tags,
          summary: '导出用户清单（Excel）',
          querystring: UserListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (request, reply) => {
        const { fileName, body } = await users.export(actorContextOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(body);
      },
    );
    app.get(
      '/api/users/:id',
      { schema: { tags, summary: '用户详情', params: UserIdParam, response: { 200: UserView } } },
      async (request) => users.get(actorContextOf(request), request.params.id),
    );
    app.post(
      '/api/users',
      {
        schema: {
          tags,
          summary: '新建用户（系统管理员）',
          body: CreateUserBody,
          response: { 201: UserView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await users.create(actorContextOf(request), request.body)),
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags,
          summary: '修改用户信息或状态',
          params: UserIdParam,
          body: UpdateUserBody,
          response: { 200: UserView },
        },
      },
      async (request) => users.update(actorContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/users/:id/grants',
      {
        schema: {
          tags,
          summary: '授予角色',
          params: UserIdParam,
          body: GrantInput,
          response: { 200: UserView },
        },
      },
      async (request) => users.addGrant(actorContextOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/users/:id/grants/:grantId',
      { schema: { tags, summary: '撤销授权', params: GrantIdParam, response: { 200: UserView } } },
      async (request) =>
        users.revokeGrant(actorContextOf(request), request.params.id, request.params.grantId),
    );
    app.post(
      '/api/users/:id/unlock',
      { schema: { tags, summary: '解锁账号', params: UserIdParam, response: { 200: UserView } } },
      async (request) => users.unlock(actorContextOf(request), request.params.id),
    );
    app.post(
      '/api/users/:id/reset-password',
      {
        schema: {
          tags,
          summary: '重置密码',
          params: UserIdParam,
          body: ResetPasswordBody,
          response: { 200: Ok },
        },
      },
      async (request) => {
        await users.resetPassword(
          actorContextOf(request),
          request.params.id,
          request.body.password,
        );
        return { ok: true as const };
      },
    );
  };
}
