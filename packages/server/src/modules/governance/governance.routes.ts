import { Readable } from 'node:stream';
import {
  BulkConfirm,
  BulkConfirmResult,
  ComparisonJobView,
  CatalogSettingInput,
  CatalogView,
  ComparisonRecord,
  ComparisonResult,
  DataElementView,
  DiscrepancyQuery,
  DiscrepancyRuling,
  DiscrepancyView,
  ElementValueView,
  HistoryEntry,
  pageOf,
  VerificationDecision,
  VerificationItem,
  VerificationQuery,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import { acceptFileUploads, discardUpload, MAX_UPLOAD, uploadedFile } from '../../http/upload';
import { attachment } from '../../http/xlsx';
import { detailRow } from './comparison.service';
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
  const { catalog, verification, comparisons } = services;
  return async (app) => {
    // encapsulated: only these routes accept file bodies (the bulk comparison upload)
    acceptFileUploads(app, ['application/x-ndjson']);

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
      '/api/catalog/:city/elements/:code/history',
      {
        schema: {
          tags,
          summary: '本市某数据元配置的变更历史',
          params: ElementParams,
          response: { 200: z.array(HistoryEntry) },
        },
      },
      async (request) =>
        catalog.history(actorContextOf(request), request.params.city, request.params.code),
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
    app.post(
      '/api/comparisons',
      {
        bodyLimit: MAX_UPLOAD,
        schema: {
          tags,
          summary: '上传本部门数据批量比对（CSV、XLSX 或 NDJSON：证件号码、数据元、值）',
          querystring: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200) }),
          response: { 202: ComparisonJobView },
        },
      },
      async (request, reply) => {
        const filePath = uploadedFile(request.body, ' CSV、XLSX 或 NDJSON ');
        try {
          const { job, done } = await comparisons.start(actorContextOf(request), {
            filePath,
            fileName: request.query.fileName,
            removeFile: true,
          });
          done.catch((error: unknown) =>
            request.log.error({ err: error, job: job.id }, 'comparison failed'),
          );
          return reply.code(202).send(job);
        } catch (error) {
          await discardUpload(filePath);
          throw error;
        }
      },
    );
    app.get(
      '/api/comparisons',
      {
        schema: {
          tags,
          summary: '本部门的批量比对任务',
          response: { 200: z.array(ComparisonJobView) },
        },
      },
      async (request) => comparisons.list(actorContextOf(request)),
    );
    app.get(
      '/api/comparisons/:id',
      {
        schema: {
          tags,
          summary: '批量比对任务的进度与汇总（一致、不一致、查无此人、无效）',
          params: IdParam,
          response: { 200: ComparisonJobView },
        },
      },
      async (request) => comparisons.get(actorContextOf(request), request.params.id),
    );
    app.get(
      '/api/comparisons/:id/detail',
      {
        schema: {
          tags,
          summary: '下载比对明细（CSV：不一致、查无此人、无效的行；一致的行只计数）',
          params: IdParam,
        },
      },
      async (request, reply) => {
        const ctx = actorContextOf(request);
        const job = await comparisons.get(ctx, request.params.id);
        const rows = comparisons.detail(ctx, job.id);
        async function* csv() {
          yield '\uFEFF原行号,数据元,数据元名称,部门值,平台值,比对结果,说明\r\n';
          for await (const chunk of rows) {
            yield chunk.map((r) => `${detailRow(r).map(csvCell).join(',')}\r\n`).join('');
          }
        }
        const name = `比对结果-${job.fileName.replace(/\.[^.]+$/, '')}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(name).replace('export.xlsx', 'comparison.csv'))
          .send(Readable.from(csv()));
      },
    );
  };
}

/** A CSV cell, quoted when it holds a comma, quote or line break. */
function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
