import { canonicalJson } from './audit';
import { findDataElement } from './data-elements';
import { isWithin } from './region';

/**
 * The exchange interface for department systems: the rules the server applies to every machine
 * request, as pure functions. Time comes in as a parameter.
 */

/** Lifetime of an access token issued to a machine client. */
export const EXCHANGE_TOKEN_TTL_SECONDS = 15 * 60;

/** The request headers that name why a request is made and for whom (as X-Road does). */
export const PURPOSE_HEADER = 'x-shequ-purpose';
export const END_USER_HEADER = 'x-shequ-end-user';

/** How a machine request ended, as the exchange log records it. */
export const exchangeOutcomes = ['allowed', 'refused', 'not_found', 'error'] as const;
export type ExchangeOutcome = (typeof exchangeOutcomes)[number];

export const exchangeOutcomeLabels: Record<ExchangeOutcome, string> = {
  allowed: '已允许',
  refused: '已拒绝',
  not_found: '未找到',
  error: '出错',
};

/** The outcome of a request from the HTTP status of its answer. */
export function outcomeOfStatus(status: number): ExchangeOutcome {
  if (status >= 500) return 'error';
  if (status === 404) return 'not_found';
  if (status >= 400) return 'refused';
  return 'allowed';
}

export type HeaderResult<T> = { ok: true; value: T } | { ok: false; message: string };

function decodeHeader(raw: string): string | null {
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
}

const PURPOSE_CODE = /^[a-z0-9][a-z0-9_.-]{1,39}$/;

/** Whether a text is a valid purpose code of an agreement (`minimum-living-review`). */
export function isPurposeCode(code: string): boolean {
  return PURPOSE_CODE.test(code);
}

/**
 * Reads `X-Shequ-Purpose`: the agreement's purpose code, optionally followed by `:` and the case
 * reference the request serves (URI-encoded when it holds Chinese), e.g.
 * `minimum-living-review:%E8%8B%8F%E6%B0%91...`.
 */
export function parsePurposeHeader(
  raw: string | undefined,
): HeaderResult<{ purposeCode: string; caseRef: string | null }> {
  if (raw === undefined || raw.trim() === '') {
    return { ok: false, message: '缺少请求头 X-Shequ-Purpose（用途代码[:案卷号]）' };
  }
  const text = decodeHeader(raw);
  if (text === null) return { ok: false, message: 'X-Shequ-Purpose 不是合法的 URI 编码' };
  const colon = text.indexOf(':');
  const purposeCode = (colon < 0 ? text : text.slice(0, colon)).trim();
  const caseRef = colon < 0 ? null : text.slice(colon + 1).trim() || null;
  if (!isPurposeCode(purposeCode)) {
    return { ok: false, message: `X-Shequ-Purpose 中的用途代码“${purposeCode}”格式不正确` };
  }
  if (caseRef !== null && caseRef.length > 200) {
    return { ok: false, message: 'X-Shequ-Purpose 中的案卷号不得超过 200 个字符' };
  }
  return { ok: true, value: { purposeCode, caseRef } };
}

/** Reads `X-Shequ-End-User`: who, in the client system, the request is made for (URI-encoded). */
export function parseEndUserHeader(raw: string | undefined): HeaderResult<string> {
  if (raw === undefined || raw.trim() === '') {
    return { ok: false, message: '缺少请求头 X-Shequ-End-User（代表其发起请求的最终用户）' };
  }
  const text = decodeHeader(raw);
  if (text === null || text === '') {
    return { ok: false, message: 'X-Shequ-End-User 不是合法的 URI 编码' };
  }
  if (text.length > 200) return { ok: false, message: 'X-Shequ-End-User 不得超过 200 个字符' };
  return { ok: true, value: text };
}

/** What an agreement allows, as the rules need it. */
export interface AgreementTerms {
  status: 'active' | 'ended';
  elementCodes: readonly string[];
  regionCode: string;
  validFrom: string;
  validTo: string | null;
}

