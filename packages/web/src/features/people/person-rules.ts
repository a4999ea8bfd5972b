import { parseIdNumber, PHONE_PATTERN, RESIDENT_ID_CARD } from '@shequ/core';
import dayjs from 'dayjs';

/** Today in China, as core's rules take it (they have no clock). */
export const today = () => dayjs().format('YYYY-MM-DD');

/** The problem with a document number, or undefined; a 居民身份证 number is checked in full. */
export function documentNumberProblem(
  value: string,
  documentType: string | undefined,
): string | undefined {
  if ((documentType ?? RESIDENT_ID_CARD) === RESIDENT_ID_CARD) {
    const parsed = parseIdNumber(value, today());
    return parsed.ok ? undefined : parsed.message;
  }
  return /^[A-Za-z0-9-]{5,40}$/.test(value.trim())
    ? undefined
    : '证件号码只能包含字母、数字和连字符（5–40 位）';
}

/** Whether a phone number has the shape of a mobile or landline number. */
export function isPhoneNumber(value: string): boolean {
  return PHONE_PATTERN.test(value.replace(/[\s()（）]/g, ''));
}
