import { describe, expect, it } from 'vitest';
import { householdHeadProblems } from './household';

describe('householdHeadProblems', () => {
  it('accepts a household with exactly one head', () => {
    expect(
      householdHeadProblems([{ relation: '02' }, { relation: '10' }, { relation: '20' }]),
    ).toEqual([]);
  });

  it('refuses a household without a head, and an empty one', () => {
    expect(householdHeadProblems([{ relation: '10' }])).toEqual([
      { path: 'members', message: '该户没有户主，请指定一名户主' },
    ]);
    expect(householdHeadProblems([])).toEqual([
      { path: 'members', message: '一户至少要有一名成员' },
    ]);
  });

  it('names every head after the first when there are several', () => {
    expect(
      householdHeadProblems([
        { relation: '02' },
        { relation: '30' },
        { relation: '02' },
        { relation: '02' },
      ]),
    ).toEqual([
      { path: 'members.2.relation', message: '一户只能有一名户主（现有 3 名）' },
      { path: 'members.3.relation', message: '一户只能有一名户主（现有 3 名）' },
    ]);
  });
});
