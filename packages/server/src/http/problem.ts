import { errorTitles, type DomainError, type DomainErrorCode, type FieldError } from '@shequ/core';

/** HTTP status of each domain error code. Exhaustive: a new code does not compile until mapped. */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'PASSWORD_POLICY':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'SECOND_FACTOR_REQUIRED':
    case 'SECOND_FACTOR_INVALID':
    case 'SECOND_FACTOR_SETUP_REQUIRED':
      return 401;
    case 'ACCOUNT_LOCKED':
    case 'ACCOUNT_DISABLED':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'FORBIDDEN':
    case 'OUT_OF_SCOPE':
    case 'SEPARATION_OF_DUTIES':
    case 'CSRF':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: DomainErrorCode;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** The problem+json body for a domain error. 5xx bodies never carry the internal message. */
export function problemOf(error: DomainError, requestId?: string): ProblemBody {
  const status = statusOf(error.code);
  const body: ProblemBody = {
    type: `urn:shequ:problem:${error.code.toLowerCase()}`,
    title: errorTitles[error.code],
    status,
    code: error.code,
  };
  if (status < 500 && error.message && error.message !== body.title) body.detail = error.message;
  if (requestId) body.requestId = requestId;
  if (error.fieldErrors.length > 0) body.errors = error.fieldErrors;
  return body;
}
