import { describe, expect, it } from 'vitest';
import { findCodeSet } from './code-sets';
import { departmentTypes } from './department';
import {
  attentionLevels,
  derivedTagLabels,
  derivedTags,
  exclusiveGroupPairs,
  findSpecialGroup,
  groupMembershipProblems,
  specialGroups,
  unemployedClassCodes,
} from './special-groups';

const validDisabled = {
  groupCode: 'disabled',
  attributes: { certificateNumber: '32010219800101123X14', category: '4', grade: '2' },
};

describe('special-group registers', () => {
  it('has unique snake_case codes and unique Chinese names', () => {
    const codes = specialGroups.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^[a-z]+(_[a-z]+)*$/.test(c))).toBe(true);
    const names = specialGroups.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^\p{Script=Han}+$/u.test(n))).toBe(true);
  });

  it('keeps no derived tags as registers (age bands, children 0–6, women of child-bearing age)', () => {
    const codes = new Set(specialGroups.map((g) => g.code));
    for (const tag of Object.keys(derivedTagLabels)) expect(codes.has(tag)).toBe(false);
  });

  it('names a known department type as each verifier, and every code field a known code set', () => {
    const departments = new Set<string>(departmentTypes.map((d) => d.code));
    for (const group of specialGroups) {
      expect(departments.has(group.verifyingDepartmentType)).toBe(true);
      const keys = group.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const field of group.fields.filter((f) => f.type === 'code')) {
        const set =
          field.codeSet === unemployedClassCodes.id
            ? unemployedClassCodes
            : findCodeSet(field.codeSet ?? '');
        expect(set, `${group.code}.${field.key}`).toBeDefined();
      }
    }
  });

  it.each([
    ['disabled', 'disabled_federation'],
    ['minimum_living', 'civil_affairs'],
    ['extreme_poverty', 'civil_affairs'],
    ['low_income_margin', 'civil_affairs'],
    ['elderly_allowance', 'civil_affairs'],
    ['home_care_subsidy', 'civil_affairs'],
    ['left_behind_child', 'civil_affairs'],
    ['entitled_groups', 'veterans_affairs'],
    ['unemployed', 'human_resources'],
    ['serious_illness', 'health'],
    ['lost_only_child', 'health'],
    ['severe_mental_disorder', 'health'],
    ['community_correction', 'justice'],
    ['released_prisoner', 'justice'],
    ['drug_user', 'public_security'],
    ['key_youth', 'public_security'],
    ['key_petitioner', 'public_security'],
  ])('%s is verified by %s', (code, department) => {
    expect(findSpecialGroup(code)?.verifyingDepartmentType).toBe(department);
  });

  it('grades attention groups and only them', () => {
    for (const group of specialGroups) {
      expect(group.hasAttentionLevel).toBe(group.category === 'attention');
    }
    expect(specialGroups.filter((g) => g.category === 'attention').map((g) => g.code)).toEqual([
      'community_correction',
      'released_prisoner',
      'drug_user',
      'severe_mental_disorder',
      'key_youth',
      'key_petitioner',
    ]);
    expect(attentionLevels.map((l) => l.name)).toEqual(['一般', '中等', '严重']);
  });

  it('pairs only known groups as exclusive, each pair once', () => {
    const seen = new Set<string>();
    for (const [a, b] of exclusiveGroupPairs) {
      expect(findSpecialGroup(a)).toBeDefined();
      expect(findSpecialGroup(b)).toBeDefined();
      const key = [a, b].sort().join('|');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(seen).toEqual(
      new Set([
        'community_correction|released_prisoner',
        'extreme_poverty|minimum_living',
        'low_income_margin|minimum_living',
        'extreme_poverty|low_income_margin',
      ]),
    );
  });
});

