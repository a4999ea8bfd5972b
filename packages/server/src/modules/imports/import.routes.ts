import { ImportJobView, ImportRowQuery, ImportRowView, pageOf } from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import { acceptFileUploads, discardUpload, MAX_UPLOAD, uploadedFile } from '../../http/upload';
import { attachment, XLSX_TYPE } from '../../http/xlsx';
import type { Services } from '../../services';

const tags = ['数据导入'];
const JobParam = z.object({ id: z.uuid('导入任务编号格式不正确') }).strict();
const UploadQuery = z
  .object({
    fileName: z.string().trim().min(1, '缺少文件名').max(200),
    regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '请选择导入到哪个社区（村）或网格'),
    /** true: stage and apply at once; false (default): stage for the dry-run report. */
    apply: z.enum(['true', 'false']).default('false'),
  })
  .strict();

/**
 * Import routes. The upload is the raw file as the request body (no multipart), streamed to a
 * temporary file so a large roster never sits in memory.
 */
export function importRoutes(services: Services): FastifyPluginAsyncZod {
  const { imports } = services;
  return async (app) => {
    // encapsulated: only these routes accept file bodies
    acceptFileUploads(app);

    app.get(
      '/api/imports/template',
      { schema: { tags, summary: '下载人员导入模板（Excel）' } },
      async (request, reply) => {
        actorContextOf(request);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('人员信息导入模板.xlsx'))
          .send(await imports.template());
      },
    );
    app.post(
      '/api/imports',
      {
        bodyLimit: MAX_UPLOAD,
        schema: {
          tags,
          summary: '上传人员名册（XLSX 或 CSV，UTF-8/GBK 自动识别）并开始预检',
          querystring: UploadQuery,
          response: { 202: ImportJobView },
        },
      },
      async (request, reply) => {
        const ctx = actorContextOf(request);
        const filePath = uploadedFile(request.body, ' XLSX 或 CSV ');
        try {
          const { job, done } = await imports.start(ctx, {
            filePath,
            fileName: request.query.fileName,
            regionCode: request.query.regionCode,
            apply: request.query.apply === 'true',
            removeFile: true,
          });
          done.catch((error: unknown) =>
            request.log.error({ err: error, job: job.id }, 'import failed'),
          );
          return reply.code(202).send(job);
        } catch (error) {
          await discardUpload(filePath);
          throw error;
        }
      },
    );
    app.get(
      '/api/imports',
      { schema: { tags, summary: '导入任务列表', response: { 200: z.array(ImportJobView) } } },
      async (request) => imports.list(actorContextOf(request)),
    );
    app.get(
      '/api/imports/:id',
      {
        schema: {
          tags,
          summary: '导入任务进度与结果',
          params: JobParam,
          response: { 200: ImportJobView },
        },
      },
      async (request) => imports.get(actorContextOf(request), request.params.id),
    );
    app.get(
      '/api/imports/:id/rows',
      {
        schema: {
          tags,
          summary: '逐行预检结果（新增、更新、无变化、拒绝及原因）',
          params: JobParam,
          querystring: ImportRowQuery,
          response: { 200: pageOf(ImportRowView) },
        },
      },
      async (request) => imports.rows(actorContextOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/imports/:id/apply',
      {
        schema: {
          tags,
          summary: '执行导入（整体写入或整体不写入）',
          params: JobParam,
          response: { 202: ImportJobView },
        },
      },
      async (request, reply) => {
        const { job, done } = await imports.merge(actorContextOf(request), request.params.id);
        done.catch((error: unknown) =>
          request.log.error({ err: error, job: job.id }, 'import failed'),
        );
        return reply.code(202).send(job);
      },
    );
    app.get(
      '/api/imports/:id/rejected',
      { schema: { tags, summary: '下载未导入的行（含错误原因）', params: JobParam } },
      async (request, reply) => {
        const { fileName, stream } = await imports.rejectedFile(
          actorContextOf(request),
          request.params.id,
        );
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(fileName))
          .send(stream);
      },
    );
  };
}
