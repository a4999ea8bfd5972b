import {
  defaultDataElements,
  defaultServiceMatters,
  matterFieldTypes,
  matterProblems,
  type ServiceMatter,
} from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { definitionOf, draftOf, stepRoles } from './matter-draft';
import {
  codeSetChoices,
  copyDraft,
  elementsForField,
  freeKey,
  moveItem,
  newField,
  newMaterial,
  newMatterDraft,
  previewFields,
  removeItem,
  replaceItem,
  withNewStep,
} from './matter-draft-edits';
import { draftProblems, problemKey } from './matter-draft-problems';

const raw = (matter: ServiceMatter) =>
  JSON.parse(JSON.stringify(matter)) as Record<string, unknown>;
const matter = (code: string) => defaultServiceMatters.find((m) => m.code === code)!;
const draftOfMatter = (code: string) => draftOf(raw(matter(code)), true);
const words = { fee: '不收费', acceptStep: '社区受理', decideStep: '街道审批' };

describe('lists', () => {
  it('moves, removes and replaces items', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(replaceItem([{ a: 1 }, { a: 2 }], 1, { a: 3 })).toEqual([{ a: 1 }, { a: 3 }]);
  });

  it('gives new items keys no other item uses', () => {
    expect(freeKey('field', ['field1', 'field3'])).toBe('field2');
    const draft = draftOfMatter('elderly_allowance_claim');
    const field = newField(draft.form);
    expect(draft.form.map((f) => f.key)).not.toContain(field.key);
    expect(newMaterial([{ ...newMaterial([]), code: 'material_1' }]).code).toBe('material_2');
    expect(new Set([newField([]).id, newField([]).id]).size).toBe(2);
  });

  it('puts a new step before the final decision, so the decision stays last', () => {
    const draft = draftOfMatter('elderly_allowance_claim');
    const steps = withNewStep(draft.steps);
    expect(steps).toHaveLength(draft.steps.length + 1);
    expect(steps[steps.length - 1]).toBe(draft.steps[draft.steps.length - 1]);
    expect(steps[steps.length - 2]?.kind).toBe('review');
    expect(withNewStep([])).toHaveLength(1);
  });

  it('starts a new matter whose only problems are what the person must fill in', () => {
    const keys = draftProblems(newMatterDraft(words)).map((p) => p.key);
    expect([...new Set(keys)].sort()).toEqual(['code', 'name', 'result.title']);
  });

  it('copies a matter with a code to change and fresh item ids', () => {
    const source = draftOfMatter('elderly_allowance_claim');
    const copy = copyDraft(source, '（副本）');
    expect(copy.code).toBe('elderly_allowance_claim_copy');
    expect(copy.name).toBe(`${source.name}（副本）`);
    expect(copy.form[0]?.id).not.toBe(source.form[0]?.id);
    expect(definitionOf({ ...copy, code: source.code, name: source.name })).toEqual(
      definitionOf(source),
    );
  });
});

describe('pickers and preview', () => {
  it('offers only the data elements a field of each type can be bound to', () => {
    const base = draftOfMatter('elderly_allowance_claim');
    for (const type of matterFieldTypes) {
      const offered = new Set(elementsForField(type).map((e) => e.code));
      for (const element of defaultDataElements) {
        const field = {
          ...newField(base.form),
          label: '字段',
          type,
          element: element.code,
          codeSet: type === 'code' ? (element.codeSet ?? 'ethnicity') : '',
        };
        const problems = matterProblems(definitionOf({ ...base, form: [field] }));
        const fits = !problems.some((p) => problemKey(p.path) === 'form.0.element');
        expect(fits, `${type} ← ${element.code}`).toBe(offered.has(element.code));
      }
    }
  });

  it('offers the step roles core accepts', () => {
    const draft = draftOfMatter('elderly_allowance_claim');
    for (const role of stepRoles) {
      const steps = replaceItem(draft.steps, 0, { role });
      const problems = matterProblems(definitionOf({ ...draft, steps }));
      expect(problems.filter((p) => problemKey(p.path) === 'steps.0.role')).toEqual([]);
    }
  });

  it('offers every code set a data element uses', () => {
    const ids = new Set(codeSetChoices().map((c) => c.id));
    for (const element of defaultDataElements) {
      if (element.codeSet) expect(ids.has(element.codeSet)).toBe(true);
    }
  });

  it('previews fields with a valid key, the first of each key only', () => {
    const fields = [{ key: 'a' }, { key: '' }, { key: 'a' }, { key: 'Bad' }, { key: 'b' }];
    expect(previewFields(fields)).toEqual([{ key: 'a' }, { key: 'b' }]);
  });
});
