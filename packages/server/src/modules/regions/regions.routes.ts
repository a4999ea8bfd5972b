import {
  CreateGridBody,
  Region,
  RegionChangeBody,
  RegionChangeList,
  RegionCodeParam,
  RegionDetail,
  RegionSearchQuery,
  RegionSearchResult,
} from '@shequ/core';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../http/context';
import { attachment, XLSX_TYPE } from '../../http/xlsx';
import type { Services } from '../../services';

const tags = ['区划'];

export function regionRoutes(services: Services): FastifyPluginAsyncZod {
  const { regions } = services;
  return async (app) => {
    app.get(
      '/api/regions/scope',
      {
        schema: {
          tags,
          summary: '本人可见的区划根节点',
          response: { 200: z.object({ items: z.array(Region) }) },
        },
      },
      async (request) => ({ items: await regions.scopeRoots(actorContextOf(request).actor) }),
    );
    app.get(
      '/api/regions',
      {
        schema: {
          tags,
          summary: '按名称搜索区划（限本人范围）',
          querystring: RegionSearchQuery,
          response: { 200: RegionSearchResult },
        },
      },
      async (request) => {
        const { q, level, limit } = request.query;
        return regions.search(actorContextOf(request).actor, q, level, limit);
      },
    );
    app.get(
      '/api/regions/:code',
      {
        schema: {
          tags,
          summary: '区划详情（含上级与下级）',
          params: RegionCodeParam,
          response: { 200: RegionDetail },
        },
      },
      async (request) => regions.get(actorContextOf(request).actor, request.params.code),
    );
    app.get(
      '/api/regions/:code/changes',
      {
        schema: {
          tags,
          summary: '区划变更记录',
          params: RegionCodeParam,
          response: { 200: RegionChangeList },
        },
      },
      async (request) => regions.changes(actorContextOf(request).actor, request.params.code),
    );
    app.get(
      '/api/regions/:code/export',
      { schema: { tags, summary: '导出下级区划（Excel）', params: RegionCodeParam } },
      async (request, reply) => {
        const { fileName, body } = await regions.export(
          actorContextOf(request),
          request.params.code,
        );
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(body);
      },
    );
    app.post(
      '/api/regions/:code/grids',
      {
        schema: {
          tags,
          summary: '在社区下新建网格',
          params: RegionCodeParam,
          body: CreateGridBody,
          response: { 201: Region },
        },
      },
      async (request, reply) => {
        const region = await regions.createGrid(
          actorContextOf(request),
          request.params.code,
          request.body.name,
          request.body.validFrom,
        );
        return reply.code(201).send(region);
      },
    );
    app.post(
      '/api/regions/:code/changes',
      {
        schema: {
          tags,
          summary: '登记区划变更（更名、合并、拆分）',
          params: RegionCodeParam,
          body: RegionChangeBody,
          response: { 200: Region },
        },
      },
      async (request) => regions.change(actorContextOf(request), request.params.code, request.body),
    );
  };
}
