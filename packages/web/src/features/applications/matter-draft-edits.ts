import {
  codeSets,
  defaultDataElements,
  elementCodeSet,
  fieldElementTypes,
  type DataElement,
  type MatterFieldType,
} from '@shequ/core';
import {
  nextId,
  type FieldDraft,
  type MaterialDraft,
  type MatterDraft,
  type StepDraft,
} from './matter-draft';

/**
 * The matter designer's edits: lists reordered, new items whose keys do not clash, a new matter
 * and a copy to start from, and the choices its pickers offer.
 */

/** The list with the item at `from` moved to `to`; out-of-range moves change nothing. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) {
    return [...items];
  }
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

export const removeItem = <T>(items: readonly T[], index: number): T[] =>
  items.filter((_, i) => i !== index);

export const replaceItem = <T>(items: readonly T[], index: number, patch: Partial<T>): T[] =>
  items.map((item, i) => (i === index ? { ...item, ...patch } : item));

/** `prefix1`, `prefix2`, … : the first one no item uses. */
export function freeKey(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const key = `${prefix}${n}`;
    if (!taken.includes(key)) return key;
  }
}

export function newMaterial(materials: readonly MaterialDraft[]): MaterialDraft {
  return {
    id: nextId(),
    code: freeKey(
      'material_',
      materials.map((m) => m.code),
    ),
    name: '',
    required: true,
    form: '',
    satisfiedKind: 'none',
    element: '',
    certificate: '',
    note: '',
    extra: {},
  };
}

export function newField(form: readonly FieldDraft[]): FieldDraft {
  return {
    id: nextId(),
    key: freeKey(
      'field',
      form.map((f) => f.key),
    ),
    label: '',
    type: 'text',
    required: false,
    codeSet: '',
    element: '',
    maxLength: null,
    min: null,
    max: null,
    help: '',
    extra: {},
  };
}

/**
 * The steps with a new 审核 step: before the final 审批 or 会签 (which must stay last), at the end
 * when there is none.
 */
export function withNewStep(steps: readonly StepDraft[]): StepDraft[] {
  const step: StepDraft = {
    id: nextId(),
    key: freeKey(
      'step_',
      steps.map((s) => s.key),
    ),
    name: '',
    kind: 'review',
    level: 'street',
    role: 'street_staff',
    departmentType: '',
    countersign: [],
    days: 1,
    extra: {},
  };
  const last = steps[steps.length - 1];
  const beforeLast =
    steps.length > 1 &&
    last !== undefined &&
    (last.kind === 'decide' || last.kind === 'countersign');
  const at = beforeLast ? steps.length - 1 : steps.length;
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/** The words a new matter starts with, in the user's language. */
export interface NewMatterWords {
  fee: string;
  acceptStep: string;
  decideStep: string;
}

/**
 * A new matter that already satisfies the step rules: 受理 at the community, 审批 at the street,
 * ten working days; the person fills in the name, code, result and the rest.
 */
export function newMatterDraft(words: NewMatterWords): MatterDraft {
  return {
    code: '',
    name: '',
    category: 'social_assistance',
    departmentType: 'civil_affairs',
    acceptLevel: 'community',
    decideLevel: 'street',
    timeLimitDays: 10,
    fee: words.fee,
    online: false,
    enabled: true,
    conditions: '',
    legalBasis: '',
    result: { kind: 'decision', title: '', extra: {} },
    materials: [],
    form: [],
    steps: [
      {
        ...withNewStep([])[0]!,
        key: 'accept',
        name: words.acceptStep,
        kind: 'accept',
        level: 'community',
        role: 'community_worker',
        days: 2,
      },
      {
        ...withNewStep([])[0]!,
        key: 'decide',
        name: words.decideStep,
        kind: 'decide',
        level: 'street',
        role: 'street_staff',
        days: 8,
      },
    ],
    extra: {},
  };
}

/** A copy of a matter to start a new one from: a code and name the person is meant to change. */
export function copyDraft(source: MatterDraft, nameSuffix: string): MatterDraft {
  return {
    ...source,
    code: `${source.code}_copy`,
    name: `${source.name}${nameSuffix}`,
    materials: source.materials.map((m) => ({ ...m, id: nextId() })),
    form: source.form.map((f) => ({ ...f, id: nextId() })),
    steps: source.steps.map((s) => ({ ...s, id: nextId() })),
  };
}

/** The data elements a field of this type may be prefilled from. */
export function elementsForField(type: MatterFieldType): DataElement[] {
  const wanted = fieldElementTypes[type];
  return defaultDataElements.filter((e) => e.type === wanted);
}

/** Every code set a code field may use: the national ones and the platform's own. */
export function codeSetChoices(): { id: string; name: string }[] {
  const out = new Map<string, string>(codeSets.map((set) => [set.id, set.name]));
  for (const element of defaultDataElements) {
    const set = elementCodeSet(element);
    if (set && !out.has(set.id)) out.set(set.id, set.name);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

const FIELD_KEY = /^[a-z][a-zA-Z0-9]*$/;

/**
 * The fields the preview can render: a key that is not valid, or repeats one before it, would
 * make two inputs share a value, so those wait until the key is fixed.
 */
export function previewFields<T extends { key: string }>(form: readonly T[]): T[] {
  const seen = new Set<string>();
  return form.filter((field) => {
    if (!FIELD_KEY.test(field.key) || seen.has(field.key)) return false;
    seen.add(field.key);
    return true;
  });
}
