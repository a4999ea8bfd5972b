import { matterProblems, ServiceMatterDefinition } from '@shequ/core';
import { definitionOf, type MatterDraft } from './matter-draft';

/**
 * The matter designer's problems: core's rules and the request contract's shape checks, run on
 * the draft as the person types and placed on the inputs that show them; the server's answers
 * are placed the same way.
 */

/** The designer's tabs; every problem belongs to one. */
export const designerSections = ['basic', 'basis', 'materials', 'form', 'steps'] as const;
export type DesignerSection = (typeof designerSections)[number];

export interface DraftProblem {
  /** The input that shows it: `name`, `form.2.label`, `materials.0.satisfiedBy`, `steps`. */
  key: string;
  message: string;
}

/**
 * The input a problem's path belongs to. Paths come from core and the contract's zod checks
 * (`steps.1.departmentType`, `conditions.3`) or from the server (`definition.` before either);
 * bracketed indexes (`form[2].key`) are read too. A line of 申请条件 belongs to the whole text;
 * the parts of 免提交依据 to its one row of inputs.
 */
export function problemKey(path: string): string {
  const parts = path
    .replace(/^definition\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const [head = '', index, leaf] = parts;
  if (head === 'conditions' || head === 'legalBasis') return head;
  if (head === 'result') return parts[1] === 'register' ? 'result.register' : parts.join('.');
  if (index !== undefined && /^\d+$/.test(index) && leaf !== undefined) {
    if (head === 'materials' && leaf === 'satisfiedBy') return `materials.${index}.satisfiedBy`;
    return `${head}.${index}.${leaf}`;
  }
  return parts.join('.');
}

const sectionOfHead: Record<string, DesignerSection> = {
  conditions: 'basis',
  legalBasis: 'basis',
  materials: 'materials',
  form: 'form',
  steps: 'steps',
};

/** The tab that shows the input of a problem key (everything else is 基本信息). */
export const sectionOf = (key: string): DesignerSection =>
  sectionOfHead[key.split('.')[0] ?? ''] ?? 'basic';

/**
 * Everything that stops the draft being saved, as the server would say it: core's rules
 * (`matterProblems`) first, then the shape checks of the request contract for inputs core said
 * nothing about (a blank line, a name too long). One message per input per wording.
 */
export function draftProblems(draft: MatterDraft): DraftProblem[] {
  const definition = definitionOf(draft);
  const found: DraftProblem[] = matterProblems(definition).map((p) => ({
    key: problemKey(p.path),
    message: p.message,
  }));
  const ruled = new Set(found.map((p) => p.key));
  const shape = ServiceMatterDefinition.safeParse(definition);
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const key = problemKey(issue.path.map(String).join('.'));
      if (!ruled.has(key)) found.push({ key, message: issue.message });
    }
  }
  return dedupe(found);
}

/** The problems without repeats (the same message on the same input). */
export function dedupe(problems: readonly DraftProblem[]): DraftProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.key}\n${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The messages of each input, for the inputs to show. */
export function problemsByKey(problems: readonly DraftProblem[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const p of problems) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p.message]);
  return byKey;
}

/** How many problems each tab has. */
export function problemCounts(problems: readonly DraftProblem[]): Record<DesignerSection, number> {
  const counts = { basic: 0, basis: 0, materials: 0, form: 0, steps: 0 };
  for (const p of problems) counts[sectionOf(p.key)]++;
  return counts;
}
