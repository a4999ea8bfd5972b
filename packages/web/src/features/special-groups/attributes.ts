import {
  departmentTypes,
  findCodeSet,
  findSpecialGroup,
  unemployedClassCodes,
  type CodeSet,
  type SpecialGroupField,
} from '@shequ/core';

/** The code table a register field names: a national one or the registers' own. */
export function fieldCodeSet(field: SpecialGroupField): CodeSet | undefined {
  if (!field.codeSet) return undefined;
  return field.codeSet === unemployedClassCodes.id
    ? unemployedClassCodes
    : findCodeSet(field.codeSet);
}

function display(field: SpecialGroupField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const set = field ? fieldCodeSet(field) : undefined;
  if (set) return set.items.find((item) => item.code === String(value))?.name ?? String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A membership's facts as label and text, in the register's field order (the code of a 残疾等级
 * shown as 二级); facts the register no longer defines follow under their keys.
 */
export function describeAttributes(
  groupCode: string,
  attributes: Record<string, unknown>,
): { key: string; label: string; value: string }[] {
  const fields = findSpecialGroup(groupCode)?.fields ?? [];
  const known = fields
    .filter((field) => field.key in attributes)
    .map((field) => ({
      key: field.key,
      label: field.label,
      value: display(field, attributes[field.key]),
    }));
  const rest = Object.keys(attributes)
    .filter((key) => !fields.some((field) => field.key === key))
    .map((key) => ({ key, label: key, value: display(undefined, attributes[key]) }));
  return [...known, ...rest];
}

/** The short name of a verifying department type (民政, 残联 …). */
export function departmentTypeName(code: string): string {
  return departmentTypes.find((type) => type.code === code)?.shortName ?? code;
}
