import { describe, expect, it } from 'vitest';
import {
  idNumberCheckCharacter,
  idNumberMismatches,
  maskIdNumber,
  parseIdNumber,
} from './id-number';

const today = '2026-11-28';

describe('parseIdNumber (GB 11643-1999)', () => {
  it('accepts the standard’s own example 11010519491231002X and derives its facts', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      value: {
        number: '11010519491231002X',
        addressCode: '110105',
        birthDate: '1949-12-31',
        sex: '2',
        converted: false,
      },
    });
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    // the same seventeen digits with the last sequence digit changed give another check character
    expect(idNumberCheckCharacter('11010519491231003')).not.toBe('X');
  });

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['one digit changed', '11010519491231012X'],
    ['two digits swapped', '11010591491231002X'],
  ])('rejects %s', (_, number) => {
    const result = parseIdNumber(number, today);
    expect(result.ok).toBe(false);
  });

  it('names the check character when only it is wrong', () => {
    expect(parseIdNumber('110105194912310021', today)).toEqual({
      ok: false,
      message: '身份证号码校验位错误，请核对号码',
    });
  });

  it('accepts a lower-case x and stores it upper-case, ignoring surrounding spaces', () => {
    const result = parseIdNumber('  11010519491231002x ', today);
    expect(result.ok && result.value.number).toBe('11010519491231002X');
  });

  it('converts a legacy 15-digit number by inserting 19 and computing the check character', () => {
    const result = parseIdNumber('110105491231002', today);
    expect(result).toEqual({
      ok: true,
      value: {
        number: '11010519491231002X',
        addressCode: '110105',
        birthDate: '1949-12-31',
        sex: '2',
        converted: true,
      },
    });
  });

  it('derives the sex from the parity of the sequence: odd is male', () => {
    const first17 = '32010219800101001';
    const result = parseIdNumber(first17 + idNumberCheckCharacter(first17), today);
    expect(result.ok && result.value.sex).toBe('1');
  });

  it.each([
    ['February 30th', '32010219900230001'],
    ['month 13', '32010219901301001'],
    ['day 00', '32010219900100001'],
    ['29 February of a common year', '32010219010229001'],
  ])('rejects an impossible birth date: %s', (_, first17) => {
    const result = parseIdNumber(first17 + idNumberCheckCharacter(first17), today);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('不存在') });
  });

  it('accepts 29 February of a leap year', () => {
    const first17 = '32010220000229001';
    expect(parseIdNumber(first17 + idNumberCheckCharacter(first17), today).ok).toBe(true);
  });

  it('rejects a birth date after today', () => {
    const first17 = '32010220261129001';
    expect(parseIdNumber(first17 + idNumberCheckCharacter(first17), today)).toMatchObject({
      ok: false,
      message: expect.stringContaining('晚于今天'),
    });
  });

  it('rejects an address code outside the province codes of GB/T 2260', () => {
    const first17 = '99010219800101001';
    expect(parseIdNumber(first17 + idNumberCheckCharacter(first17), today)).toMatchObject({
      ok: false,
      message: expect.stringContaining('地址码'),
    });
  });

  it.each([
    '',
    '1101051949123100',
    '1101051949123100XX',
    '11010519491231002Y',
    '11010519491231X02X',
  ])('rejects a malformed number %j', (number) => {
    expect(parseIdNumber(number, today)).toMatchObject({ ok: false });
  });
});

describe('idNumberMismatches', () => {
  const facts = { birthDate: '1949-12-31', sex: '2' as const };

  it('flags a stated birth date and sex that disagree with the number, naming the field', () => {
    expect(idNumberMismatches(facts, { birthDate: '1950-01-01', sex: '1' })).toEqual([
      { path: 'birthDate', message: '出生日期 1950-01-01 与身份证号码（1949-12-31）不一致' },
      { path: 'sex', message: '性别与身份证号码（女）不一致' },
    ]);
  });

  it('finds nothing when they agree or are not stated, and ignores the unknown sex codes', () => {
    expect(idNumberMismatches(facts, { birthDate: '1949-12-31', sex: '2' })).toEqual([]);
    expect(idNumberMismatches(facts, {})).toEqual([]);
    expect(idNumberMismatches(facts, { sex: '9' })).toEqual([]);
  });
});

describe('maskIdNumber', () => {
  it('keeps the address code and the last four characters', () => {
    expect(maskIdNumber('32010219800101001X')).toBe('320102********001X');
  });
});
