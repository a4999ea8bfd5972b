import { describe, expect, it } from 'vitest';
import { valueInputOf } from './element-value';

describe('valueInputOf', () => {
  it('offers the code table of a coded element (残疾等级 from 一级 to 四级)', () => {
    const input = valueInputOf('group.disabled.grade');
    expect(input.kind).toBe('code');
    if (input.kind !== 'code') return;
    expect(input.codeSet.items.map((i) => i.name)).toContain('二级');
  });

  it('asks yes or no for register membership', () => {
    expect(valueInputOf('group.disabled')).toEqual({ kind: 'boolean' });
  });

  it('falls back to text for plain and unknown elements', () => {
    expect(valueInputOf('person.occupation')).toEqual({ kind: 'text' });
    expect(valueInputOf('person.shoeSize')).toEqual({ kind: 'text' });
    expect(valueInputOf(undefined)).toEqual({ kind: 'text' });
  });

  it('knows dates', () => {
    expect(valueInputOf('person.birthDate')).toEqual({ kind: 'date' });
  });
});