export type AgreementValidity = 'valid' | 'not_yet_valid' | 'expired' | 'ended';

/** Whether an agreement may be used on a day (YYYY-MM-DD, China time); both ends inclusive. */
export function agreementValidity(terms: AgreementTerms, today: string): AgreementValidity {
  if (terms.status === 'ended') return 'ended';
  if (today < terms.validFrom) return 'not_yet_valid';
  if (terms.validTo !== null && today > terms.validTo) return 'expired';
  return 'valid';
}

export const agreementValidityMessages: Record<Exclude<AgreementValidity, 'valid'>, string> = {
  not_yet_valid: '共享协议尚未生效',
  expired: '共享协议已过有效期',
  ended: '共享协议已终止',
};

/** The requested elements the agreement does not cover (empty when all are covered). */
export function elementsOutside(terms: AgreementTerms, requested: readonly string[]): string[] {
  const agreed = new Set(terms.elementCodes);
  return [...new Set(requested)].filter((c) => !agreed.has(c));
}

/** Whether a region lies in the agreement's subtree. */
export function regionAgreed(terms: AgreementTerms, regionCode: string): boolean {
  return isWithin(regionCode, terms.regionCode);
}

/** Problems with proposed agreement terms, each naming its field; empty when they may be saved. */
export function agreementProblems(input: {
  elementCodes: readonly string[];
  validFrom: string;
  validTo: string | null;
}): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const unknown = input.elementCodes.filter((c) => !findDataElement(c));
  if (unknown.length > 0) {
    problems.push({ path: 'elementCodes', message: `数据元不存在：${unknown.join('、')}` });
  }
  if (new Set(input.elementCodes).size !== input.elementCodes.length) {
    problems.push({ path: 'elementCodes', message: '数据元不得重复' });
  }
  if (input.validTo !== null && input.validTo < input.validFrom) {
    problems.push({ path: 'validTo', message: '有效期截止日不得早于起始日' });
  }
  return problems;
}

/**
 * Personal values that are kept only encrypted (ID number, phone, addresses): they are never
 * copied into the clear outbox of change events; a client reads them from the person.
 */
export const encryptedElementCodes: readonly string[] = [
  'person.idNumber',
  'person.phone',
  'person.registeredAddress',
  'person.currentAddress',
];

/** A change event as stored in the outbox. */
export interface ExchangeEventRecord {
  id: string;
  position: number;
  type: string;
  personId: string | null;
  regionCode: string;
  elementCodes: readonly string[];
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** A change event as a client sees it: only the elements its agreement covers. */
export interface ExchangeEventView {
  eventId: string;
  position: number;
  type: string;
  occurredAt: string;
  personId: string | null;
  regionCode: string;
  elementCodes: string[];
  elements: Record<string, unknown>;
}

/**
 * The event cut down to an agreement, or null when the agreement covers none of its elements or
 * not its region. Only `payload.elements` entries of agreed elements leave the server; other
 * payload keys never do.
 */
export function eventForAgreement(
  event: ExchangeEventRecord,
  terms: AgreementTerms,
): ExchangeEventView | null {
  if (!regionAgreed(terms, event.regionCode)) return null;
  const agreed = new Set(terms.elementCodes);
  const elementCodes = event.elementCodes.filter((c) => agreed.has(c));
  if (elementCodes.length === 0) return null;
  const source = event.payload.elements;
  const elements: Record<string, unknown> = {};
  if (source !== null && typeof source === 'object') {
    for (const code of elementCodes) {
      const value = (source as Record<string, unknown>)[code];
      if (value !== undefined) elements[code] = value;
    }
  }
  return {
    eventId: event.id,
    position: event.position,
    type: event.type,
    occurredAt: event.occurredAt,
    personId: event.personId,
    regionCode: event.regionCode,
    elementCodes,
    elements,
  };
}

/** Problems with an event about to be put in the outbox; empty when it may be stored. */
export function exchangeEventProblems(event: {
  type: string;
  regionCode: string;
  elementCodes: readonly string[];
  payload: Record<string, unknown>;
}): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z_]*([.][a-z_]+)+$/.test(event.type)) {
    problems.push(`event type ${event.type} must look like value.ruled`);
  }
  if (!/^\d{2,15}$/.test(event.regionCode)) problems.push(`bad region code ${event.regionCode}`);
  if (event.elementCodes.length === 0) problems.push('an event names at least one element');
  for (const code of event.elementCodes) {
    if (!findDataElement(code)) problems.push(`unknown element ${code}`);
  }
  const elements = event.payload.elements;
  if (elements !== undefined) {
    if (elements === null || typeof elements !== 'object' || Array.isArray(elements)) {
      problems.push('payload.elements must be an object keyed by element code');
    } else {
      for (const [code, entry] of Object.entries(elements)) {
        if (!event.elementCodes.includes(code)) {
          problems.push(`payload.elements.${code} is not among the event's elements`);
        }
        if (
          encryptedElementCodes.includes(code) &&
          entry !== null &&
          typeof entry === 'object' &&
          (entry as Record<string, unknown>).value != null
        ) {
          problems.push(`payload.elements.${code} carries an encrypted personal value in clear`);
        }
      }
    }
  }
  return problems;
}

