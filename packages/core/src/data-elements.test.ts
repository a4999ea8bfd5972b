import { describe, expect, it } from 'vitest';
import {
  applyCatalogSettings,
  catalogSettingProblems,
  defaultDataElements,
  elementCodeSet,
  findDataElement,
  isAuthoritative,
  nextValueStatus,
  normalizeElementValue,
  valueStatuses,
  type CatalogSetting,
  type DataElement,
} from './data-elements';
import { departmentTypes } from './department';
import { specialGroups } from './special-groups';

const element = (code: string): DataElement => {
  const found = findDataElement(code);
  if (!found) throw new Error(`no element ${code}`);
  return found;
};

describe('default data element catalog', () => {
  it('covers every person attribute but free tags and notes, and every register and register field', () => {
    const personAttributes = [
      'name',
      'formerNames',
      'documentType',
      'idNumber',
      'sex',
      'birthDate',
      'ethnicity',
      'residenceType',
      'registeredAddress',
      'currentAddress',
      'phone',
      'politicalStatus',
      'maritalStatus',
      'education',
      'occupation',
      'employer',
      'health',
    ];
    for (const a of personAttributes) expect(findDataElement(`person.${a}`)?.name).toBeTruthy();
    for (const group of specialGroups) {
      expect(findDataElement(`group.${group.code}`)?.verifier).toBe(group.verifyingDepartmentType);
      for (const field of group.fields) {
        const e = element(`group.${group.code}.${field.key}`);
        expect(e.verifier).toBe(group.verifyingDepartmentType);
        expect(e.name).toBe(`${group.name}·${field.label}`);
      }
      if (group.hasAttentionLevel)
        expect(findDataElement(`group.${group.code}.attentionLevel`)).toBeDefined();
    }
    expect(findDataElement('person.tags')).toBeUndefined();
  });

  it('has unique codes, known department types, and code sets that exist', () => {
    const codes = defaultDataElements.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    const known = new Set<string>(departmentTypes.map((t) => t.code));
    for (const e of defaultDataElements) {
      if (e.verifier) expect(known.has(e.verifier)).toBe(true);
      for (const c of e.comparers) expect(known.has(c)).toBe(true);
      expect(e.comparers).not.toContain(e.verifier);
      if (e.type === 'code') expect(elementCodeSet(e)?.items.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('assigns the usual owners: 残联 the disability grade, 公安 household registration, 民政 低保', () => {
    expect(element('group.disabled.grade').verifier).toBe('disabled_federation');
    expect(element('group.disabled.grade').comparers).toContain('civil_affairs');
    expect(element('group.disabled.grade').sensitivity).toBe('sensitive');
    expect(element('person.residenceType').verifier).toBe('public_security');
    expect(element('group.minimum_living.monthlyAmount').verifier).toBe('civil_affairs');
    expect(element('group.minimum_living.monthlyAmount').unit).toBe('元');
    expect(element('person.phone').verifier).toBeNull();
  });
});

describe('city settings over the catalog', () => {
  const setting: CatalogSetting = {
    elementCode: 'person.maritalStatus',
    verifier: 'public_security',
    comparers: ['civil_affairs'],
    cycle: 'yearly',
    timeLimitDays: 7,
    sensitivity: 'internal',
  };

  it('lays a setting over its element only', () => {
    const city = applyCatalogSettings(defaultDataElements, [setting]);
    const marital = city.find((e) => e.code === 'person.maritalStatus')!;
    expect(marital.verifier).toBe('public_security');
    expect(marital.comparers).toEqual(['civil_affairs']);
    expect(marital.cycle).toBe('yearly');
    expect(marital.timeLimitDays).toBe(7);
    expect(city.find((e) => e.code === 'person.education')).toEqual(element('person.education'));
  });

  it('names the field of every problem', () => {
    expect(catalogSettingProblems(setting)).toEqual([]);
    const bad = catalogSettingProblems({
      ...setting,
      elementCode: 'person.shoeSize',
      verifier: 'weather' as never,
      comparers: ['public_security', 'astrology' as never],
      timeLimitDays: 0,
    });
    expect(bad.map((p) => p.path).sort()).toEqual([
      'comparers',
      'elementCode',
      'timeLimitDays',
      'verifier',
    ]);
    expect(
      catalogSettingProblems({ ...setting, comparers: ['public_security'] }).map((p) => p.path),
    ).toEqual(['comparers']);
    expect(bad.find((p) => p.path === 'elementCode')?.message).toContain('person.shoeSize');
  });
});

describe('normalizing values before comparing', () => {
  it('turns code-set names and codes into one code: 残疾等级 “二级” equals 2', () => {
    const grade = element('group.disabled.grade');
    expect(normalizeElementValue(grade, '二级')).toEqual({ ok: true, value: '2' });
    expect(normalizeElementValue(grade, 2)).toEqual({ ok: true, value: '2' });
    expect(normalizeElementValue(grade, ' 2 ')).toEqual({ ok: true, value: '2' });
    const bad = normalizeElementValue(grade, '五级');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('残疾人·残疾等级');
  });

  it('resolves national and platform code sets', () => {
    expect(normalizeElementValue(element('person.maritalStatus'), '已婚')).toEqual({
      ok: true,
      value: '20',
    });
    expect(normalizeElementValue(element('person.residenceType'), '流动人口')).toEqual({
      ok: true,
      value: 'migrant',
    });
    expect(normalizeElementValue(element('group.drug_user.attentionLevel'), '严重')).toEqual({
      ok: true,
      value: 'serious',
    });
  });

  it('normalizes dates, numbers, booleans and text; empty is no value', () => {
    expect(normalizeElementValue(element('person.birthDate'), '1980年3月5日')).toEqual({
      ok: true,
      value: '1980-03-05',
    });
    expect(normalizeElementValue(element('person.birthDate'), '1980-02-30').ok).toBe(false);
    const amount = element('group.minimum_living.monthlyAmount');
    expect(normalizeElementValue(amount, '1,200.50元')).toEqual({ ok: true, value: '1200.5' });
    expect(normalizeElementValue(amount, '1200.00')).toEqual({ ok: true, value: '1200' });
    expect(normalizeElementValue(amount, '很多').ok).toBe(false);
    expect(normalizeElementValue(element('group.disabled'), '是')).toEqual({
      ok: true,
      value: 'true',
    });
    expect(normalizeElementValue(element('group.disabled'), 'N')).toEqual({
      ok: true,
      value: 'false',
    });
    expect(normalizeElementValue(element('person.employer'), '  南京  某某   公司 ')).toEqual({
      ok: true,
      value: '南京 某某 公司',
    });
    expect(normalizeElementValue(element('person.employer'), '   ')).toEqual({
      ok: true,
      value: null,
    });
    expect(normalizeElementValue(element('person.employer'), null)).toEqual({
      ok: true,
      value: null,
    });
  });
});

describe('value status', () => {
  it('follows collected → verified / rejected / disputed → ruled', () => {
    expect(nextValueStatus(null, 'collect')).toEqual({ ok: true, status: 'collected' });
    expect(nextValueStatus('collected', 'confirm')).toEqual({ ok: true, status: 'verified' });
    expect(nextValueStatus('collected', 'reject')).toEqual({ ok: true, status: 'rejected' });
    expect(nextValueStatus('rejected', 'collect')).toEqual({ ok: true, status: 'collected' });
    expect(nextValueStatus('verified', 'dispute')).toEqual({ ok: true, status: 'disputed' });
    expect(nextValueStatus('disputed', 'rule')).toEqual({ ok: true, status: 'ruled' });
    expect(nextValueStatus(null, 'collect_verified')).toEqual({ ok: true, status: 'verified' });
  });

  it('refuses what does not follow, saying what the value is now', () => {
    const twice = nextValueStatus('verified', 'confirm');
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.message).toContain('已核验');
    expect(nextValueStatus('collected', 'rule').ok).toBe(false);
    expect(nextValueStatus('ruled', 'reject').ok).toBe(false);
    expect(nextValueStatus(null, 'confirm').ok).toBe(false);
  });

  it('counts only verified and ruled values as authoritative', () => {
    expect(valueStatuses.filter(isAuthoritative)).toEqual(['verified', 'ruled']);
    expect(isAuthoritative(null)).toBe(false);
  });
});
