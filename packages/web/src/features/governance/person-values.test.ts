import type { PersonDetail } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { attributeHasValue } from './person-values';

const person = {
  name: '陈建国',
  idNumberMasked: '320102********1234',
  occupation: null,
  employer: ' ',
  registeredAddressMasked: '南京市玄武区****',
} as unknown as PersonDetail;

describe('attributeHasValue', () => {
  it('finds plain and masked values', () => {
    expect(attributeHasValue(person, 'name')).toBe(true);
    expect(attributeHasValue(person, 'idNumber')).toBe(true);
    expect(attributeHasValue(person, 'registeredAddress')).toBe(true);
  });

  it('treats missing, null and blank values as none', () => {
    expect(attributeHasValue(person, 'occupation')).toBe(false);
    expect(attributeHasValue(person, 'employer')).toBe(false);
    expect(attributeHasValue(person, 'shoeSize')).toBe(false);
  });
});