describe('groupMembershipProblems', () => {
  type Input = Parameters<typeof groupMembershipProblems>[0];
  const cases: [string, Input, readonly string[], { path: string; message: RegExp }[]][] = [
    ['accepts a complete disabled member', validDisabled, [], []],
    [
      'accepts code attributes given by name (肢体残疾, 二级)',
      {
        ...validDisabled,
        attributes: { ...validDisabled.attributes, category: '肢体', grade: '二级' },
      },
      [],
      [],
    ],
    [
      'refuses an unknown group',
      { groupCode: 'aliens', attributes: {} },
      [],
      [{ path: 'groupCode', message: /未知的人群类别“aliens”/ }],
    ],
    [
      'refuses a second active membership of the same group',
      validDisabled,
      ['disabled'],
      [{ path: 'groupCode', message: /已在残疾人名册中/ }],
    ],
    [
      'refuses released-prisoner resettlement while under community correction',
      {
        groupCode: 'released_prisoner',
        attentionLevel: 'general',
        attributes: { releasedOn: '2024-01-31' },
      },
      ['community_correction', 'disabled'],
      [{ path: 'groupCode', message: /已是社区矫正对象，不能同时登记为刑满释放人员/ }],
    ],
    [
      'refuses community correction while in released-prisoner resettlement (the pair works both ways)',
      {
        groupCode: 'community_correction',
        attentionLevel: 'medium',
        attributes: { correctionType: '缓刑' },
      },
      ['released_prisoner'],
      [{ path: 'groupCode', message: /已是刑满释放人员，不能同时登记为社区矫正对象/ }],
    ],
    [
      'refuses 低保 for a 特困 person and for a 低边 person, naming each',
      { groupCode: 'minimum_living', attributes: {} },
      ['extreme_poverty', 'low_income_margin'],
      [
        { path: 'groupCode', message: /已是特困人员，不能同时登记为低保对象/ },
        { path: 'groupCode', message: /已是低保边缘对象，不能同时登记为低保对象/ },
      ],
    ],
    [
      'allows groups that are not exclusive together',
      { groupCode: 'minimum_living', attributes: {} },
      ['disabled', 'elderly_allowance'],
      [],
    ],
    [
      'requires an attention level for an attention group',
      { groupCode: 'drug_user', attributes: {} },
      [],
      [{ path: 'attentionLevel', message: /吸毒人员须填写关注程度/ }],
    ],
    [
      'treats a blank attention level as missing',
      { groupCode: 'drug_user', attentionLevel: ' ', attributes: {} },
      [],
      [{ path: 'attentionLevel', message: /须填写关注程度/ }],
    ],
    [
      'refuses an attention level that is not 一般/中等/严重',
      { groupCode: 'drug_user', attentionLevel: 'extreme', attributes: {} },
      [],
      [{ path: 'attentionLevel', message: /只能是一般、中等或严重/ }],
    ],
    [
      'refuses an attention level for a care group',
      { ...validDisabled, attentionLevel: 'serious' },
      [],
      [{ path: 'attentionLevel', message: /残疾人不设关注程度/ }],
    ],
    [
      'accepts a null attention level for a care group',
      { ...validDisabled, attentionLevel: null },
      [],
      [],
    ],
    [
      'names each missing required attribute (absent, null or blank)',
      { groupCode: 'disabled', attributes: { certificateNumber: '  ', grade: null } },
      [],
      [
        { path: 'attributes.certificateNumber', message: /残疾证号不能为空/ },
        { path: 'attributes.category', message: /残疾类别不能为空/ },
        { path: 'attributes.grade', message: /残疾等级不能为空/ },
      ],
    ],
    [
      'refuses a code attribute that does not resolve in its code set',
      { ...validDisabled, attributes: { ...validDisabled.attributes, grade: '五级' } },
      [],
      [{ path: 'attributes.grade', message: /残疾等级“五级”不在《残疾等级》代码表中/ }],
    ],
    [
      'refuses a code attribute that is not a string',
      { ...validDisabled, attributes: { ...validDisabled.attributes, category: 4 } },
      [],
      [{ path: 'attributes.category', message: /不在《残疾类别》代码表中/ }],
    ],
    [
      'checks the 四类人员 class of an unemployed person',
      { groupCode: 'unemployed', attributes: { employmentForm: 'E' } },
      [],
      [{ path: 'attributes.employmentForm', message: /四类人员类别“E”不在/ }],
    ],
    [
      'accepts a 四类人员 class and a real date',
      {
        groupCode: 'unemployed',
        attributes: { employmentForm: 'B', unemployedSince: '2024-02-29' },
      },
      [],
      [],
    ],
    [
      'checks a code attribute against GB/T 4761 (与监护人关系)',
      { groupCode: 'left_behind_child', attributes: { guardianRelation: '祖母' } },
      [],
      [],
    ],
    [
      'refuses unknown attribute keys',
      { ...validDisabled, attributes: { ...validDisabled.attributes, shoeSize: 42 } },
      [],
      [{ path: 'attributes.shoeSize', message: /残疾人名册没有“shoeSize”这一项/ }],
    ],
    [
      'refuses text over the maximum length',
      {
        groupCode: 'key_petitioner',
        attentionLevel: 'general',
        attributes: { matter: '访'.repeat(201) },
      },
      [],
      [{ path: 'attributes.matter', message: /信访事项不能超过 200 个字/ }],
    ],
    [
      'accepts text exactly at the maximum length',
      {
        groupCode: 'key_petitioner',
        attentionLevel: 'general',
        attributes: { matter: '访'.repeat(200) },
      },
      [],
      [],
    ],
    [
      'refuses a number over the maximum',
      {
        groupCode: 'severe_mental_disorder',
        attentionLevel: 'serious',
        attributes: { riskLevel: 6 },
      },
      [],
      [{ path: 'attributes.riskLevel', message: /危险性评估等级不能大于 5/ }],
    ],
    [
      'accepts a number typed as text, as forms and spreadsheets send it',
      { groupCode: 'minimum_living', attributes: { monthlyAmount: '800.50' } },
      [],
      [],
    ],
    [
      'refuses text that is not a number',
      { groupCode: 'minimum_living', attributes: { monthlyAmount: '八百' } },
      [],
      [{ path: 'attributes.monthlyAmount', message: /月保障金额（元）应为数字/ }],
    ],
    [
      'refuses a negative amount',
      { groupCode: 'minimum_living', attributes: { monthlyAmount: -1 } },
      [],
      [{ path: 'attributes.monthlyAmount', message: /不能为负数/ }],
    ],
    [
      'refuses a date that does not exist',
      {
        groupCode: 'unemployed',
        attributes: { employmentForm: 'A', unemployedSince: '2023-02-29' },
      },
      [],
      [{ path: 'attributes.unemployedSince', message: /失业日期应为有效日期/ }],
    ],
    [
      'refuses a date in another format',
      {
        groupCode: 'serious_illness',
        attributes: { disease: '尿毒症', diagnosedOn: '2024/05/01' },
      },
      [],
      [{ path: 'attributes.diagnosedOn', message: /确诊日期应为有效日期/ }],
    ],
    [
      'refuses text given as a number',
      { groupCode: 'entitled_groups', attributes: { kind: 3 } },
      [],
      [{ path: 'attributes.kind', message: /优抚类别应为文字/ }],
    ],
  ];

  it.each(cases)('%s', (_, input, active, expected) => {
    const problems = groupMembershipProblems(input, active);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(problems[i]?.path).toBe(e.path);
      expect(problems[i]?.message).toMatch(e.message);
    });
  });

  it('reports every problem at once, in field order', () => {
    const problems = groupMembershipProblems(
      {
        groupCode: 'released_prisoner',
        attentionLevel: null,
        attributes: { crime: 1, extra: 'x' },
      },
      ['community_correction'],
    );
    expect(problems.map((p) => p.path)).toEqual([
      'groupCode',
      'attentionLevel',
      'attributes.releasedOn',
      'attributes.crime',
      'attributes.extra',
    ]);
  });

  it('does not change the attributes it checks', () => {
    const attributes = { certificateNumber: 'x', category: '肢体', grade: '二级' };
    const frozen = Object.freeze({ ...attributes });
    groupMembershipProblems({ groupCode: 'disabled', attributes: frozen }, []);
    expect(frozen).toEqual(attributes);
  });
});

