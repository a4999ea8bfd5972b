import type {
  MatterCategory,
  MatterField,
  MatterFieldType,
  MatterLevel,
  MatterMaterial,
  MatterStep,
  Role,
  ServiceMatter,
  StepKind,
} from '@shequ/core';

/**
 * The matter designer's working copy of a definition: flat, string-valued where an input edits
 * it, every list item with a stable id for React. Whatever the raw definition holds that the
 * designer does not edit stays in `extra` and goes back unchanged, so saving loses nothing.
 */

type Extra = Record<string, unknown>;

export const satisfiedKinds = ['none', 'identity', 'element', 'certificate'] as const;
export type SatisfiedKind = (typeof satisfiedKinds)[number];
export const resultKinds = ['decision', 'certificate', 'acceptance'] as const;
export type ResultKind = (typeof resultKinds)[number];
/** The roles a step may be worked by (core's matterProblems refuses the others). */
export const stepRoles = [
  'community_worker',
  'street_staff',
  'department_reviewer',
] as const satisfies readonly Role[];

export interface MaterialDraft {
  id: string;
  code: string;
  name: string;
  required: boolean;
  form: string;
  satisfiedKind: SatisfiedKind;
  element: string;
  certificate: string;
  note: string;
  extra: Extra;
}

export interface FieldDraft {
  id: string;
  key: string;
  label: string;
  type: MatterFieldType;
  required: boolean;
  codeSet: string;
  element: string;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  help: string;
  extra: Extra;
}

export interface StepDraft {
  id: string;
  key: string;
  name: string;
  kind: StepKind;
  level: MatterLevel;
  role: Role;
  departmentType: string;
  countersign: string[];
  days: number | null;
  extra: Extra;
}

export interface MatterDraft {
  code: string;
  name: string;
  category: MatterCategory;
  departmentType: string;
  acceptLevel: MatterLevel;
  decideLevel: MatterLevel;
  timeLimitDays: number | null;
  fee: string;
  online: boolean;
  /** Not part of the definition: the catalog row's switch, saved with it. */
  enabled: boolean;
  /** 申请条件 and 设定依据, one per line. */
  conditions: string;
  legalBasis: string;
  result: { kind: ResultKind; title: string; extra: Extra };
  materials: MaterialDraft[];
  form: FieldDraft[];
  steps: StepDraft[];
  extra: Extra;
}

let lastId = 0;
/** A new list item's id, unique in the page (React keys). */
export const nextId = () => `d${++lastId}`;

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const record = (value: unknown): Extra =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Extra) : {};

/** The keys of `raw` that the draft does not edit. */
function rest(raw: Extra, edited: readonly string[]): Extra {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !edited.includes(key)));
}

function materialDraft(value: unknown): MaterialDraft {
  const raw = record(value);
  const by = record(raw.satisfiedBy);
  const kind = (satisfiedKinds as readonly unknown[]).includes(by.kind)
    ? (by.kind as SatisfiedKind)
    : 'none';
  return {
    id: nextId(),
    code: str(raw.code),
    name: str(raw.name),
    required: raw.required === true,
    form: str(raw.form),
    satisfiedKind: kind,
    element: str(by.element),
    certificate: str(by.certificate),
    note: str(raw.note),
    extra: rest(raw, ['code', 'name', 'required', 'form', 'satisfiedBy', 'note']),
  };
}

function fieldDraft(value: unknown): FieldDraft {
  const raw = record(value);
  return {
    id: nextId(),
    key: str(raw.key),
    label: str(raw.label),
    type: (str(raw.type) || 'text') as MatterFieldType,
    required: raw.required === true,
    codeSet: str(raw.codeSet),
    element: str(raw.element),
    maxLength: num(raw.maxLength),
    min: num(raw.min),
    max: num(raw.max),
    help: str(raw.help),
    extra: rest(raw, [
      'key',
      'label',
      'type',
      'required',
      'codeSet',
      'element',
      'maxLength',
      'min',
      'max',
      'help',
    ]),
  };
}

function stepDraft(value: unknown): StepDraft {
  const raw = record(value);
  return {
    id: nextId(),
    key: str(raw.key),
    name: str(raw.name),
    kind: str(raw.kind) as StepKind,
    level: str(raw.level) as MatterLevel,
    role: str(raw.role) as Role,
    departmentType: str(raw.departmentType),
    countersign: list(raw.countersign).map(str),
    days: num(raw.days),
    extra: rest(raw, [
      'key',
      'name',
      'kind',
      'level',
      'role',
      'departmentType',
      'countersign',
      'days',
    ]),
  };
}

