import type { DataElementView } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { filterCatalog } from './catalog-filter';

const element = (code: string, name: string, verifier: string | null) =>
  ({ code, name, verifier, comparers: [] }) as unknown as DataElementView;

const elements = [
  element('person.maritalStatus', '婚姻状况', 'civil_affairs'),
  element('person.phone', '联系电话', null),
  element('group.disabled.grade', '残疾人·残疾等级', 'disabled_federation'),
];

describe('filterCatalog', () => {
  it('finds elements by part of the name or the code, ignoring case and spaces', () => {
    expect(filterCatalog(elements, { q: ' 残疾 ' }).map((e) => e.code)).toEqual([
      'group.disabled.grade',
    ]);
    expect(filterCatalog(elements, { q: 'MARITAL' }).map((e) => e.name)).toEqual(['婚姻状况']);
  });

  it('filters by verifying department, or to the elements nobody verifies', () => {
    expect(filterCatalog(elements, { verifier: 'civil_affairs' })).toHaveLength(1);
    expect(filterCatalog(elements, { verifier: 'none' }).map((e) => e.code)).toEqual([
      'person.phone',
    ]);
    expect(filterCatalog(elements, {})).toHaveLength(3);
  });
});
