import { defaultDataElements, type DataElementView } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { buildResponsibilityMatrix, responsibilityOf, subjectOf } from './responsibility-matrix';

const view = (
  code: string,
  verifier: string | null,
  comparers: string[] = [],
): DataElementView => ({
  code,
  name: code,
  type: 'text',
  codeSet: null,
  codeSetName: null,
  unit: null,
  sensitivity: 'internal',
  verifier,
  verifierName: null,
  comparers,
  comparerNames: [],
  collector: 'community',
  cycle: 'on_change',
  timeLimitDays: 5,
  configured: false,
  settingVersion: null,
});

describe('responsibilityOf', () => {
  it('marks the verifier, the comparers and everybody else', () => {
    const grade = view('group.disabled.grade', 'disabled_federation', ['civil_affairs']);
    expect(responsibilityOf(grade, 'disabled_federation')).toBe('verifies');
    expect(responsibilityOf(grade, 'civil_affairs')).toBe('compares');
    expect(responsibilityOf(grade, 'health')).toBeNull();
  });
});

describe('subjectOf', () => {
  it('tells person attributes from register membership and register fields', () => {
    expect(subjectOf('person.maritalStatus')).toEqual({ kind: 'person' });
    expect(subjectOf('group.disabled')).toMatchObject({ kind: 'register', code: 'disabled' });
    expect(subjectOf('group.disabled.grade')).toEqual({
      kind: 'register',
      code: 'disabled',
      name: '残疾人',
    });
  });
});

describe('buildResponsibilityMatrix', () => {
  it('groups elements by subject, person attributes first, each under one heading', () => {
    const matrix = buildResponsibilityMatrix([
      view('group.disabled', 'disabled_federation'),
      view('person.name', 'public_security', ['civil_affairs']),
      view('group.disabled.grade', 'disabled_federation', ['civil_affairs']),
      view('person.phone', null),
    ]);
    expect(matrix.rows.map((r) => r.key)).toEqual([
      'subject:person',
      'person.name',
      'person.phone',
      'subject:group.disabled',
      'group.disabled',
      'group.disabled.grade',
    ]);
    expect(matrix.rows[0]).toMatchObject({ kind: 'subject', count: 2 });
    expect(matrix.rows[3]).toMatchObject({ kind: 'subject', count: 2 });
  });

  it('has a column for each department type with a responsibility, in the platform order', () => {
    const matrix = buildResponsibilityMatrix([
      view('group.disabled.grade', 'disabled_federation', ['civil_affairs']),
      view('person.name', 'public_security'),
      view('person.phone', null),
    ]);
    expect(matrix.columns.map((c) => c.shortName)).toEqual(['民政', '公安', '残联']);
  });

  it('covers the whole default catalog with every element once', () => {
    const elements = defaultDataElements.map((e) => view(e.code, e.verifier, [...e.comparers]));
    const matrix = buildResponsibilityMatrix(elements);
    const listed = matrix.rows.flatMap((r) => (r.kind === 'element' ? [r.key] : []));
    expect(listed).toHaveLength(elements.length);
    expect(new Set(listed).size).toBe(elements.length);
  });
});
