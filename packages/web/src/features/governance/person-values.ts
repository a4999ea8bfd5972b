import type { PersonDetail } from '@shequ/core';

/**
 * Whether the person has a value for an attribute shown in the person view (sensitive ones come
 * masked: `idNumberMasked`), so a status is shown only beside a value that exists.
 */
export function attributeHasValue(person: PersonDetail, attribute: string): boolean {
  const record = person as unknown as Record<string, unknown>;
  const value = record[attribute] ?? record[`${attribute}Masked`];
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}
