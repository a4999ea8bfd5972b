import { timingSafeEqual } from 'node:crypto';
import { DomainError, type Actor } from '@shequ/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, type SessionRecord } from '../modules/auth/session.repository';
import type { AuthService, SignedIn } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'shequ_session';
export const CSRF_COOKIE = 'shequ_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionRecord | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the server-side session named by the cookie and guards every state-changing request with
 * a CSRF token: the session's own token, or before login the pre-session cookie's (double submit).
 */
export function installSessions(
  app: FastifyInstance,
  auth: AuthService,
  cookieSecure: 'auto' | boolean,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    // machine clients of the exchange API carry a bearer token, never a cookie: no session, no CSRF
    if (request.url.startsWith('/api/exchange/v1/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token && token.length < 200) {
      const signedIn = await auth.resolve(token);
      if (signedIn) {
        request.session = signedIn.session;
        request.actor = signedIn.actor;
      }
    }
    if (SAFE_METHODS.has(request.method)) return;
    const sent = request.headers[CSRF_HEADER];
    const expected = request.session?.csrfToken ?? request.cookies[CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) {
      throw new DomainError('CSRF', '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）');
    }
  });

  const secure = (request: FastifyRequest) =>
    cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure;

  app.decorateReply(
    'startSession',
    function (this: FastifyReply, token: string, signedIn: SignedIn) {
      this.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(this.request),
        expires: signedIn.session.expiresAt,
      });
      this.setCookie(CSRF_COOKIE, signedIn.session.csrfToken, {
        path: '/',
        sameSite: 'lax',
        secure: secure(this.request),
      });
      this.request.session = signedIn.session;
      this.request.actor = signedIn.actor;
    },
  );

  app.decorateReply('endSession', function (this: FastifyReply) {
    this.clearCookie(SESSION_COOKIE, { path: '/' });
    const fresh = randomToken();
    this.setCookie(CSRF_COOKIE, fresh, {
      path: '/',
      sameSite: 'lax',
      secure: secure(this.request),
    });
    this.request.session = null;
    this.request.actor = null;
    return fresh;
  });

  /** The CSRF token the client should send next; before login a pre-session cookie is issued. */
  app.decorateReply('csrfToken', function (this: FastifyReply): string {
    if (this.request.session) return this.request.session.csrfToken;
    const existing = this.request.cookies[CSRF_COOKIE];
    if (existing && existing.length >= 32 && existing.length < 100) return existing;
    const fresh = randomToken();
    this.setCookie(CSRF_COOKIE, fresh, {
      path: '/',
      sameSite: 'lax',
      secure: secure(this.request),
    });
    return fresh;
  });
}

declare module 'fastify' {
  interface FastifyReply {
    startSession(token: string, signedIn: SignedIn): void;
    endSession(): string;
    csrfToken(): string;
  }
}
