import type { DataElementView, Department, Me } from '@shequ/core';

/**
 * The department types the user works for, from their department-reviewer grants: the active
 * grant's first (the server compares as that department), then the others.
 */
export function departmentTypesOf(
  me: Pick<Me, 'grants' | 'activeGrantId'>,
  departments: readonly Pick<Department, 'id' | 'typeCode'>[],
): string[] {
  const grants = me.grants
    .filter((g) => g.role === 'department_reviewer' && g.departmentId !== null)
    .sort((a, b) => Number(b.id === me.activeGrantId) - Number(a.id === me.activeGrantId));
  const types = grants.flatMap((g) => {
    const type = departments.find((d) => d.id === g.departmentId)?.typeCode;
    return type ? [type] : [];
  });
  return [...new Set(types)];
}

/**
 * The elements a department may submit its own values of: those it verifies or compares. With no
 * known department type, every governed element (the server still decides).
 */
export function comparableElements(
  elements: readonly DataElementView[],
  type: string | undefined,
): DataElementView[] {
  const governed = elements.filter((e) => e.verifier !== null);
  if (!type) return governed;
  return governed.filter((e) => e.verifier === type || e.comparers.includes(type));
}
