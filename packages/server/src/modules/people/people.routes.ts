import {
  AsOfQuery,
  DuplicateGroup,
  EndMembershipBody,
  GroupRegisterQuery,
  GroupRegisterRow,
  HistoryEntry,
  HouseholdView,
  LifeStatusBody,
  MembershipInput,
  MembershipView,
  MergeBody,
  pageOf,
  PersonDetail,
  PersonHouseInput,
  PersonInput,
  PersonPatch,
  PersonSearchQuery,
  PersonAsOf,
  PersonSummary,
  UnmaskBody,
  UnmaskedValues,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import { attachment, XLSX_TYPE } from '../../http/xlsx';
import type { Services } from '../../services';

const tags = ['社区综合数据库'];
const IdParam = z.object({ id: z.uuid('人员编号格式不正确') }).strict();
const ExportQuery = PersonSearchQuery.omit({ page: true, pageSize: true }).extend({
  /** Full values instead of masked ones: needs person:unmask and a purpose (X-Purpose). */
  unmasked: z.enum(['true', 'false']).default('false'),
});

export function peopleRoutes(services: Services): FastifyPluginAsyncZod {
  const { people, peopleExport } = services;
  return async (app) => {
    app.get(
      '/api/people',
      {
        schema: {
          tags,
          summary: '查找人员（姓名前缀、证件号码、手机号、户号、地址；分页）',
          querystring: PersonSearchQuery,
          response: { 200: pageOf(PersonSummary) },
        },
      },
      async (request) => people.search(actorContextOf(request), request.query),
    );
    app.get(
      '/api/people/export',
      {
        schema: {
          tags,
          summary: '导出人员清单（Excel，流式；默认脱敏）',
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const { unmasked, ...query } = request.query;
        const { fileName, stream } = await peopleExport.export(
          actorContextOf(request),
          query,
          unmasked === 'true',
        );
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(fileName))
          .send(stream);
      },
    );
    app.get(
      '/api/people/duplicates',
      {
        schema: {
          tags,
          summary: '疑似重复人员（同证件号码；同社区同姓名同出生日期）',
          response: { 200: z.array(DuplicateGroup) },
        },
      },
      async (request) => people.duplicates(actorContextOf(request)),
    );
    app.post(
      '/api/people/merge',
      {
        schema: {
          tags,
          summary: '合并重复人员（保留双方历史）',
          body: MergeBody,
          response: { 200: PersonDetail },
        },
      },
      async (request) => people.merge(actorContextOf(request), request.body),
    );
    app.post(
      '/api/people',
      { schema: { tags, summary: '登记人员', body: PersonInput, response: { 201: PersonDetail } } },
      async (request, reply) =>
        reply.code(201).send(await people.create(actorContextOf(request), request.body)),
    );
    app.get(
      '/api/people/:id',
      {
        schema: {
          tags,
          summary: '人员详情（每次查看均记入审计，可用 X-Purpose 说明目的）',
          params: IdParam,
          response: { 200: PersonDetail },
        },
      },
      async (request) => people.get(actorContextOf(request), request.params.id),
    );
    app.patch(
      '/api/people/:id',
      {
        schema: {
          tags,
          summary: '修改人员信息（留痕）',
          params: IdParam,
          body: PersonPatch,
          response: { 200: PersonDetail },
        },
      },
      async (request) => people.update(actorContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/people/:id/unmask',
      {
        schema: {
          tags,
          summary: '查看完整敏感信息（需权限并说明目的，记入审计）',
          params: IdParam,
          body: UnmaskBody,
          response: { 200: UnmaskedValues },
        },
      },
      async (request) => people.unmask(actorContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/people/:id/history',
      {
        schema: {
          tags,
          summary: '变更历史',
          params: IdParam,
          response: { 200: z.array(HistoryEntry) },
        },
      },
      async (request) => people.history(actorContextOf(request), request.params.id),
    );
    app.get(
      '/api/people/:id/as-of',
      {
        schema: {
          tags,
          summary: '某日的人员信息',
          params: IdParam,
          querystring: AsOfQuery,
          response: { 200: PersonAsOf },
        },
      },
      async (request) =>
        people.asOf(actorContextOf(request), request.params.id, request.query.date),
    );
    app.post(
      '/api/people/:id/life-status',
      {
        schema: {
          tags,
          summary: '迁出、恢复或报告死亡',
          params: IdParam,
          body: LifeStatusBody,
          response: { 200: PersonDetail },
        },
      },
      async (request) =>
        people.setLifeStatus(actorContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/people/:id/confirm-death',
      {
        schema: {
          tags,
          summary: '确认死亡（须由报告人以外的工作人员确认）',
          params: IdParam,
          body: z.object({ version: z.number().int().min(1) }).strict(),
          response: { 200: PersonDetail },
        },
      },
      async (request) =>
        people.confirmDeath(actorContextOf(request), request.params.id, request.body.version),
    );
    app.post(
      '/api/people/:id/groups',
      {
        schema: {
          tags,
          summary: '登记到重点人群',
          params: IdParam,
          body: MembershipInput,
          response: { 201: MembershipView },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await people.addMembership(actorContextOf(request), request.params.id, request.body),
          ),
    );
    app.post(
      '/api/people/:id/groups/:membershipId/end',
      {
        schema: {
          tags,
          summary: '结束人群登记',
          params: z.object({ id: z.uuid(), membershipId: z.uuid('登记编号格式不正确') }).strict(),
          body: EndMembershipBody,
          response: { 200: MembershipView },
        },
      },
      async (request) =>
        people.endMembership(
          actorContextOf(request),
          request.params.id,
          request.params.membershipId,
          request.body,
        ),
    );
    app.post(
      '/api/people/:id/houses',
      {
        schema: {
          tags,
          summary: '登记人房关系（新的主要居所会结束原主要居所）',
          params: IdParam,
          body: PersonHouseInput,
          response: { 200: PersonDetail },
        },
      },
      async (request) => people.addHouse(actorContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/households/:id',
      {
        schema: {
          tags,
          summary: '户详情（成员及与户主关系）',
          params: z.object({ id: z.uuid('户编号格式不正确') }).strict(),
          response: { 200: HouseholdView },
        },
      },
      async (request) => people.getHousehold(actorContextOf(request), request.params.id),
    );
    app.get(
      '/api/groups/:code/members',
      {
        schema: {
          tags,
          summary: '重点人群登记簿',
          params: z.object({ code: z.string().max(40) }).strict(),
          querystring: GroupRegisterQuery,
          response: { 200: pageOf(GroupRegisterRow) },
        },
      },
      async (request) =>
        people.groupRegister(actorContextOf(request), request.params.code, request.query),
    );
  };
}
