import {
  derivedTagLabels,
  lifeStatuses,
  residenceTypes,
  type CodeSet,
  type DerivedTag,
  type LifeStatus,
  type ResidenceType,
} from '@shequ/core';

/** The name of a stored code (民族 01 → 汉族); the code itself if the table lacks it; — for none. */
export function codeLabel(set: CodeSet, code: string | null | undefined): string {
  if (!code) return '—';
  return set.items.find((item) => item.code === code)?.name ?? code;
}

const derivedTagCodes = Object.keys(derivedTagLabels) as DerivedTag[];

/** A derived tag the client knows, for its translated label; undefined for an unknown one. */
export function knownDerivedTag(tag: string): DerivedTag | undefined {
  return derivedTagCodes.find((code) => code === tag);
}

export function isResidenceType(value: string | null): value is ResidenceType {
  return residenceTypes.some((type) => type.code === value);
}

export function isLifeStatus(value: string | null): value is LifeStatus {
  return lifeStatuses.some((status) => status.code === value);
}
