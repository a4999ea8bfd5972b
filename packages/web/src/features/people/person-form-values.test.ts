import type { PersonDetail } from '@shequ/core';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { personFormValuesOf, toPersonInput, toPersonPatch } from './person-form-values';

const person: PersonDetail = {
  id: '5d1c1b1e-0000-4000-8000-000000000001',
  name: '张三',
  idNumberMasked: '320102********0015',
  phoneMasked: '139****5678',
  sex: '1',
  birthDate: '1980-05-01',
  age: 45,
  residenceType: 'registered',
  lifeStatus: 'active',
  regionCode: '320102005001',
  regionName: '百子亭社区',
  tags: ['志愿者'],
  derivedTags: [],
  flags: [],
  formerNames: null,
  documentType: '111',
  ethnicity: '01',
  registeredAddressMasked: null,
  currentAddressMasked: null,
  politicalStatus: '13',
  maritalStatus: '20',
  education: null,
  occupation: '教师',
  employer: null,
  health: null,
  note: null,
  lifeStatusDate: null,
  mergedInto: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  household: null,
  houses: [],
  groups: [],
  canUnmask: true,
};

describe('toPersonInput', () => {
  it('sends blanks as null, the date as YYYY-MM-DD and trimmed tags', () => {
    expect(
      toPersonInput({
        name: ' 李四 ',
        idNumber: '11010519491231002X ',
        birthDate: dayjs('1949-12-31'),
        phone: '  ',
        tags: [' 党员 ', ''],
        regionCode: '320102005001',
      }),
    ).toMatchObject({
      name: '李四',
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      phone: null,
      formerNames: null,
      tags: ['党员'],
      regionCode: '320102005001',
    });
  });
});

describe('toPersonPatch', () => {
  it('sends only the changed fields with the version and the reason', () => {
    const values = { ...personFormValuesOf(person), occupation: '退休', reason: '本人申报' };
    expect(toPersonPatch(values, person)).toEqual({
      changed: ['occupation'],
      body: { occupation: '退休', version: 3, reason: '本人申报' },
    });
  });

  it('keeps masked values that were left blank and sends those that were typed', () => {
    const values = { ...personFormValuesOf(person), phone: '13812345678' };
    const { body, changed } = toPersonPatch(values, person);
    expect(changed).toEqual(['phone']);
    expect(body).not.toHaveProperty('idNumber');
    expect(body).toMatchObject({ phone: '13812345678', reason: null });
  });

  it('notices a cleared value and a changed tag list', () => {
    const values = { ...personFormValuesOf(person), occupation: '', tags: [] };
    expect(toPersonPatch(values, person).body).toMatchObject({ occupation: null, tags: [] });
  });

  it('reports nothing changed for the untouched form', () => {
    expect(toPersonPatch(personFormValuesOf(person), person).changed).toEqual([]);
  });
});
