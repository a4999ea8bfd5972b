import {
  ApplicationActionBody,
  ApplicationBoard,
  ApplicationStatistics,
  StatisticsQuery,
  ApplicationDetail,
  ApplicationFileView,
  ApplicationSummary,
  CodeRequest,
  DocumentCheckView,
  DomainError,
  MatterSummary,
  MatterCreateInput,
  MatterUpdateInput,
  MatterVersion,
  MatterView,
  OnlineApplicationInput,
  pageOf,
  PrefillView,
  QueueQuery,
  TrackingView,
  TrackQuery,
  WindowApplicationInput,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf, contextOf } from '../../http/context';
import type { Services } from '../../services';
import { MAX_SCAN_BYTES } from './application-files';
import { viewOf } from './matters.service';

const tags = ['一站受理'];
const IdParam = z.object({ id: z.uuid('编号格式不正确') }).strict();
const CodeParam = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, '事项编码格式不正确'),
});
const CityCode = z.string().regex(/^\d{4}$/, '地级市区划代码应为 4 位数字');
const ScanQuery = z.object({
  materialCode: z.string().min(1, '请选择材料').max(64),
  fileName: z.string().min(1, '请提供文件名').max(200, '文件名不能超过 200 个字'),
});
/** The disposition with the Chinese file name (RFC 5987). */
const contentDisposition = (kind: 'inline' | 'attachment', fileName: string) =>
  `${kind}; filename="scan"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
const NotificationView = z.object({
  id: z.string(),
  text: z.string(),
  applicationId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
const NotificationList = z.object({
  items: z.array(NotificationView),
  unread: z.number().int().nonnegative(),
});

export function applicationRoutes(services: Services): FastifyPluginAsyncZod {
  const { matters, applications, intake, notifications, applicationFiles } = services;
  const { applicationReports: reports, regions, publicLookups: lookups } = services;
  return async (app) => {
    app.get(
      '/api/matters',
      { schema: { tags, summary: '本市服务事项目录', response: { 200: z.array(MatterSummary) } } },
      async (request) => matters.list(actorContextOf(request)),
    );
    app.get(
      '/api/matters/:code',
      {
        schema: {
          tags,
          summary: '服务事项详情（条件、依据、材料、表单、环节、时限）',
          params: CodeParam,
          response: { 200: MatterView },
        },
      },
      async (request) => matters.get(actorContextOf(request), request.params.code),
    );
    app.get(
      '/api/matters/:code/versions',
      {
        schema: {
          tags,
          summary: '服务事项的版本记录（修改人、原因和修改内容）',
          params: CodeParam,
          response: { 200: z.array(MatterVersion) },
        },
      },
      async (request) => matters.versions(actorContextOf(request), request.params.code),
    );
    app.post(
      '/api/matters',
      {
        schema: {
          tags,
          summary: '新建服务事项（第 1 版，留痕）',
          body: MatterCreateInput,
          response: { 201: MatterView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await matters.create(actorContextOf(request), request.body)),
    );
    app.put(
      '/api/matters/:code',
      {
        schema: {
          tags,
          summary: '修改服务事项（新版本，留痕；在办件按原版本办理）',
          params: CodeParam,
          body: MatterUpdateInput,
          response: { 200: MatterView },
        },
      },
      async (request) => matters.update(actorContextOf(request), request.params.code, request.body),
    );

    app.get(
      '/api/applications/prefill',
      {
        schema: {
          tags,
          summary: '窗口受理：按已核验数据预填表单，已掌握的材料免提交',
          querystring: z.object({
            matterCode: z.string().min(1),
            personId: z.uuid('请选择申请人'),
          }),
          response: { 200: PrefillView },
        },
      },
      async (request) =>
        intake.prefill(actorContextOf(request), request.query.matterCode, request.query.personId),
    );
    app.post(
      '/api/applications',
      {
        schema: {
          tags,
          summary: '窗口（或上门）受理一件申请：提交即受理，生成受理回执',
          body: WindowApplicationInput,
          response: { 201: ApplicationDetail },
        },
      },
      async (request, reply) => {
        const ctx = actorContextOf(request);
        const id = await intake.submitAtWindow(ctx, request.body);
        return reply.code(201).send(await applications.get(ctx, id));
      },
    );
    app.get(
      '/api/applications/queue',
      {
        schema: {
          tags,
          summary: '我的待办：当前环节由我办理的办件，按办结期限排序',
          querystring: QueueQuery,
          response: { 200: pageOf(ApplicationSummary) },
        },
      },
      async (request) => applications.queue(actorContextOf(request), request.query),
    );
    app.get(
      '/api/applications/board',
      {
        schema: {
          tags,
          summary: '督办看板：各下级区域在办、预警（黄）、超期（红）、待补正、延期申请',
          querystring: z.object({
            regionCode: z
              .string()
              .regex(/^\d{2,12}$/, '区划代码格式不正确')
              .optional(),
          }),
          response: { 200: ApplicationBoard },
        },
      },
      async (request) => reports.board(actorContextOf(request), request.query.regionCode),
    );
    app.get(
      '/api/applications/statistics',
      {
        schema: {
          tags,
          summary: '办件统计：按事项、下级区域或部门，受理、办结、按时办结、平均用时、补正、不予',
          querystring: StatisticsQuery,
          response: { 200: ApplicationStatistics },
        },
      },
      async (request) => reports.statistics(actorContextOf(request), request.query),
    );
    app.get(
      '/api/applications/:id',
      {
        schema: {
          tags,
          summary: '办件详情与办理过程',
          params: IdParam,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => applications.get(actorContextOf(request), request.params.id),
    );
    await app.register(scanUploads(applicationFiles));
    app.get(
      '/api/applications/:id/files/:fileId',
      {
        schema: {
          tags,
          summary: '查看申请材料扫描件（记入审计）',
          params: z.object({ id: z.uuid('编号格式不正确'), fileId: z.uuid('编号格式不正确') }),
        },
      },
      async (request, reply) => {
        const { id, fileId } = request.params;
        const file = await applicationFiles.read(actorContextOf(request), id, fileId);
        // images open in the browser, in a sandbox; a PDF is downloaded to the reader (the
        // browser's viewer does not run in a sandboxed page)
        const disposition = file.contentType === 'application/pdf' ? 'attachment' : 'inline';
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(disposition, file.fileName))
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content);
      },
    );
    app.post(
      '/api/applications/:id/actions',
      {
        schema: {
          tags,
          summary: '办理：受理、通过、不予通过、退回补正、补正提交、转办、撤回、延期、督办',
          params: IdParam,
          body: ApplicationActionBody,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => applications.act(actorContextOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/public/matters',
      {
        schema: {
          tags,
          summary: '可网上申请的服务事项（无需登录）',
          querystring: z.object({
            city: CityCode,
          }),
          response: { 200: z.array(MatterSummary) },
        },
      },
      async (request) => matters.listOf(request.query.city, { onlineOnly: true }),
    );
    app.get(
      '/api/public/regions',
      {
        schema: {
          tags,
          summary: '本市的县（区）、街道（乡镇）和社区（村），供居民选择所在社区（无需登录）',
          querystring: z.object({
            city: CityCode,
            parent: z.string().regex(/^(\d{4}|\d{6}|\d{9})$/, '上级区划代码应为 4、6 或 9 位数字'),
          }),
          response: {
            200: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                level: z.string(),
                leaf: z.boolean(),
              }),
            ),
          },
        },
      },
      async (request) => regions.publicChildren(request.query.city, request.query.parent),
    );
    app.get(
      '/api/public/matters/:code',
      {
        schema: {
          tags,
          summary: '服务事项的申请条件、材料和申请表（无需登录）',
          params: CodeParam,
          querystring: z.object({
            city: CityCode,
          }),
          response: { 200: MatterView },
        },
      },
      async (request) => viewOf(await matters.current(request.query.city, request.params.code)),
    );
    app.post(
      '/api/public/applications/code',
      {
        schema: {
          tags,
          summary: '网上申请：向手机发送短信验证码',
          body: CodeRequest,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await intake.requestCode(contextOf(request), request.body.phone);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/public/applications',
      {
        schema: {
          tags,
          summary: '网上申请（居民本人，凭短信验证码，无需登录）',
          body: OnlineApplicationInput,
          response: { 201: z.object({ number: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await intake.submitOnline(contextOf(request), request.body)),
    );
    app.get(
      '/api/public/applications/track',
      {
        schema: {
          tags,
          summary: '办件查询（凭申请编号和手机号码，无需登录）',
          querystring: TrackQuery,
          response: { 200: TrackingView },
        },
      },
      async (request) =>
        lookups.track(contextOf(request), request.query.number, request.query.phone),
    );
    app.get(
      '/api/public/documents/:code',
      {
        schema: {
          tags,
          summary: '文书核验（凭验证码，无需登录）',
          params: z.object({
            code: z.string().regex(/^[A-Za-z0-9]{12}$/, '验证码为 12 位字母数字'),
          }),
          response: { 200: DocumentCheckView },
        },
      },
      async (request) => lookups.checkDocument(contextOf(request), request.params.code),
    );

    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: '我的消息：最新 50 条和未读条数',
          response: { 200: NotificationList },
        },
      },
      async (request) => notifications.mine(actorContextOf(request)),
    );
    app.post(
      '/api/notifications/read',
      {
        schema: {
          tags,
          summary: '标为已读',
          body: z.object({ ids: z.array(z.uuid()).max(200) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await notifications.markRead(actorContextOf(request), request.body.ids);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/notifications/read-all',
      { schema: { tags, summary: '全部标为已读', response: { 204: z.null() } } },
      async (request, reply) => {
        await notifications.markAllRead(actorContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}

/**
 * The scan upload in a plugin of its own: only this route takes a raw file body (up to 10 MiB),
 * so the other routes, public ones included, keep the JSON-only 1 MiB default.
 */
function scanUploads(applicationFiles: Services['applicationFiles']): FastifyPluginAsyncZod {
  return async (scoped) => {
    scoped.addContentTypeParser(
      /^(image\/|application\/pdf|application\/octet-stream)/,
      { parseAs: 'buffer', bodyLimit: MAX_SCAN_BYTES },
      (_request, body, done) => done(null, body),
    );
    scoped.post(
      '/api/applications/:id/files',
      {
        bodyLimit: MAX_SCAN_BYTES,
        schema: {
          tags,
          summary: '上传申请材料扫描件（请求内容为 JPG、PNG 或 PDF 文件本身，不超过 10 MB）',
          params: IdParam,
          querystring: ScanQuery,
          response: { 201: ApplicationFileView },
        },
      },
      async (request, reply) => {
        const content = request.body;
        if (!Buffer.isBuffer(content)) {
          throw new DomainError('VALIDATION', '请以扫描件文件本身作为请求内容上传', [
            { path: 'file', message: '请以扫描件文件本身作为请求内容上传' },
          ]);
        }
        const file = await applicationFiles.attach(actorContextOf(request), request.params.id, {
          ...request.query,
          content,
        });
        return reply.code(201).send(file);
      },
    );
  };
}
