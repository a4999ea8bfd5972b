import {
  BulkConfirm,
  BulkConfirmResult,
  CatalogSettingInput,
  CatalogView,
  ComparisonRecord,
  ComparisonResult,
  DataElementView,
  DiscrepancyQuery,
  DiscrepancyRuling,
  DiscrepancyView,
  ElementValueView,
  pageOf,
  VerificationDecision,
  VerificationItem,
  VerificationQuery,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['数据核验与比对'];
const CityQuery = z.object({
  city: z
    .string()
    .regex(/^\d{4}$/, '地级市区划代码应为 4 位数字')
    .optional(),
});
const ElementParams = z.object({
  city: z.string().regex(/^\d{4}$/, '地级市区划代码应为 4 位数字'),
  code: z.string().max(80),
});
const IdParam = z.object({ id: z.uuid('编号格式不正确') }).strict();

export function governanceRoutes(services: Services): FastifyPluginAsyncZod {
  const { catalog, verification } = services;
  return async (app) => {
    app.get(
      '/api/catalog',
      {
        schema: {
          tags,
          summary: '数据元目录（本市配置：核验部门、比对部门、敏感级别、更新周期）',
          querystring: CityQuery,
          response: { 200: CatalogView },
        },
      },
      async (request) => catalog.view(actorContextOf(request), request.query.city),
    );
    app.put(
      '/api/catalog/:city/elements/:code',
      {
        schema: {
          tags,
          summary: '调整本市某数据元的核验部门、比对部门、周期、时限或敏感级别（留痕）',
          params: ElementParams,
          body: CatalogSettingInput,
          response: { 200: DataElementView },
        },
      },
      async (request) =>
        catalog.update(
          actorContextOf(request),
          request.params.city,
          request.params.code,
          request.body,
        ),
    );
    app.get(
      '/api/people/:id/element-values',
      {
        schema: {
          tags,
          summary: '人员各数据元的核验状态与来源',
          params: IdParam,
          response: { 200: z.array(ElementValueView) },
        },
      },
      async (request) => verification.valuesOf(actorContextOf(request), request.params.id),
    );
    app.get(
      '/api/verification/queue',
      {
        schema: {
          tags,
          summary: '待核验队列（本部门负责、本辖区内）',
          querystring: VerificationQuery,
          response: { 200: pageOf(VerificationItem) },
        },
      },
      async (request) => verification.queue(actorContextOf(request), request.query),
    );
    app.post(
      '/api/verification/values/:id/decision',
      {
        schema: {
          tags,
          summary: '核验：确认、退回（附原因）或更正',
          params: IdParam,
          body: VerificationDecision,
          response: { 200: ElementValueView },
        },
      },
      async (request) =>
        verification.decide(actorContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/verification/bulk-confirm',
      {
        schema: {
          tags,
          summary: '批量确认（一次最多 500 条）',
          body: BulkConfirm,
          response: { 200: BulkConfirmResult },
        },
      },
      async (request) => verification.bulkConfirm(actorContextOf(request), request.body),
    );
    app.get(
      '/api/discrepancies',
      {
        schema: {
          tags,
          summary: '比对异议（核验部门：待核准；比对部门：本部门提出的）',
          querystring: DiscrepancyQuery,
          response: { 200: pageOf(DiscrepancyView) },
        },
      },
      async (request) => verification.discrepancies(actorContextOf(request), request.query),
    );
    app.get(
      '/api/discrepancies/:id',
      {
        schema: {
          tags,
          summary: '比对异议详情',
          params: IdParam,
          response: { 200: DiscrepancyView },
        },
      },
      async (request) => verification.discrepancy(actorContextOf(request), request.params.id),
    );
    app.post(
      '/api/discrepancies/:id/ruling',
      {
        schema: {
          tags,
          summary: '核准：确定权威值（写回人员信息，关闭该值的全部异议）',
          params: IdParam,
          body: DiscrepancyRuling,
          response: { 200: DiscrepancyView },
        },
      },
      async (request) =>
        verification.rule(actorContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/comparisons/records',
      {
        schema: {
          tags,
          summary: '提交一条本部门掌握的值进行比对（按证件号码）',
          body: ComparisonRecord,
          response: { 200: ComparisonResult },
        },
      },
      async (request) => verification.compare(actorContextOf(request), request.body),
    );
  };
}