describe('derivedTags', () => {
  const today = '2024-06-15';
  const person = (
    birthDate: string | null,
    more: Partial<Parameters<typeof derivedTags>[0]> = {},
  ) => ({
    birthDate,
    sex: '1',
    lifeStatus: 'active',
    ...more,
  });

  it.each([
    // the day before, on and after the birthday that crosses a boundary
    ['turns 60 tomorrow', '1964-06-16', []],
    ['turns 60 today', '1964-06-15', ['elderly_60_69']],
    ['turned 60 yesterday', '1964-06-14', ['elderly_60_69']],
    ['is 69', '1954-06-16', ['elderly_60_69']],
    ['turns 70 today', '1954-06-15', ['elderly_70_79']],
    ['is 79', '1944-06-16', ['elderly_70_79']],
    ['turns 80 today', '1944-06-15', ['elderly_80_89']],
    ['is 89', '1934-06-16', ['elderly_80_89']],
    ['turns 90 today', '1934-06-15', ['elderly_90_plus']],
    ['is 104', '1920-01-01', ['elderly_90_plus']],
    ['is born today', '2024-06-15', ['child_0_6', 'minor']],
    ['is 6 and turns 7 tomorrow', '2017-06-16', ['child_0_6', 'minor']],
    ['turns 7 today', '2017-06-15', ['minor']],
    ['turns 18 tomorrow', '2006-06-16', ['minor']],
    ['turns 18 today', '2006-06-15', []],
    ['is 40', '1984-01-01', []],
  ] as const)('a man who %s (born %s) is tagged %j', (_, birthDate, tags) => {
    expect(derivedTags(person(birthDate), today)).toEqual(tags);
  });

  it.each([
    ['turns 15 tomorrow', '2009-06-16', ['minor']],
    ['turns 15 today', '2009-06-15', ['minor', 'childbearing_age_woman']],
    ['is 17', '2007-01-01', ['minor', 'childbearing_age_woman']],
    ['is 49 and turns 50 tomorrow', '1974-06-16', ['childbearing_age_woman']],
    ['turns 50 today', '1974-06-15', []],
    ['is 65', '1959-03-01', ['elderly_60_69']],
  ] as const)('a woman who %s (born %s) is tagged %j', (_, birthDate, tags) => {
    expect(derivedTags(person(birthDate, { sex: '2' }), today)).toEqual(tags);
  });

  it('counts a 29 February birthday as reached on 1 March in a common year', () => {
    const leapling = person('2008-02-29');
    expect(derivedTags(leapling, '2026-02-28')).toEqual(['minor']);
    expect(derivedTags(leapling, '2026-03-01')).toEqual([]);
  });

  it('counts a 29 February birthday as reached on the day in a leap year', () => {
    const leapling = person('1964-02-29');
    expect(derivedTags(leapling, '2024-02-28')).toEqual([]);
    expect(derivedTags(leapling, '2024-02-29')).toEqual(['elderly_60_69']);
  });

  it('tags a person of unknown or unstated sex with no woman-only tag', () => {
    expect(derivedTags(person('1990-01-01', { sex: null }), today)).toEqual([]);
    expect(derivedTags(person('1990-01-01', { sex: '9' }), today)).toEqual([]);
  });

  it.each([
    ['lives with nobody', 0, ['elderly_70_79', 'living_alone_elderly']],
    ['lives with one person', 1, ['elderly_70_79']],
    ['has unknown housemates (null)', null, ['elderly_70_79']],
    ['has unknown housemates (absent)', undefined, ['elderly_70_79']],
  ] as const)('an elderly person who %s', (_, housemates, tags) => {
    expect(derivedTags(person('1950-01-01', { housemates }), today)).toEqual(tags);
  });

  it('does not call someone under 60 living alone an elderly person living alone', () => {
    expect(derivedTags(person('1964-06-16', { housemates: 0 }), today)).toEqual([]);
  });

  it('gives a deceased person no tags', () => {
    expect(
      derivedTags(person('1930-01-01', { lifeStatus: 'deceased', housemates: 0 }), today),
    ).toEqual([]);
    expect(derivedTags(person('2020-01-01', { lifeStatus: 'deceased' }), today)).toEqual([]);
  });

  it('gives no tags without a usable birth date', () => {
    expect(derivedTags(person(null), today)).toEqual([]);
    expect(derivedTags(person('1950-13-01'), today)).toEqual([]);
    expect(derivedTags(person('19500101'), today)).toEqual([]);
    expect(derivedTags(person('2024-06-16'), today)).toEqual([]);
  });

  it('labels every tag in Chinese', () => {
    const all = new Set(
      ['1920-01-01', '1944-01-01', '1950-01-01', '1960-01-01', '2020-01-01', '2000-01-01'].flatMap(
        (b) => derivedTags(person(b, { sex: '2', housemates: 0 }), today),
      ),
    );
    expect([...all].sort()).toEqual(Object.keys(derivedTagLabels).sort());
    expect(derivedTagLabels).toMatchObject({
      childbearing_age_woman: '育龄妇女',
      living_alone_elderly: '独居老人',
      minor: '未成年人',
      child_0_6: '0–6 岁儿童',
    });
  });
});
