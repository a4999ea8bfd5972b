import { describe, expect, it } from 'vitest';
import { findDataElement } from './data-elements';
import { findSpecialGroup } from './special-groups';
import { defaultServiceMatters, findServiceMatter } from './service-matter-catalog';
import {
  applicationFormProblems,
  materialSatisfier,
  matterProblems,
  missingMaterials,
  type MatterStep,
  type ServiceMatter,
} from './service-matters';

function matter(code: string): ServiceMatter {
  const found = findServiceMatter(code);
  if (!found) throw new Error(`no matter ${code}`);
  return found;
}

/** The elderly allowance matter with some of its parts replaced. */
function variant(change: (m: ServiceMatter) => Partial<ServiceMatter>): ServiceMatter {
  const base = matter('elderly_allowance_claim');
  return { ...base, ...change(base) };
}

function withStep(m: ServiceMatter, index: number, step: Partial<MatterStep>): MatterStep[] {
  return m.steps.map((s, i) => (i === index ? { ...s, ...step } : s));
}

function paths(m: ServiceMatter): string[] {
  return matterProblems(m).map((p) => p.path);
}

describe('the default service matter catalog', () => {
  it('has the eleven matters a community window accepts', () => {
    const names = defaultServiceMatters.map((m) => m.name);
    for (const name of [
      '高龄津贴申领',
      '最低生活保障申请',
      '特困人员救助供养申请',
      '临时救助申请',
      '残疾人两项补贴申请',
      '居家养老服务补贴申请',
      '居住证申领',
      '就业创业证申领',
      '生育登记',
      '城乡居民医保参保登记',
      '居住证明出具',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('has unique codes and names', () => {
    const codes = defaultServiceMatters.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = defaultServiceMatters.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(defaultServiceMatters.map((m) => [m.name, m] as const))(
    '%s passes every check of a definition',
    (_name, m) => {
      expect(matterProblems(m)).toEqual([]);
      expect(m.conditions.length).toBeGreaterThan(0);
      expect(m.legalBasis.length).toBeGreaterThan(0);
      expect(m.legalBasis.every((b) => b.startsWith('《'))).toBe(true);
    },
  );

  it('lets held data stand in for a material in the allowance matters', () => {
    for (const code of [
      'elderly_allowance_claim',
      'disability_subsidies_application',
      'minimum_living_application',
    ]) {
      const kinds = matter(code).materials.map((x) => x.satisfiedBy?.kind);
      expect(kinds).toContain('element');
    }
    const certificate = matter('disability_subsidies_application').materials.find(
      (x) => x.code === 'disability_certificate',
    );
    expect(certificate?.satisfiedBy).toEqual({ kind: 'element', element: 'group.disabled.grade' });
  });

  it('names only certificate matters of the catalog as standing in for a material', () => {
    for (const m of defaultServiceMatters) {
      for (const material of m.materials) {
        if (material.satisfiedBy?.kind !== 'certificate') continue;
        expect(findServiceMatter(material.satisfiedBy.certificate)?.result.kind).toBe(
          'certificate',
        );
      }
    }
  });

  it('feeds the registers a benefit approval enrols the person in', () => {
    expect(matter('elderly_allowance_claim').result.register).toEqual({
      group: 'elderly_allowance',
      attributes: { monthlyAmount: 100 },
    });
    expect(matter('minimum_living_application').result.register?.group).toBe('minimum_living');
    expect(matter('extreme_poverty_application').result.register?.group).toBe('extreme_poverty');
    expect(matter('home_care_subsidy_application').result.register?.group).toBe(
      'home_care_subsidy',
    );
    // the deciding department is the one that verifies the register
    for (const m of defaultServiceMatters) {
      if (!m.result.register) continue;
      expect(findSpecialGroup(m.result.register.group)?.verifyingDepartmentType).toBe(
        m.departmentType,
      );
    }
  });

  it('routes the elderly allowance community → street → county civil affairs in 15 days', () => {
    const m = matter('elderly_allowance_claim');
    expect(m.steps.map((s) => [s.kind, s.level, s.role, s.departmentType, s.days])).toEqual([
      ['accept', 'community', 'community_worker', undefined, 3],
      ['review', 'street', 'street_staff', undefined, 5],
      ['decide', 'county', 'department_reviewer', 'civil_affairs', 7],
    ]);
    expect(m.timeLimitDays).toBe(15);
    expect(m.online).toBe(true);
  });

  it('decides the disability subsidies jointly by civil affairs and the disabled federation', () => {
    const last = matter('disability_subsidies_application').steps.at(-1);
    expect(last?.kind).toBe('countersign');
    expect(last?.countersign).toEqual(['civil_affairs', 'disabled_federation']);
  });

  it('only accepts the residence permit at the community; public security decides', () => {
    const m = matter('residence_permit_application');
    expect(m.result.kind).toBe('acceptance');
    expect(m.steps[0]?.level).toBe('community');
    expect(m.steps.at(-1)?.departmentType).toBe('public_security');
  });

  it('issues the residence certificate within the community', () => {
    const m = matter('residence_certificate');
    expect([m.acceptLevel, m.decideLevel, m.result.kind]).toEqual([
      'community',
      'community',
      'certificate',
    ]);
  });

  it('binds form fields to data elements that exist', () => {
    const bound = defaultServiceMatters.flatMap((m) => m.form.flatMap((f) => f.element ?? []));
    expect(bound.length).toBeGreaterThan(20);
    for (const code of bound) expect(findDataElement(code)).toBeDefined();
  });

  it('finds no matter for an unknown code', () => {
    expect(findServiceMatter('no_such_matter')).toBeUndefined();
  });
});

describe('matterProblems', () => {
  it('rejects a code that is not snake_case ASCII and an empty name', () => {
    expect(paths(variant(() => ({ code: 'Elderly-Allowance' })))).toEqual(['code']);
    expect(paths(variant(() => ({ name: '  ' })))).toEqual(['name']);
    // the table's own check: 2–64 characters
    expect(paths(variant(() => ({ code: 'q' })))).toEqual(['code']);
    expect(paths(variant(() => ({ code: `m${'a'.repeat(64)}` })))).toEqual(['code']);
    expect(paths(variant(() => ({ code: 'q1' })))).toEqual([]);
  });

  it('requires at least one step', () => {
    expect(paths(variant(() => ({ steps: [] })))).toEqual(['steps']);
  });

  it('requires the first step to be acceptance at the accepting level', () => {
    expect(paths(variant((m) => ({ steps: withStep(m, 0, { kind: 'review' }) })))).toEqual([
      'steps.0.kind',
    ]);
    expect(paths(variant(() => ({ acceptLevel: 'street' })))).toEqual(['steps.0.level']);
  });

  it('requires the last step to decide or countersign at the deciding level', () => {
    expect(paths(variant((m) => ({ steps: withStep(m, 2, { kind: 'review' }) })))).toEqual([
      'steps.2.kind',
    ]);
    expect(paths(variant(() => ({ decideLevel: 'street' })))).toEqual(['steps.2.level']);
  });

  it('requires a department type on a department step, named by its number and name', () => {
    const problems = matterProblems(
      variant((m) => ({ steps: withStep(m, 2, { departmentType: undefined }) })),
    );
    expect(problems).toEqual([
      { path: 'steps.2.departmentType', message: '第3步“县民政审批”必须指定部门类型' },
    ]);
  });

  it('rejects a role working at another level than its own', () => {
    expect(paths(variant((m) => ({ steps: withStep(m, 1, { level: 'county' }) })))).toEqual([
      'steps.1.level',
    ]);
    expect(paths(variant((m) => ({ steps: withStep(m, 1, { role: 'hotline_agent' }) })))).toEqual([
      'steps.1.role',
    ]);
  });

  it('requires two or more department types on a countersign step', () => {
    const single = variant((m) => ({
      steps: withStep(m, 2, { kind: 'countersign', countersign: ['civil_affairs'] }),
    }));
    expect(paths(single)).toEqual(['steps.2.countersign']);
    const joint = variant((m) => ({
      steps: withStep(m, 2, {
        kind: 'countersign',
        countersign: ['civil_affairs', 'disabled_federation'],
      }),
    }));
    expect(matterProblems(joint)).toEqual([]);
  });

  it('rejects repeated step keys', () => {
    expect(paths(variant((m) => ({ steps: withStep(m, 1, { key: 'community_accept' }) })))).toEqual(
      ['steps.1.key'],
    );
  });

  it('rejects steps whose days add up to more than the time limit, and limits outside 1–365', () => {
    const problems = matterProblems(variant(() => ({ timeLimitDays: 14 })));
    expect(problems).toEqual([
      { path: 'timeLimitDays', message: '各环节时限合计 15 个工作日，超过承诺时限 14 个工作日' },
    ]);
    expect(paths(variant(() => ({ timeLimitDays: 400 })))).toEqual(['timeLimitDays']);
    expect(paths(variant((m) => ({ steps: withStep(m, 1, { days: 0 }) })))).toEqual([
      'steps.1.days',
    ]);
  });

  it('rejects repeated or malformed field keys', () => {
    const twice = variant((m) => ({ form: [...m.form, { ...m.form[0]!, label: '又一个' }] }));
    expect(paths(twice)).toEqual([`form.${twice.form.length - 1}.key`]);
    expect(
      paths(variant((m) => ({ form: [{ ...m.form[0]!, key: 'birth_date' }, ...m.form.slice(1)] }))),
    ).toEqual(['form.0.key']);
  });

  it('requires a code field to name a code set that exists', () => {
    const field = { key: 'sex', label: '性别', type: 'code' as const, required: true };
    expect(paths(variant((m) => ({ form: [...m.form, field] })))).toEqual(['form.8.codeSet']);
    expect(
      paths(variant((m) => ({ form: [...m.form, { ...field, codeSet: 'no_such_set' }] }))),
    ).toEqual(['form.8.codeSet']);
    expect(
      matterProblems(variant((m) => ({ form: [...m.form, { ...field, codeSet: 'sex' }] }))),
    ).toEqual([]);
  });

  it('rejects a binding to an element that does not exist or holds another type', () => {
    const bind = (element: string, type: 'text' | 'date' | 'code' = 'text', codeSet?: string) =>
      variant((m) => ({
        form: [...m.form, { key: 'extra', label: '附加', type, required: false, element, codeSet }],
      }));
    expect(matterProblems(bind('person.nickname'))).toEqual([
      { path: 'form.8.element', message: '字段“附加”绑定的数据元“person.nickname”不存在' },
    ]);
    expect(paths(bind('person.birthDate'))).toEqual(['form.8.element']);
    expect(paths(bind('group.disabled.grade', 'code', 'disability_category'))).toEqual([
      'form.8.codeSet',
    ]);
    expect(matterProblems(bind('group.disabled.grade', 'code', 'disability_grade'))).toEqual([]);
    expect(matterProblems(bind('person.residenceType', 'code', 'residence_type'))).toEqual([]);
  });

  it('rejects repeated material codes and materials satisfied by unknown elements', () => {
    expect(
      paths(
        variant((m) => ({ materials: [...m.materials, { ...m.materials[0]!, name: '复印件' }] })),
      ),
    ).toEqual([`materials.4.code`]);
    expect(
      paths(
        variant((m) => ({
          materials: [
            ...m.materials,
            {
              code: 'age_proof',
              name: '年龄证明',
              required: false,
              satisfiedBy: { kind: 'element', element: 'person.age' },
            },
          ],
        })),
      ),
    ).toEqual(['materials.4.satisfiedBy']);
  });

  it('rejects a register that does not exist and attributes the register does not keep', () => {
    const result = (register: ServiceMatter['result']['register']) =>
      variant((m) => ({ result: { ...m.result, register } }));
    expect(paths(result({ group: 'elderly' }))).toEqual(['result.register.group']);
    expect(paths(result({ group: 'elderly_allowance', attributes: { amount: 100 } }))).toEqual([
      'result.register.attributes.amount',
    ]);
    expect(
      paths(result({ group: 'elderly_allowance', attributes: { monthlyAmount: '一百' } })),
    ).toEqual(['result.register.attributes.monthlyAmount']);
  });
});

describe('applicationFormProblems', () => {
  const permit = matter('residence_permit_application');
  const validPermit = {
    ethnicity: '01',
    registeredAddress: '安徽省合肥市蜀山区长江西路 100 号',
    currentAddress: '南京市玄武区珠江路 1 号',
    phone: '13912345678',
    residenceReason: '就业',
    movedInOn: '2024-03-01',
  };

  it('accepts a complete form and fills the blank fields with null', () => {
    const { values, problems } = applicationFormProblems(permit, validPermit);
    expect(problems).toEqual([]);
    expect(values).toEqual({
      ...validPermit,
      education: null,
      maritalStatus: null,
      employer: null,
    });
  });

  it('turns a code set name into its code', () => {
    const { values, problems } = applicationFormProblems(permit, {
      ...validPermit,
      ethnicity: '汉族',
      education: '大学本科',
      maritalStatus: '已婚',
    });
    expect(problems).toEqual([]);
    expect(values.ethnicity).toBe('01');
    expect(values.maritalStatus).toBe('20');
    expect(typeof values.education).toBe('string');
  });

  it('rejects a value that is not in the code set, naming the field', () => {
    const { problems } = applicationFormProblems(permit, { ...validPermit, ethnicity: '火星族' });
    expect(problems).toEqual([
      { path: 'form.ethnicity', message: '“民族”“火星族”不在《民族》代码表中' },
    ]);
  });

  it('normalises dates and rejects impossible ones', () => {
    const ok = applicationFormProblems(permit, { ...validPermit, movedInOn: '2024/3/5' });
    expect(ok.values.movedInOn).toBe('2024-03-05');
    const bad = applicationFormProblems(permit, { ...validPermit, movedInOn: '2024-02-30' });
    expect(bad.problems.map((p) => p.path)).toEqual(['form.movedInOn']);
  });

  it('accepts a mobile or a landline with area code, and rejects other phone numbers', () => {
    for (const phone of ['13912345678', '025-84561234', '02584561234']) {
      expect(applicationFormProblems(permit, { ...validPermit, phone }).problems).toEqual([]);
    }
    for (const phone of ['12345678901', '1391234567', '84561234', 'abc']) {
      expect(applicationFormProblems(permit, { ...validPermit, phone }).problems).toEqual([
        { path: 'form.phone', message: '“联系电话”格式不正确' },
      ]);
    }
  });

  it('names every missing required field', () => {
    const { problems } = applicationFormProblems(permit, {
      ...validPermit,
      phone: ' ',
      ethnicity: null,
    });
    expect(problems).toEqual([
      { path: 'form.ethnicity', message: '“民族”不能为空' },
      { path: 'form.phone', message: '“联系电话”不能为空' },
    ]);
  });

  it('rejects a key the matter does not have', () => {
    const { problems } = applicationFormProblems(permit, { ...validPermit, salary: '5000' });
    expect(problems.map((p) => p.path)).toEqual(['form.salary']);
  });

  it('rejects text longer than the field allows and text where a number belongs', () => {
    const long = applicationFormProblems(permit, {
      ...validPermit,
      residenceReason: '就'.repeat(21),
    });
    expect(long.problems).toEqual([
      { path: 'form.residenceReason', message: '“居住事由”不能超过 20 个字' },
    ]);
    const typed = applicationFormProblems(permit, { ...validPermit, residenceReason: 42 });
    expect(typed.problems.map((p) => p.path)).toEqual(['form.residenceReason']);
  });

  it('keeps numbers within bounds and accepts them typed as text', () => {
    const m = matter('minimum_living_application');
    const base = {
      phone: '13812345678',
      currentAddress: '南京市秦淮区中华路 1 号',
      householdSize: '3',
      monthlyIncome: 1800.5,
      reason: '因病致贫',
      bankName: '南京银行',
      bankAccount: '6222000000000000',
    };
    const ok = applicationFormProblems(m, base);
    expect(ok.problems).toEqual([]);
    expect(ok.values.householdSize).toBe(3);
    const bad = applicationFormProblems(m, { ...base, householdSize: 0, monthlyIncome: '很少' });
    expect(bad.problems).toEqual([
      { path: 'form.householdSize', message: '“共同生活家庭成员人数”不能小于 1' },
      { path: 'form.monthlyIncome', message: '“家庭月总收入（元）”应为数字' },
    ]);
  });

  it('reads 是 and 否 as booleans and turns a grade name into its code', () => {
    const m = matter('disability_subsidies_application');
    const { values, problems } = applicationFormProblems(m, {
      applyLivingSubsidy: '是',
      applyNursingSubsidy: false,
      disabilityCategory: '肢体',
      disabilityGrade: '二级',
      phone: '13812345678',
      currentAddress: '南京市鼓楼区中山路 1 号',
      bankName: '南京银行',
      bankAccount: '6222000000000000',
    });
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      applyLivingSubsidy: true,
      applyNursingSubsidy: false,
      disabilityCategory: '4',
      disabilityGrade: '2',
    });
    const bad = applicationFormProblems(m, { applyLivingSubsidy: '也许' });
    expect(bad.problems[0]).toEqual({
      path: 'form.applyLivingSubsidy',
      message: '“申请困难残疾人生活补贴”应为“是”或“否”',
    });
  });
});

describe('missingMaterials', () => {
  const m = matter('disability_subsidies_application');

  it('names each required material neither handed in nor satisfied by held data', () => {
    expect(missingMaterials(m, [], [])).toEqual([
      { path: 'materials.id_card', message: '缺少必交材料：申请人居民身份证' },
      { path: 'materials.household_register', message: '缺少必交材料：居民户口簿' },
      {
        path: 'materials.disability_certificate',
        message: '缺少必交材料：《中华人民共和国残疾人证》（第二代）',
      },
      {
        path: 'materials.bank_card',
        message: '缺少必交材料：申请人本人银行卡（存折）或社会保障卡',
      },
    ]);
  });

  it('counts a certificate grade verified by the disabled federation as the certificate', () => {
    const missing = missingMaterials(
      m,
      ['bank_card', 'household_register'],
      ['identity', 'group.disabled.grade'],
    );
    expect(missing).toEqual([]);
    expect(missingMaterials(m, ['bank_card', 'household_register'], ['identity'])).toEqual([
      {
        path: 'materials.disability_certificate',
        message: '缺少必交材料：《中华人民共和国残疾人证》（第二代）',
      },
    ]);
  });

  it('never lets held data stand in for paper that has no data behind it', () => {
    const bankCard = m.materials.find((x) => x.code === 'bank_card')!;
    expect(materialSatisfier(bankCard)).toBeUndefined();
    expect(
      missingMaterials(
        m,
        ['household_register'],
        ['identity', 'group.disabled.grade', 'bank_card'],
      ),
    ).toEqual([
      {
        path: 'materials.bank_card',
        message: '缺少必交材料：申请人本人银行卡（存折）或社会保障卡',
      },
    ]);
  });

  it('keys a certificate issued on the platform by its matter code', () => {
    const permit = matter('residence_permit_application');
    const proof = permit.materials.find((x) => x.code === 'residence_proof')!;
    expect(materialSatisfier(proof)).toBe('certificate:residence_certificate');
    expect(missingMaterials(permit, [], ['identity', 'certificate:residence_certificate'])).toEqual(
      [],
    );
  });
});
