import type { DataElementView, Me } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { comparableElements, departmentTypesOf } from './my-departments';

const grant = (id: string, role: Me['grants'][number]['role'], departmentId: string | null) => ({
  id,
  role,
  regionCode: '320102',
  regionName: '玄武区',
  departmentId,
  departmentName: null,
});

const departments = [
  { id: 'd-cdpf', typeCode: 'disabled_federation' },
  { id: 'd-civil', typeCode: 'civil_affairs' },
];

describe('departmentTypesOf', () => {
  it('lists the types of the reviewer grants, the active grant first', () => {
    const me = {
      grants: [
        grant('g1', 'department_reviewer', 'd-cdpf'),
        grant('g2', 'department_reviewer', 'd-civil'),
        grant('g3', 'community_worker', null),
      ],
      activeGrantId: 'g2',
    };
    expect(departmentTypesOf(me, departments)).toEqual(['civil_affairs', 'disabled_federation']);
  });

  it('leaves out grants without a department or with one it cannot find', () => {
    const me = {
      grants: [grant('g1', 'community_worker', null), grant('g2', 'department_reviewer', 'gone')],
      activeGrantId: null,
    };
    expect(departmentTypesOf(me, departments)).toEqual([]);
  });
});

const element = (code: string, verifier: string | null, comparers: string[] = []) =>
  ({ code, verifier, comparers }) as unknown as DataElementView;

const catalog = [
  element('group.disabled.grade', 'disabled_federation', ['civil_affairs']),
  element('group.minimum_living', 'civil_affairs'),
  element('person.education', 'education'),
  element('person.phone', null),
];

describe('comparableElements', () => {
  it('offers the elements the department verifies or compares', () => {
    expect(comparableElements(catalog, 'civil_affairs').map((e) => e.code)).toEqual([
      'group.disabled.grade',
      'group.minimum_living',
    ]);
  });

  it('offers every governed element when the department is unknown', () => {
    expect(comparableElements(catalog, undefined)).toHaveLength(3);
  });
});
