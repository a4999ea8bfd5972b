import type { FieldError } from './errors';

/** GB/T 4761-2008 家庭关系代码 02: 户主 (head of household). */
export const HOUSEHOLD_HEAD_RELATION = '02';

/**
 * A household has exactly one head. Returns the problems of a proposed member list, each naming
 * the field to correct (`members.3.relation`, or `members` when there is no head at all).
 */
export function householdHeadProblems(members: readonly { relation: string }[]): FieldError[] {
  const heads = members.flatMap((m, i) => (m.relation === HOUSEHOLD_HEAD_RELATION ? [i] : []));
  if (members.length === 0) return [{ path: 'members', message: '一户至少要有一名成员' }];
  if (heads.length === 0) return [{ path: 'members', message: '该户没有户主，请指定一名户主' }];
  return heads.slice(1).map((i) => ({
    path: `members.${i}.relation`,
    message: `一户只能有一名户主（现有 ${heads.length} 名）`,
  }));
}
