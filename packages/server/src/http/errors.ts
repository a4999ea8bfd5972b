import { DomainError, type FieldError } from '@shequ/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { problemOf, type ProblemBody } from './problem';

/** `/grants/0/regionCode` → `grants.0.regionCode`; an unknown key names itself. */
function fieldErrorsOfValidation(error: FastifyError): FieldError[] {
  const issues = (error.validation ?? []) as {
    instancePath?: string;
    message?: string;
    keyword?: string;
    params?: Record<string, unknown>;
  }[];
  return issues.flatMap((issue) => {
    const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys)) {
      return (issue.params.keys as string[]).map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: `不允许的字段：${key}`,
      }));
    }
    return [
      {
        path: base || String(error.validationContext ?? 'body'),
        message: issue.message ?? '格式不正确',
      },
    ];
  });
}

function send(
  reply: { code(n: number): unknown; type(t: string): unknown; send(b: unknown): unknown },
  body: ProblemBody,
) {
  reply.code(body.status);
  reply.type('application/problem+json; charset=utf-8');
  return reply.send(body);
}

/** Every error leaves as application/problem+json; a 5xx never echoes internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.code === 'INTERNAL') request.log.error({ err: error }, 'internal domain error');
      return send(reply, problemOf(error, request.id));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors = fieldErrorsOfValidation(error);
      return send(
        reply,
        problemOf(
          new DomainError(
            'VALIDATION',
            fieldErrors.map((e) => `${e.path}：${e.message}`).join('；'),
            fieldErrors,
          ),
          request.id,
        ),
      );
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(
        reply,
        problemOf(new DomainError('PAYLOAD_TOO_LARGE', '请求内容超过大小限制'), request.id),
      );
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return send(
        reply,
        problemOf(
          new DomainError('VALIDATION', '请求体不是合法的 JSON', [
            { path: 'body', message: '请求体不是合法的 JSON' },
          ]),
          request.id,
        ),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const body = problemOf(
        new DomainError(
          'VALIDATION',
          '不支持的请求内容类型（Content-Type）：数据请用 application/json，文件按接口说明上传',
        ),
        request.id,
      );
      return send(reply, { ...body, status: 415 });
    }
    // PostgreSQL refuses NUL and text it cannot encode: the input is bad, not the server
    if (error.code === '22P05' || error.code === '22021') {
      return send(
        reply,
        problemOf(
          new DomainError(
            'VALIDATION',
            '提交的内容含有不允许的控制字符（如 \\u0000），请删除后重试',
          ),
          request.id,
        ),
      );
    }
    if (status === 429)
      return send(
        reply,
        problemOf(new DomainError('RATE_LIMITED', '请求过于频繁，请稍后再试'), request.id),
      );
    if (status >= 400 && status < 500) {
      const body = problemOf(new DomainError('VALIDATION', '请求无效'), request.id);
      return send(reply, { ...body, status });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problemOf(new DomainError('INTERNAL', 'internal'), request.id));
  });
}
