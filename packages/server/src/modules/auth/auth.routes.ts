import {
  ChangePasswordBody,
  LoginBody,
  Me,
  Ok,
  SecondFactorBody,
  SecondFactorSetup,
  SessionState,
  SwitchContextBody,
} from '@shequ/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorContextOf, contextOf } from '../../http/context';
import type { Services } from '../../services';

const tags = ['登录与账号'];

export function authRoutes(services: Services): FastifyPluginAsyncZod {
  const { auth } = services;
  return async (app) => {
    app.get(
      '/api/auth/session',
      { schema: { tags, summary: '当前会话状态与 CSRF 令牌', response: { 200: SessionState } } },
      async (request, reply) => {
        const signedIn =
          request.session && request.actor
            ? { session: request.session, actor: request.actor }
            : null;
        return auth.state(signedIn, reply.csrfToken());
      },
    );

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags,
          summary: '用户名密码登录',
          body: LoginBody,
          response: { 200: SessionState },
        },
      },
      async (request, reply) => {
        const { token, signedIn } = await auth.login(
          contextOf(request),
          request.body.username,
          request.body.password,
        );
        reply.startSession(token, signedIn);
        return auth.state(signedIn, signedIn.session.csrfToken);
      },
    );

    app.post(
      '/api/auth/second-factor',
      {
        schema: {
          tags,
          summary: '提交动态验证码（TOTP）',
          body: SecondFactorBody,
          response: { 200: SessionState },
        },
      },
      async (request) => {
        const signedIn = await auth.verifySecondFactor(contextOf(request), request.body.code);
        request.session = signedIn.session;
        return auth.state(signedIn, signedIn.session.csrfToken);
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags, summary: '退出登录', response: { 200: Ok } } },
      async (request, reply) => {
        await auth.logout(contextOf(request));
        reply.endSession();
        return { ok: true as const };
      },
    );

    app.get(
      '/api/me',
      { schema: { tags, summary: '当前用户', response: { 200: Me } } },
      async (request) => {
        const ctx = actorContextOf(request, { allowPendingPasswordChange: true });
        return auth.me(ctx.actor, ctx.session);
      },
    );

    app.put(
      '/api/me/context',
      {
        schema: {
          tags,
          summary: '切换当前授权与区域',
          body: SwitchContextBody,
          response: { 200: Me },
        },
      },
      async (request) =>
        auth.switchContext(actorContextOf(request), request.body.grantId, request.body.regionCode),
    );

    app.post(
      '/api/me/second-factor/setup',
      { schema: { tags, summary: '生成双因素认证密钥', response: { 200: SecondFactorSetup } } },
      async (request) => auth.setupSecondFactor(contextOf(request)),
    );

    app.post(
      '/api/me/second-factor/enable',
      {
        schema: {
          tags,
          summary: '确认启用双因素认证',
          body: SecondFactorBody,
          response: { 200: SessionState },
        },
      },
      async (request) => {
        const signedIn = await auth.enableSecondFactor(contextOf(request), request.body.code);
        return auth.state(signedIn, signedIn.session.csrfToken);
      },
    );

    app.post(
      '/api/me/password',
      {
        schema: { tags, summary: '修改本人密码', body: ChangePasswordBody, response: { 200: Ok } },
      },
      async (request) => {
        await auth.changePassword(
          actorContextOf(request, { allowPendingPasswordChange: true }),
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { ok: true as const };
      },
    );
  };
}
