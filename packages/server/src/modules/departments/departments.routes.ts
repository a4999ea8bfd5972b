import {
  CreateDepartmentBody,
  Department,
  DepartmentList,
  DepartmentListQuery,
  DepartmentTypeList,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['部门'];

export function departmentRoutes(services: Services): FastifyPluginAsyncZod {
  const { departments } = services;
  return async (app) => {
    app.get(
      '/api/department-types',
      { schema: { tags, summary: '部门类型', response: { 200: DepartmentTypeList } } },
      async (request) => {
        actorContextOf(request);
        return departments.types();
      },
    );
    app.get(
      '/api/departments',
      {
        schema: {
          tags,
          summary: '部门列表（本人范围及上级）',
          querystring: DepartmentListQuery,
          response: { 200: DepartmentList },
        },
      },
      async (request) => departments.list(actorContextOf(request).actor, request.query),
    );
    app.post(
      '/api/departments',
      {
        schema: {
          tags,
          summary: '新建部门',
          body: CreateDepartmentBody,
          response: { 201: Department },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await departments.create(actorContextOf(request), request.body)),
    );
  };
}
