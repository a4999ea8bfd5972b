import { departmentTypes, findSpecialGroup, type DataElementView } from '@shequ/core';

/** What a department type does with an element: verifies it (●), compares it (○), or neither. */
export type Responsibility = 'verifies' | 'compares' | null;

export function responsibilityOf(
  element: Pick<DataElementView, 'verifier' | 'comparers'>,
  departmentType: string,
): Responsibility {
  if (element.verifier === departmentType) return 'verifies';
  if (element.comparers.includes(departmentType)) return 'compares';
  return null;
}

/** The subject an element describes: the person, or one register (`group.disabled…` → disabled). */
export type MatrixSubject = { kind: 'person' } | { kind: 'register'; code: string; name: string };

export function subjectOf(elementCode: string): MatrixSubject {
  const [head, group] = elementCode.split('.');
  if (head === 'group' && group) {
    return { kind: 'register', code: group, name: findSpecialGroup(group)?.name ?? group };
  }
  return { kind: 'person' };
}

/** A row of the matrix: a subject's heading, or one element under it. */
export type MatrixRow =
  | { kind: 'subject'; key: string; subject: MatrixSubject; count: number }
  | { kind: 'element'; key: string; element: DataElementView };

export interface ResponsibilityMatrix {
  /** Department types that verify or compare at least one element, in the platform's order. */
  columns: { code: string; shortName: string }[];
  rows: MatrixRow[];
}

/**
 * The responsibility matrix (element × department type) of a city's catalog: elements grouped by
 * subject (person attributes first, then each register in catalog order), and only the department
 * types that have some responsibility as columns.
 */
export function buildResponsibilityMatrix(
  elements: readonly DataElementView[],
): ResponsibilityMatrix {
  const involved = new Set(elements.flatMap((e) => [e.verifier, ...e.comparers]));
  const columns: { code: string; shortName: string }[] = departmentTypes
    .filter((type) => involved.has(type.code))
    .map(({ code, shortName }) => ({ code, shortName }));
  // any type the platform does not list (a city's own) goes last, under its code
  for (const code of involved) {
    if (code !== null && !columns.some((c) => c.code === code))
      columns.push({ code, shortName: code });
  }

  const groups = new Map<string, { subject: MatrixSubject; elements: DataElementView[] }>();
  for (const element of elements) {
    const subject = subjectOf(element.code);
    const key = subject.kind === 'person' ? 'person' : `group.${subject.code}`;
    const group = groups.get(key) ?? { subject, elements: [] };
    group.elements.push(element);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => Number(b === 'person') - Number(a === 'person'),
  );
  const rows: MatrixRow[] = ordered.flatMap(([key, group]) => [
    {
      kind: 'subject' as const,
      key: `subject:${key}`,
      subject: group.subject,
      count: group.elements.length,
    },
    ...group.elements.map((element) => ({
      kind: 'element' as const,
      key: element.code,
      element,
    })),
  ]);
  return { columns, rows };
}
