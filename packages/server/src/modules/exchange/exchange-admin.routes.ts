import {
  AgreementListQuery,
  ClientListQuery,
  CreateAgreementBody,
  CreateExchangeClientBody,
  CreateSubscriptionBody,
  DeliveryListQuery,
  ExchangeClientCredentials,
  ExchangeClientView,
  ExchangeLogEntryView,
  ExchangeLogQuery,
  ExchangeLogVerdict,
  pageOf,
  ReasonBody,
  ReplayBody,
  ReplayResult,
  SharingAgreementView,
  SubscriptionCredentials,
  SubscriptionListQuery,
  WebhookDeliveryView,
  WebhookSubscriptionView,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['数据交换管理'];
const IdParam = z.object({ id: z.uuid('编号格式不正确') }).strict();

/** Client, agreement and subscription administration, and the exchange log (staff sessions). */
export function exchangeAdminRoutes(services: Services): FastifyPluginAsyncZod {
  const { admin } = services.exchange;
  return async (app) => {
    app.get(
      '/api/exchange-admin/clients',
      {
        schema: {
          tags,
          summary: '接入客户端列表',
          querystring: ClientListQuery,
          response: { 200: pageOf(ExchangeClientView) },
        },
      },
      async (request) => admin.listClients(actorContextOf(request), request.query),
    );
    app.post(
      '/api/exchange-admin/clients',
      {
        schema: {
          tags,
          summary: '登记接入客户端（密钥仅此一次显示）',
          body: CreateExchangeClientBody,
          response: { 201: ExchangeClientCredentials },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await admin.createClient(actorContextOf(request), request.body)),
    );
    app.post(
      '/api/exchange-admin/clients/:id/disable',
      {
        schema: {
          tags,
          summary: '停用客户端（其令牌立即失效）',
          params: IdParam,
          body: ReasonBody,
          response: { 200: ExchangeClientView },
        },
      },
      async (request) =>
        admin.disableClient(actorContextOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/api/exchange-admin/clients/:id/secret',
      {
        schema: {
          tags,
          summary: '重置客户端密钥（新密钥仅此一次显示）',
          params: IdParam,
          response: { 200: ExchangeClientCredentials },
        },
      },
      async (request) => admin.resetSecret(actorContextOf(request), request.params.id),
    );

    app.get(
      '/api/exchange-admin/agreements',
      {
        schema: {
          tags,
          summary: '共享协议列表',
          querystring: AgreementListQuery,
          response: { 200: pageOf(SharingAgreementView) },
        },
      },
      async (request) => admin.listAgreements(actorContextOf(request), request.query),
    );
    app.post(
      '/api/exchange-admin/agreements',
      {
        schema: {
          tags,
          summary: '签订共享协议（数据元、区域、用途、有效期、频率上限）',
          body: CreateAgreementBody,
          response: { 201: SharingAgreementView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await admin.createAgreement(actorContextOf(request), request.body)),
    );
    app.post(
      '/api/exchange-admin/agreements/:id/end',
      {
        schema: {
          tags,
          summary: '终止共享协议',
          params: IdParam,
          body: ReasonBody,
          response: { 200: SharingAgreementView },
        },
      },
      async (request) =>
        admin.endAgreement(actorContextOf(request), request.params.id, request.body.reason),
    );

    app.get(
      '/api/exchange-admin/subscriptions',
      {
        schema: {
          tags,
          summary: '事件订阅（Webhook）列表',
          querystring: SubscriptionListQuery,
          response: { 200: pageOf(WebhookSubscriptionView) },
        },
      },
      async (request) => admin.listSubscriptions(actorContextOf(request), request.query),
    );
    app.post(
      '/api/exchange-admin/subscriptions',
      {
        schema: {
          tags,
          summary: '新建事件订阅（签名密钥仅此一次显示）',
          body: CreateSubscriptionBody,
          response: { 201: SubscriptionCredentials },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await admin.createSubscription(actorContextOf(request), request.body)),
    );
    app.post(
      '/api/exchange-admin/subscriptions/:id/disable',
      {
        schema: {
          tags,
          summary: '停用事件订阅',
          params: IdParam,
          body: ReasonBody,
          response: { 200: WebhookSubscriptionView },
        },
      },
      async (request) =>
        admin.disableSubscription(actorContextOf(request), request.params.id, request.body.reason),
    );
    app.get(
      '/api/exchange-admin/subscriptions/:id/deliveries',
      {
        schema: {
          tags,
          summary: '投递记录（每次尝试）',
          params: IdParam,
          querystring: DeliveryListQuery,
          response: { 200: pageOf(WebhookDeliveryView) },
        },
      },
      async (request) =>
        admin.listDeliveries(actorContextOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/exchange-admin/subscriptions/:id/replay',
      {
        schema: {
          tags,
          summary: '从某一位置起重新投递（事件编号不变）',
          params: IdParam,
          body: ReplayBody,
          response: { 200: ReplayResult },
        },
      },
      async (request) =>
        admin.replaySubscription(
          actorContextOf(request),
          request.params.id,
          request.body.fromPosition,
        ),
    );
    app.post(
      '/api/exchange-admin/deliveries/:id/replay',
      {
        schema: {
          tags,
          summary: '重新投递一条事件（事件编号不变）',
          params: IdParam,
          response: { 200: ReplayResult },
        },
      },
      async (request) => admin.replayDelivery(actorContextOf(request), request.params.id),
    );

    app.get(
      '/api/exchange-admin/log',
      {
        schema: {
          tags,
          summary: '交换日志（按客户端、结果、时间筛选）',
          querystring: ExchangeLogQuery,
          response: { 200: pageOf(ExchangeLogEntryView) },
        },
      },
      async (request) => admin.listLog(actorContextOf(request), request.query),
    );
    app.get(
      '/api/exchange-admin/log/verify',
      {
        schema: { tags, summary: '校验交换日志哈希链', response: { 200: ExchangeLogVerdict } },
      },
      async (request) => admin.verifyLog(actorContextOf(request)),
    );
  };
}
