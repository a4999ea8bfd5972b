import { Problem } from '@shequ/core';

/** One field error as the server reports it: a dotted path (`grants.0.regionCode`) and a message. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Error codes the client raises itself, next to the server's domain codes. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'HTTP';

/**
 * Every failed API call surfaces as an ApiError carrying the problem document: the status, the
 * stable code, a Chinese title for people, and field errors a form can mark.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldProblem[];

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.fieldErrors = problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The problem document of a failed response. A body that is not a problem document (a proxy's
 * HTML page, an empty 502) becomes a generic problem with the given title.
 */
export function problemFromResponse(status: number, body: unknown, fallbackTitle: string): Problem {
  const parsed = Problem.safeParse(body);
  if (parsed.success) return parsed.data;
  return { type: 'about:blank', title: fallbackTitle, status, code: 'HTTP' };
}

/** An antd form field name: `grants.0.regionCode` → `['grants', 0, 'regionCode']`. */
export type FieldName = (string | number)[];

/** Splits a server path into a form name path; numeric segments become list indexes. */
export function pathToFieldName(path: string): FieldName {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment !== '')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export interface PlacedFieldErrors {
  /** Ready for `form.setFields`: one entry per field, its messages in order. */
  fields: { name: FieldName; errors: string[] }[];
  /** Errors whose path is no field of the form; show them beside the title instead. */
  unplaced: FieldProblem[];
}

const nameKey = (name: FieldName) => JSON.stringify(name);

/**
 * Sorts field errors onto the fields a form has. A path that names no field of the form
 * (`grants` when the list as a whole is wrong) stays unplaced so the message is not lost.
 */
export function placeFieldErrors(
  errors: readonly FieldProblem[],
  formFields: readonly FieldName[],
): PlacedFieldErrors {
  const known = new Set(formFields.map(nameKey));
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const unplaced: FieldProblem[] = [];
  for (const error of errors) {
    const name = pathToFieldName(error.path);
    const key = nameKey(name);
    if (name.length === 0 || !known.has(key)) {
      unplaced.push(error);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(error.message)) entry.errors.push(error.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unplaced };
}

/** The issues of a failed zod parse as field problems, so client checks read like the server's. */
export function issuesToFieldProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}