/** A raw definition (the server's open record) as a draft, with the catalog row's `enabled`. */
export function draftOf(definition: Extra, enabled: boolean): MatterDraft {
  const result = record(definition.result);
  return {
    code: str(definition.code),
    name: str(definition.name),
    category: str(definition.category) as MatterCategory,
    departmentType: str(definition.departmentType),
    acceptLevel: str(definition.acceptLevel) as MatterLevel,
    decideLevel: str(definition.decideLevel) as MatterLevel,
    timeLimitDays: num(definition.timeLimitDays),
    fee: str(definition.fee),
    online: definition.online === true,
    enabled,
    conditions: list(definition.conditions).map(str).join('\n'),
    legalBasis: list(definition.legalBasis).map(str).join('\n'),
    result: {
      kind: str(result.kind) as ResultKind,
      title: str(result.title),
      extra: rest(result, ['kind', 'title']),
    },
    materials: list(definition.materials).map(materialDraft),
    form: list(definition.form).map(fieldDraft),
    steps: list(definition.steps).map(stepDraft),
    extra: rest(definition, [
      'code',
      'name',
      'category',
      'departmentType',
      'acceptLevel',
      'decideLevel',
      'timeLimitDays',
      'fee',
      'online',
      'conditions',
      'legalBasis',
      'result',
      'materials',
      'form',
      'steps',
    ]),
  };
}

/** An optional text: trimmed, and left out when blank. */
const optional = (value: string): string | undefined => value.trim() || undefined;
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function materialOf(m: MaterialDraft): MatterMaterial {
  const satisfiedBy: MatterMaterial['satisfiedBy'] = (() => {
    switch (m.satisfiedKind) {
      case 'none':
        return undefined;
      case 'identity':
        return { kind: 'identity' };
      case 'element':
        return { kind: 'element', element: m.element.trim() };
      case 'certificate':
        return { kind: 'certificate', certificate: m.certificate.trim() };
    }
  })();
  return {
    ...m.extra,
    code: m.code.trim(),
    name: m.name.trim(),
    required: m.required,
    form: optional(m.form),
    satisfiedBy,
    note: optional(m.note),
  };
}

const lengthTypes: readonly MatterFieldType[] = ['text', 'textarea'];

function fieldOf(f: FieldDraft): MatterField {
  const bounded = f.type === 'number';
  return {
    ...f.extra,
    key: f.key.trim(),
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    codeSet: f.type === 'code' ? optional(f.codeSet) : undefined,
    element: optional(f.element),
    maxLength: lengthTypes.includes(f.type) ? (f.maxLength ?? undefined) : undefined,
    min: bounded ? (f.min ?? undefined) : undefined,
    max: bounded ? (f.max ?? undefined) : undefined,
    help: optional(f.help),
  };
}

function stepOf(s: StepDraft): MatterStep {
  return {
    ...s.extra,
    key: s.key.trim(),
    name: s.name.trim(),
    kind: s.kind,
    level: s.level,
    role: s.role,
    departmentType: (optional(s.departmentType) as MatterStep['departmentType']) ?? undefined,
    countersign:
      s.kind === 'countersign' ? (s.countersign as MatterStep['countersign']) : undefined,
    days: s.days ?? 0,
  };
}

/** Drops the keys whose value is undefined, so the JSON sent is what a person would write. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The definition a draft stands for, trimmed as the server would trim it, ready to check or send. */
export function definitionOf(draft: MatterDraft): ServiceMatter {
  return {
    ...draft.extra,
    code: draft.code.trim(),
    name: draft.name.trim(),
    category: draft.category,
    departmentType: draft.departmentType as ServiceMatter['departmentType'],
    acceptLevel: draft.acceptLevel,
    decideLevel: draft.decideLevel,
    conditions: lines(draft.conditions),
    legalBasis: lines(draft.legalBasis),
    materials: draft.materials.map((m) => compact(materialOf(m))),
    form: draft.form.map((f) => compact(fieldOf(f))),
    timeLimitDays: draft.timeLimitDays ?? 0,
    steps: draft.steps.map((s) => compact(stepOf(s))),
    fee: draft.fee.trim(),
    online: draft.online,
    result: { ...draft.result.extra, kind: draft.result.kind, title: draft.result.title.trim() },
  };
}

/** Whether the draft differs from what was loaded (ids aside). */
export function draftFingerprint(draft: MatterDraft): string {
  return JSON.stringify({ definition: definitionOf(draft), enabled: draft.enabled });
}
