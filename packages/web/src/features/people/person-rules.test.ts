import { describe, expect, it } from 'vitest';
import { documentNumberProblem, isPhoneNumber } from './person-rules';

describe('documentNumberProblem', () => {
  it('accepts a citizen ID number with a correct check character', () => {
    expect(documentNumberProblem('11010519491231002X', '111')).toBeUndefined();
  });

  it('rejects a citizen ID number whose check character is wrong', () => {
    expect(documentNumberProblem('110105194912310021', undefined)).toBe(
      '身份证号码校验位错误，请核对号码',
    );
  });

  it('checks other documents only for their characters', () => {
    expect(documentNumberProblem('E12345678', '990')).toBeUndefined();
    expect(documentNumberProblem('护照 123', '990')).toMatch(/字母、数字和连字符/);
  });
});

describe('isPhoneNumber', () => {
  it('accepts mobiles and landlines as people write them', () => {
    for (const phone of ['13912345678', '025-84561234', '(025) 84561234', '84561234'])
      expect(isPhoneNumber(phone)).toBe(true);
  });

  it('rejects what is no phone number', () => {
    for (const phone of ['12345', '1391234567x', '23912345678'])
      expect(isPhoneNumber(phone)).toBe(false);
  });
});
