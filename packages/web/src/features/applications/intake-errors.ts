import type { FieldProblem } from '../../api/problem';

/** The steps of the window intake wizard, in order. */
export const intakeSteps = ['matter', 'applicant', 'form', 'materials', 'confirm'] as const;
export type IntakeStep = (typeof intakeSteps)[number];

/**
 * The wizard step a server error path belongs to: `form.birthDate` and the SMS `phone` to the
 * form, `materials.bank_card` to the materials, `personId` to the applicant, `matterCode` to the
 * matter; the duplicate confirmation, the submission key and anything else to the last step.
 */
export function stepOfErrorPath(path: string): IntakeStep {
  const head = path.replace(/\[(\d+)\]/g, '.$1').split('.')[0] ?? '';
  switch (head) {
    case 'matterCode':
      return 'matter';
    case 'personId':
      return 'applicant';
    case 'form':
    case 'phone':
    case 'channel':
      return 'form';
    case 'materials':
    case 'providedMaterials':
      return 'materials';
    default:
      return 'confirm';
  }
}

/** The earliest step any of the problems belongs to (the one to go back to), or undefined. */
export function firstStepWithProblems(problems: readonly FieldProblem[]): IntakeStep | undefined {
  const steps = problems.map((p) => intakeSteps.indexOf(stepOfErrorPath(p.path)));
  if (steps.length === 0) return undefined;
  return intakeSteps[Math.min(...steps)];
}

/** The problems of the materials step by material code (`materials.bank_card` → bank_card). */
export function materialProblems(problems: readonly FieldProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const problem of problems) {
    const [head, code] = problem.path.split('.');
    if (head !== 'materials' || !code) continue;
    (out[code] ??= []).push(problem.message);
  }
  return out;
}
