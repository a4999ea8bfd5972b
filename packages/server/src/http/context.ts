import type { Actor } from '@shequ/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@shequ/core';
import type { SessionRecord } from '../modules/auth/session.repository';

/** What a service needs to know about the request it serves: who, from where, for what. */
export interface RequestContext {
  actor: Actor | null;
  session: SessionRecord | null;
  requestId: string;
  clientIp: string;
  userAgent: string | null;
  purpose: string | null;
}

/** A context with a signed-in actor. */
export interface ActorContext extends RequestContext {
  actor: Actor;
  session: SessionRecord;
}

export function contextOf(request: FastifyRequest): RequestContext {
  const purposeHeader = request.headers['x-purpose'];
  const purpose = typeof purposeHeader === 'string' ? decodePurpose(purposeHeader) : null;
  return {
    actor: request.actor,
    session: request.session,
    requestId: request.id,
    clientIp: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    purpose,
  };
}

/**
 * The request's context, or UNAUTHENTICATED when nobody is fully signed in. An account whose
 * password must be changed may only reach the routes that let it do so.
 */
export function actorContextOf(
  request: FastifyRequest,
  options: { allowPendingPasswordChange?: boolean } = {},
): ActorContext {
  const ctx = contextOf(request);
  if (!ctx.actor || !ctx.session || ctx.session.stage !== 'full') {
    throw new DomainError('UNAUTHENTICATED', '请先登录');
  }
  if (ctx.session.passwordChangeRequired && !options.allowPendingPasswordChange) {
    throw new DomainError('PASSWORD_CHANGE_REQUIRED', '密码已过期或由管理员重置，请先修改密码');
  }
  return ctx as ActorContext;
}

function decodePurpose(value: string): string | null {
  try {
    return decodeURIComponent(value).slice(0, 200) || null;
  } catch {
    return null;
  }
}
