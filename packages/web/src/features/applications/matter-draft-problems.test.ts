import { defaultServiceMatters, type ServiceMatter } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { draftOf } from './matter-draft';
import { newField, newMatterDraft, replaceItem } from './matter-draft-edits';
import {
  draftProblems,
  problemCounts,
  problemKey,
  problemsByKey,
  sectionOf,
} from './matter-draft-problems';

const raw = (matter: ServiceMatter) =>
  JSON.parse(JSON.stringify(matter)) as Record<string, unknown>;
const matter = (code: string) => defaultServiceMatters.find((m) => m.code === code)!;
const draftOfMatter = (code: string) => draftOf(raw(matter(code)), true);
const words = { fee: '不收费', acceptStep: '社区受理', decideStep: '街道审批' };

describe('problems', () => {
  it('finds none in the default matters', () => {
    for (const m of defaultServiceMatters) expect(draftProblems(draftOf(raw(m), true))).toEqual([]);
  });

  it('places core paths, zod paths and server paths on the same inputs', () => {
    expect(problemKey('form[2].key')).toBe('form.2.key');
    expect(problemKey('form.2.label')).toBe('form.2.label');
    expect(problemKey('definition.steps[1].departmentType')).toBe('steps.1.departmentType');
    expect(problemKey('definition.conditions.3')).toBe('conditions');
    expect(problemKey('materials[0].satisfiedBy')).toBe('materials.0.satisfiedBy');
    expect(problemKey('definition.materials.0.satisfiedBy.element')).toBe(
      'materials.0.satisfiedBy',
    );
    expect(problemKey('result.register.attributes.monthlyAmount')).toBe('result.register');
    expect(problemKey('result.title')).toBe('result.title');
    expect(problemKey('definition.code')).toBe('code');
    expect(problemKey('steps')).toBe('steps');
  });

  it('sorts keys into the tabs that show them', () => {
    expect(sectionOf('name')).toBe('basic');
    expect(sectionOf('result.register')).toBe('basic');
    expect(sectionOf('conditions')).toBe('basis');
    expect(sectionOf('materials.0.code')).toBe('materials');
    expect(sectionOf('form.3.element')).toBe('form');
    expect(sectionOf('steps')).toBe('steps');
  });

  it('says a new field without a name, once, at its label', () => {
    const draft = draftOfMatter('elderly_allowance_claim');
    const broken = { ...draft, form: [...draft.form, newField(draft.form)] };
    const index = draft.form.length;
    const problems = draftProblems(broken);
    expect(problems).toEqual([
      { key: `form.${index}.label`, message: `第${index + 1}个字段必须填写名称` },
    ]);
    expect(problemCounts(problems)).toEqual({
      basic: 0,
      basis: 0,
      materials: 0,
      form: 1,
      steps: 0,
    });
  });

  it('adds the contract’s shape checks where core is silent', () => {
    const draft = { ...newMatterDraft(words), code: 'new_matter', name: '新事项' };
    const byKey = problemsByKey(
      draftProblems({ ...draft, result: { ...draft.result, title: '' } }),
    );
    expect(byKey.get('result.title')).toEqual(['办理结果必须填写名称']);
    const long = draftProblems({
      ...draft,
      result: { ...draft.result, title: '证明' },
      name: '名'.repeat(101),
    });
    expect(long).toEqual([{ key: 'name', message: '事项名称不能超过 100 个字' }]);
  });

  it('places step rule problems on the step inputs', () => {
    const draft = draftOfMatter('elderly_allowance_claim');
    const steps = replaceItem(draft.steps, 0, { kind: 'review' as const });
    const keys = draftProblems({ ...draft, steps }).map((p) => p.key);
    expect(keys).toContain('steps.0.kind');
  });
});
