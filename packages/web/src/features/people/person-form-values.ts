import type { PersonDetail, ResidenceType } from '@shequ/core';
import dayjs, { type Dayjs } from 'dayjs';

/** The values of the person form as antd holds them (a date is a Dayjs, blanks are ''). */
export interface PersonFormValues {
  name?: string;
  formerNames?: string;
  documentType?: string;
  idNumber?: string;
  sex?: string;
  birthDate?: Dayjs | null;
  ethnicity?: string;
  residenceType?: ResidenceType;
  phone?: string;
  registeredAddress?: string;
  currentAddress?: string;
  politicalStatus?: string;
  maritalStatus?: string;
  education?: string;
  occupation?: string;
  employer?: string;
  health?: string;
  tags?: string[];
  note?: string;
  regionCode?: string;
  /** Edits only: why the record changes (kept in its history). */
  reason?: string;
}

/** Fields shown masked; the form never holds their stored values. */
const sensitiveFields = ['idNumber', 'phone', 'registeredAddress', 'currentAddress'] as const;

const textFields = [
  'name',
  'formerNames',
  'occupation',
  'employer',
  'health',
  'note',
  'sex',
  'ethnicity',
  'politicalStatus',
  'maritalStatus',
  'education',
] as const;

const blankToNull = (value: string | null | undefined) => value?.trim() || null;

/** The body for POST /api/people; blank optional fields are sent as null. */
export function toPersonInput(values: PersonFormValues) {
  return {
    name: values.name?.trim() ?? '',
    formerNames: blankToNull(values.formerNames),
    documentType: values.documentType || undefined,
    idNumber: values.idNumber?.trim() ?? '',
    sex: blankToNull(values.sex),
    birthDate: values.birthDate ? values.birthDate.format('YYYY-MM-DD') : null,
    ethnicity: blankToNull(values.ethnicity),
    residenceType: values.residenceType,
    registeredAddress: blankToNull(values.registeredAddress),
    currentAddress: blankToNull(values.currentAddress),
    phone: blankToNull(values.phone),
    politicalStatus: blankToNull(values.politicalStatus),
    maritalStatus: blankToNull(values.maritalStatus),
    education: blankToNull(values.education),
    occupation: blankToNull(values.occupation),
    employer: blankToNull(values.employer),
    health: blankToNull(values.health),
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    note: blankToNull(values.note),
    regionCode: values.regionCode ?? '',
  };
}

/** The edit form's starting values: the record as stored, masked fields left blank. */
export function personFormValuesOf(person: PersonDetail): PersonFormValues {
  return {
    name: person.name,
    formerNames: person.formerNames ?? '',
    documentType: person.documentType,
    sex: person.sex ?? undefined,
    birthDate: person.birthDate ? dayjs(person.birthDate) : null,
    ethnicity: person.ethnicity ?? undefined,
    residenceType: person.residenceType,
    politicalStatus: person.politicalStatus ?? undefined,
    maritalStatus: person.maritalStatus ?? undefined,
    education: person.education ?? undefined,
    occupation: person.occupation ?? '',
    employer: person.employer ?? '',
    health: person.health ?? '',
    tags: person.tags,
    note: person.note ?? '',
    regionCode: person.regionCode,
  };
}

/**
 * The body for PATCH /api/people/:id: only what the user changed, the version read and the
 * reason. A masked field is sent only when something was typed into it (blank keeps the value).
 */
export function toPersonPatch(values: PersonFormValues, person: PersonDetail) {
  const input = toPersonInput(values);
  const patch: Record<string, unknown> = {};
  for (const field of textFields) {
    if (input[field] !== (person[field] ?? null)) patch[field] = input[field];
  }
  if (input.birthDate !== person.birthDate) patch.birthDate = input.birthDate;
  if (input.documentType && input.documentType !== person.documentType)
    patch.documentType = input.documentType;
  if (input.residenceType && input.residenceType !== person.residenceType)
    patch.residenceType = input.residenceType;
  if (input.regionCode && input.regionCode !== person.regionCode)
    patch.regionCode = input.regionCode;
  if (input.tags.join('\u001f') !== person.tags.join('\u001f')) patch.tags = input.tags;
  for (const field of sensitiveFields) {
    if (input[field]) patch[field] = input[field];
  }
  return {
    changed: Object.keys(patch),
    body: { ...patch, version: person.version, reason: blankToNull(values.reason) },
  };
}
