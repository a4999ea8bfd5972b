import { defaultServiceMatters, type PrefillField } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import {
  defaultSmsPhone,
  initialIntakeValues,
  intakeFieldSpecs,
  isMobile,
  newSubmissionKey,
  submittedForm,
} from './intake-form';
import { parseMatterDefinition, type MatterFormField } from './matter-definition';

const verified = {
  kind: 'verified' as const,
  label: '玄武区公安分局核验 2026-03-02',
  departmentName: '玄武区公安分局',
  at: '2026-03-02',
};
const recorded = {
  kind: 'recorded' as const,
  label: '社区登记（未核验）',
  departmentName: null,
  at: null,
};

const fields: MatterFormField[] = [
  { key: 'birthDate', label: '出生日期', type: 'date', required: true },
  {
    key: 'maritalStatus',
    label: '婚姻状况',
    type: 'code',
    codeSet: 'marital_status',
    required: false,
  },
  { key: 'householdSize', label: '家庭人数', type: 'number', required: true, min: 1, max: 30 },
  { key: 'note', label: '说明', type: 'textarea', required: false },
  { key: 'bankName', label: '开户银行', type: 'text', required: true, maxLength: 50 },
  { key: 'hasCare', label: '是否需要照护', type: 'boolean', required: false },
  { key: 'phone', label: '联系电话', type: 'phone', required: true },
];

describe('intakeFieldSpecs', () => {
  it('builds one input per field with the code set options and the source of a prefilled value', () => {
    const prefill: PrefillField[] = [
      { key: 'birthDate', value: '1940-03-12', display: '1940-03-12', source: verified },
      { key: 'phone', value: '13912345678', display: null, source: recorded },
      { key: 'bankName', value: null, display: null, source: null },
    ];
    const specs = intakeFieldSpecs(fields, prefill);
    expect(specs.map((s) => s.key)).toEqual(fields.map((f) => f.key));
    expect(specs[0]).toMatchObject({ type: 'date', required: true, source: verified });
    expect(specs[1]!.options?.length).toBeGreaterThan(2);
    expect(specs[1]!.options).toContainEqual({ value: '20', label: '已婚' });
    expect(specs[2]).toMatchObject({ min: 1, max: 30 });
    expect(specs[3]!.maxLength).toBe(2000);
    expect(specs[4]).toMatchObject({ maxLength: 50 });
    expect(specs[4]!.source).toBeUndefined();
    expect(specs[6]!.source).toEqual(recorded);
  });

  it('builds the form of every matter in the default catalog, each code field with options', () => {
    for (const matter of defaultServiceMatters) {
      const definition = parseMatterDefinition(matter);
      expect(definition, matter.code).toBeDefined();
      const specs = intakeFieldSpecs(definition!.form);
      for (const spec of specs.filter((s) => s.type === 'code')) {
        expect(spec.options?.length, `${matter.code}.${spec.key}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('initialIntakeValues', () => {
  it('types the prefilled values per field and leaves the rest empty', () => {
    const specs = intakeFieldSpecs(fields);
    const values = initialIntakeValues(specs, [
      { key: 'birthDate', value: '1940-03-12', display: null, source: verified },
      { key: 'householdSize', value: '3', display: null, source: recorded },
      { key: 'hasCare', value: 'true', display: null, source: recorded },
      { key: 'maritalStatus', value: '20', display: '已婚', source: recorded },
    ]);
    expect(values).toEqual({
      birthDate: '1940-03-12',
      maritalStatus: '20',
      householdSize: 3,
      note: undefined,
      bankName: undefined,
      hasCare: true,
      phone: undefined,
    });
  });
});

describe('submittedForm', () => {
  it('sends every field, trimmed, with blanks as null', () => {
    const specs = intakeFieldSpecs(fields);
    expect(
      submittedForm(specs, {
        birthDate: '1940-03-12',
        bankName: '  南京银行 ',
        note: '   ',
        householdSize: 0,
        hasCare: false,
        extra: 'not a field',
      }),
    ).toEqual({
      birthDate: '1940-03-12',
      maritalStatus: null,
      householdSize: 0,
      note: null,
      bankName: '南京银行',
      hasCare: false,
      phone: null,
    });
  });
});

describe('defaultSmsPhone', () => {
  const specs = intakeFieldSpecs([
    ...fields,
    { key: 'agentPhone', label: '代理人电话', type: 'phone', required: false },
  ]);

  it('suggests the prefilled mobile of the phone field', () => {
    expect(
      defaultSmsPhone(specs, [
        { key: 'phone', value: '139 1234 5678', display: null, source: recorded },
      ]),
    ).toBe('13912345678');
  });

  it('skips a landline, which cannot take a text, for another phone field', () => {
    expect(
      defaultSmsPhone(specs, [
        { key: 'phone', value: '025-84561234', display: null, source: recorded },
        { key: 'agentPhone', value: '13800001111', display: null, source: recorded },
      ]),
    ).toBe('13800001111');
    expect(
      defaultSmsPhone(specs, [
        { key: 'phone', value: '025-84561234', display: null, source: recorded },
      ]),
    ).toBeUndefined();
  });

  it('knows a mobile number', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile(undefined)).toBe(false);
  });
});

describe('newSubmissionKey', () => {
  it('is a fresh key each time, also where the browser has no randomUUID (plain HTTP)', () => {
    const a = newSubmissionKey();
    expect(a).not.toBe(newSubmissionKey());
    expect(a.length).toBeGreaterThanOrEqual(8);
    const fallback = newSubmissionKey({
      getRandomValues: (array) => crypto.getRandomValues(array),
    });
    expect(fallback).toMatch(/^[0-9a-f]{32}$/);
  });
});
