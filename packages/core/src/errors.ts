/** Stable error codes of the domain. The server maps each to an HTTP status in one exhaustive table. */
export const domainErrorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_INVALID',
  'SECOND_FACTOR_SETUP_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_POLICY',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'SEPARATION_OF_DUTIES',
  'CSRF',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

/** One of the stable error codes. */
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** A problem with one input field, addressed by its path (`username`, `grants.0.regionCode`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error type of the domain: a stable code, a Chinese message for people, and optional
 * field errors so a form can mark the field.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors: FieldError[];

  constructor(code: DomainErrorCode, message: string, fieldErrors: FieldError[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** A validation error naming one field. */
export function fieldError(path: string, message: string): DomainError {
  return new DomainError('VALIDATION', `${message}`, [{ path, message }]);
}

/** Chinese titles for each code, used as the problem `title`. */
export const errorTitles: Record<DomainErrorCode, string> = {
  VALIDATION: '请求参数有误',
  NOT_FOUND: '未找到',
  CONFLICT: '与现有数据冲突',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '账号已锁定',
  ACCOUNT_DISABLED: '账号已停用',
  SECOND_FACTOR_REQUIRED: '需要动态验证码',
  SECOND_FACTOR_INVALID: '动态验证码错误',
  SECOND_FACTOR_SETUP_REQUIRED: '请先设置双因素认证',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码',
  PASSWORD_POLICY: '密码不符合安全策略',
  FORBIDDEN: '无权执行此操作',
  OUT_OF_SCOPE: '超出您的管辖范围',
  SEPARATION_OF_DUTIES: '违反三员分立要求',
  CSRF: '请求校验失败，请刷新页面后重试',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  RATE_LIMITED: '请求过于频繁',
  INTERNAL: '服务器内部错误',
};
