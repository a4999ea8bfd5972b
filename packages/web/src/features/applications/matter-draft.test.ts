import { defaultServiceMatters, type ServiceMatter } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { definitionOf, draftFingerprint, draftOf, type MatterDraft } from './matter-draft';
import { newField, newMaterial, newMatterDraft, withNewStep } from './matter-draft-edits';

const raw = (matter: ServiceMatter) =>
  JSON.parse(JSON.stringify(matter)) as Record<string, unknown>;
const matter = (code: string) => defaultServiceMatters.find((m) => m.code === code)!;
const draftOfMatter = (code: string) => draftOf(raw(matter(code)), true);
const words = { fee: '不收费', acceptStep: '社区受理', decideStep: '街道审批' };

describe('draftOf and definitionOf', () => {
  it.each(defaultServiceMatters.map((m) => [m.code, m] as const))(
    'gives back %s unchanged',
    (_code, m) => {
      expect(definitionOf(draftOf(raw(m), true))).toEqual(raw(m));
    },
  );

  it('keeps what the designer does not edit: satisfiedBy, the register, unknown keys', () => {
    const source = raw(matter('elderly_allowance_claim'));
    const withExtras = {
      ...source,
      futureSetting: { a: 1 },
      materials: (source.materials as Record<string, unknown>[]).map((m) => ({ ...m, tag: 'x' })),
    };
    const definition = definitionOf(draftOf(withExtras, true)) as unknown as Record<
      string,
      unknown
    >;
    expect(definition.futureSetting).toEqual({ a: 1 });
    expect((definition.materials as { tag: string }[]).every((m) => m.tag === 'x')).toBe(true);
    expect((definition.result as { register: unknown }).register).toEqual({
      group: 'elderly_allowance',
      attributes: { monthlyAmount: 100 },
    });
  });

  it('reads a broken record without throwing, as empty inputs', () => {
    const draft = draftOf({ code: 'x', materials: 'nope', steps: [null] }, false);
    expect(draft.materials).toEqual([]);
    expect(draft.steps[0]?.key).toBe('');
    expect(draft.enabled).toBe(false);
  });

  it('trims text, splits lines and leaves out blank optional inputs', () => {
    const draft: MatterDraft = {
      ...newMatterDraft(words),
      code: ' new_matter ',
      conditions: ' 本市户籍 \n\n  年满八十周岁\n',
      form: [{ ...newField([]), label: ' 备注 ', help: '  ', codeSet: 'ethnicity' }],
    };
    const definition = definitionOf(draft);
    expect(definition.code).toBe('new_matter');
    expect(definition.conditions).toEqual(['本市户籍', '年满八十周岁']);
    // a text field has no code set, and a blank help is no help
    expect(definition.form[0]).toEqual({
      key: 'field1',
      label: '备注',
      type: 'text',
      required: false,
    });
  });

  it('sends bounds only for the types that have them, and countersign only for 会签', () => {
    const field = { ...newField([]), maxLength: 50, min: 1, max: 9 };
    const [step] = withNewStep([]);
    const draft: MatterDraft = {
      ...newMatterDraft(words),
      form: [field, { ...field, key: 'n', type: 'number' }],
      steps: [{ ...step!, countersign: ['health', 'civil_affairs'] }],
    };
    const definition = definitionOf(draft);
    expect(definition.form[0]).toMatchObject({ maxLength: 50 });
    expect(definition.form[0]).not.toHaveProperty('min');
    expect(definition.form[1]).toMatchObject({ min: 1, max: 9 });
    expect(definition.form[1]).not.toHaveProperty('maxLength');
    expect(definition.steps[0]).not.toHaveProperty('countersign');
  });

  it('turns the 免提交 choice into satisfiedBy', () => {
    const m = newMaterial([]);
    const of = (patch: Partial<typeof m>) =>
      definitionOf({ ...newMatterDraft(words), materials: [{ ...m, ...patch }] }).materials[0]
        ?.satisfiedBy;
    expect(of({ satisfiedKind: 'none', element: 'person.name' })).toBeUndefined();
    expect(of({ satisfiedKind: 'identity' })).toEqual({ kind: 'identity' });
    expect(of({ satisfiedKind: 'element', element: 'group.disabled.grade' })).toEqual({
      kind: 'element',
      element: 'group.disabled.grade',
    });
    expect(of({ satisfiedKind: 'certificate', certificate: 'residence_certificate' })).toEqual({
      kind: 'certificate',
      certificate: 'residence_certificate',
    });
  });

  it('tells a changed draft from the loaded one, whatever the item ids', () => {
    const a = draftOfMatter('elderly_allowance_claim');
    const b = draftOfMatter('elderly_allowance_claim');
    expect(draftFingerprint(a)).toBe(draftFingerprint(b));
    expect(draftFingerprint({ ...a, enabled: false })).not.toBe(draftFingerprint(b));
    expect(draftFingerprint({ ...a, name: `${a.name}改` })).not.toBe(draftFingerprint(b));
  });
});
