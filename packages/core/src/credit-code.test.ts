import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code';

describe('parseCreditCode (GB 32100-2015)', () => {
  it('accepts the standard’s example 91350100M000100Y43', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
  });

  it('accepts a code whose check character is a letter, in lower case', () => {
    expect(parseCreditCode(' 91110000600037341l ')).toEqual({
      ok: true,
      value: '91110000600037341L',
    });
  });

  it('computes the check character as 31 minus the weighted sum modulo 31', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91350100M000100I4')).toBeUndefined();
  });

  it('rejects a changed character and a wrong check character', () => {
    expect(parseCreditCode('91350100M000101Y43')).toMatchObject({ ok: false });
    expect(parseCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位错误，请核对',
    });
  });

  it.each(['', '91350100M000100Y4', '91350100M000100O43', '91350100M000100S43'])(
    'rejects a malformed code %j',
    (code) => {
      expect(parseCreditCode(code)).toMatchObject({ ok: false });
    },
  );
});