/** Webhook retries: the first after 30 s, then doubling, at most 6 h apart, given up after a day. */
export const WEBHOOK_FIRST_RETRY_MS = 30_000;
export const WEBHOOK_MAX_RETRY_MS = 6 * 3600_000;
export const WEBHOOK_GIVE_UP_AFTER_MS = 24 * 3600_000;

/**
 * When to try a failed delivery again, or null to give up. Each wait is as long as the delivery
 * has been waiting so far (at least 30 s, at most 6 h), so waits double: 30 s, 30 s, 1 min,
 * 2 min … 6 h. It depends on time, not on a count, so a replay (queued anew) starts over. No retry
 * is scheduled once more than a day has passed since the delivery was queued, so the last attempt
 * comes between 24 and 30 hours after it.
 */
export function nextWebhookAttempt(queuedAt: Date, now: Date): Date | null {
  const waited = now.getTime() - queuedAt.getTime();
  if (waited > WEBHOOK_GIVE_UP_AFTER_MS) return null;
  const delay = Math.min(Math.max(waited, WEBHOOK_FIRST_RETRY_MS), WEBHOOK_MAX_RETRY_MS);
  return new Date(now.getTime() + delay);
}

/** The text a webhook signature is computed over: `timestamp.body`. */
export function webhookSignedText(timestamp: string, body: string): string {
  return `${timestamp}.${body}`;
}

/**
 * The text a request hash starts with; the raw request body follows it. So a client can compute
 * the hash of what it sent: SHA-256(`METHOD path\npurpose\nend user\n` + body).
 */
export function requestHashPrefix(
  method: string,
  path: string,
  purposeHeader: string | null,
  endUserHeader: string | null,
): string {
  return `${method.toUpperCase()} ${path}\n${purposeHeader ?? ''}\n${endUserHeader ?? ''}\n`;
}

/** The fields of an exchange log entry that its hash covers, in the form they are stored. */
export interface ExchangeLogContent {
  seq: number;
  at: string;
  requestId: string;
  exchangeClientId: string | null;
  clientId: string | null;
  agreementId: string | null;
  regionCode: string | null;
  method: string;
  path: string;
  purpose: string | null;
  caseRef: string | null;
  endUser: string | null;
  requestHash: string;
  responseHash: string;
  statusCode: number;
  outcome: ExchangeOutcome;
  reason: string | null;
  detail: unknown;
  prevHash: string;
}

/** The text an exchange log entry's hash is computed over: its canonical JSON. */
export function exchangeLogHashInput(entry: ExchangeLogContent): string {
  return canonicalJson(entry);
}
