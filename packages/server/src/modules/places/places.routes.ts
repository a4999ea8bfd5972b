import {
  OrgUnitInput,
  OrgUnitQuery,
  OrgUnitView,
  pageOf,
  PlaceInput,
  PlaceView,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['房屋与单位'];

export function placeRoutes(services: Services): FastifyPluginAsyncZod {
  const { places } = services;
  return async (app) => {
    app.get(
      '/api/places',
      {
        schema: {
          tags,
          summary: '小区、楼栋、单元、房屋（不带 parentId 时为小区）',
          querystring: z
            .object({
              parentId: z.uuid('上级编号格式不正确').optional(),
              regionCode: z
                .string()
                .regex(/^\d{2,15}$/, '区划代码格式不正确')
                .optional(),
            })
            .strict(),
          response: { 200: z.array(PlaceView) },
        },
      },
      async (request) =>
        places.listPlaces(
          actorContextOf(request),
          request.query.parentId,
          request.query.regionCode,
        ),
    );
    app.post(
      '/api/places',
      {
        schema: {
          tags,
          summary: '新增小区、楼栋、单元或房屋',
          body: PlaceInput,
          response: { 201: PlaceView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await places.createPlace(actorContextOf(request), request.body)),
    );
    app.get(
      '/api/org-units',
      {
        schema: {
          tags,
          summary: '单位与社会组织',
          querystring: OrgUnitQuery,
          response: { 200: pageOf(OrgUnitView) },
        },
      },
      async (request) => places.listOrgUnits(actorContextOf(request), request.query),
    );
    app.post(
      '/api/org-units',
      {
        schema: {
          tags,
          summary: '登记单位或社会组织',
          body: OrgUnitInput,
          response: { 201: OrgUnitView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await places.createOrgUnit(actorContextOf(request), request.body)),
    );
    app.patch(
      '/api/org-units/:id',
      {
        schema: {
          tags,
          summary: '修改单位信息（留痕）',
          params: z.object({ id: z.uuid('单位编号格式不正确') }).strict(),
          body: OrgUnitInput.partial()
            .extend({ version: z.number().int().min(1) })
            .strict(),
          response: { 200: OrgUnitView },
        },
      },
      async (request) =>
        places.updateOrgUnit(actorContextOf(request), request.params.id, request.body),
    );
  };
}
