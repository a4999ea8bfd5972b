import type { MatterFieldType, PrefillField, PrefillSource } from '@shequ/core';
import { matterCodeSet, type MatterFormField } from './matter-definition';

/** A value as the intake form's inputs hold it: dates as `YYYY-MM-DD`, codes as their code. */
export type IntakeValue = string | number | boolean | null | undefined;

/** One input of the intake form, built from a field of the matter definition. */
export interface IntakeFieldSpec {
  key: string;
  label: string;
  type: MatterFieldType;
  required: boolean;
  help?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  /** `code` fields: the code set's items to pick from. */
  options?: { value: string; label: string }[];
  /** Where the prefilled value came from, said beside the field. */
  source?: PrefillSource;
}

/** Text fields without a `maxLength` are still bounded (as core bounds them). */
const defaultMaxLength: Partial<Record<MatterFieldType, number>> = { text: 200, textarea: 2000 };

/** The inputs of a matter's application form, with the code sets' options and the prefill sources. */
export function intakeFieldSpecs(
  fields: readonly MatterFormField[],
  prefill: readonly PrefillField[] = [],
): IntakeFieldSpec[] {
  return fields.map((field) => {
    const source = prefill.find((p) => p.key === field.key)?.source ?? undefined;
    const codeSet = field.type === 'code' ? matterCodeSet(field.codeSet) : undefined;
    return {
      key: field.key,
      label: field.label,
      type: field.type,
      required: field.required,
      ...(field.help ? { help: field.help } : {}),
      ...(field.maxLength !== undefined || defaultMaxLength[field.type] !== undefined
        ? { maxLength: field.maxLength ?? defaultMaxLength[field.type] }
        : {}),
      ...(field.min !== undefined ? { min: field.min } : {}),
      ...(field.max !== undefined ? { max: field.max } : {}),
      ...(codeSet
        ? { options: codeSet.items.map((item) => ({ value: item.code, label: item.name })) }
        : {}),
      ...(source ? { source } : {}),
    };
  });
}

function inputValue(type: MatterFieldType, value: PrefillField['value']): IntakeValue {
  if (value === null) return undefined;
  switch (type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true';
    case 'date':
    case 'code':
    case 'text':
    case 'textarea':
    case 'phone':
      return String(value);
  }
}

/** The form's starting values: what the platform holds about the applicant, typed per field. */
export function initialIntakeValues(
  specs: readonly IntakeFieldSpec[],
  prefill: readonly PrefillField[],
): Record<string, IntakeValue> {
  const out: Record<string, IntakeValue> = {};
  for (const spec of specs) {
    const field = prefill.find((p) => p.key === spec.key);
    out[spec.key] = field ? inputValue(spec.type, field.value) : undefined;
  }
  return out;
}

/**
 * The form as the server takes it: every field of the matter, text trimmed, a blank as null (the
 * server names the required ones that are missing).
 */
export function submittedForm(
  specs: readonly IntakeFieldSpec[],
  values: Record<string, IntakeValue>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const spec of specs) {
    const value = values[spec.key];
    if (value === undefined || value === null) out[spec.key] = null;
    else if (typeof value === 'string') out[spec.key] = value.trim() === '' ? null : value.trim();
    else out[spec.key] = value;
  }
  return out;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Whether a phone number can receive the SMS notices (an 11-digit mainland mobile). */
export const isMobile = (phone: string | undefined | null): boolean =>
  MOBILE.test((phone ?? '').replace(/\s+/g, ''));

/**
 * The number the SMS notices go to, suggested from the prefill: the form's `phone` field first,
 * then any phone field, as long as it is a mobile (a landline cannot take a text).
 */
export function defaultSmsPhone(
  specs: readonly IntakeFieldSpec[],
  prefill: readonly PrefillField[],
): string | undefined {
  const phones = [
    ...prefill.filter((p) => p.key === 'phone'),
    ...prefill.filter(
      (p) => p.key !== 'phone' && specs.some((s) => s.key === p.key && s.type === 'phone'),
    ),
  ];
  for (const field of phones) {
    const value = typeof field.value === 'string' ? field.value.replace(/\s+/g, '') : '';
    if (isMobile(value)) return value;
  }
  return undefined;
}

/**
 * The key that makes a second submit of the same wizard harmless (the server refuses it). A UUID
 * where the browser has one (secure contexts); random hex from `getRandomValues` elsewhere, as on
 * an intranet served over plain HTTP.
 */
export function newSubmissionKey(
  source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto,
): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
