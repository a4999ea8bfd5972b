import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, passwordProblems, SecurityPolicy } from './security-policy';

const policy = { passwordMinLength: 10, passwordMinClasses: 3 };

describe('passwordProblems', () => {
  it('accepts a long password with three character classes', () => {
    expect(passwordProblems('Shequ#2026ok', policy)).toEqual([]);
  });

  it('names a password shorter than the policy minimum', () => {
    expect(passwordProblems('Ab#12345', policy)).toEqual(['密码长度不得少于 10 位']);
  });

  it('refuses a password longer than 128 characters', () => {
    expect(passwordProblems(`Ab#1${'xy'.repeat(70)}`, policy)).toContain('密码长度不得超过 128 位');
  });

  it('counts character classes: lower, upper, digits and symbols', () => {
    expect(passwordProblems('abcdefghij12', policy)).toEqual([
      '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    ]);
    expect(passwordProblems('abcdefghij12', { ...policy, passwordMinClasses: 2 })).toEqual([]);
    expect(passwordProblems('abcdefgh#1', policy)).toEqual([]);
    expect(passwordProblems('ABCDEFGH#1', policy)).toEqual([]);
  });

  it('refuses a well-known password whatever its case', () => {
    expect(passwordProblems('P@ssw0rd', { passwordMinLength: 8, passwordMinClasses: 3 })).toEqual([
      '密码过于常见',
    ]);
  });

  it('refuses a password that contains the username, ignoring case', () => {
    expect(passwordProblems('Zhangsan#2026', policy, 'zhangsan')).toEqual(['密码不得包含用户名']);
    // usernames shorter than 3 characters are not checked (too many false positives)
    expect(passwordProblems('Xy#12345678', policy, 'xy')).toEqual([]);
  });

  it('refuses four or more repeated characters in a row', () => {
    expect(passwordProblems('Abcd#11112026', policy)).toEqual([
      '密码不得包含 4 个及以上连续相同字符',
    ]);
    expect(passwordProblems('Abcd#1112026', policy)).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(passwordProblems('aaaa', policy, 'aaa')).toHaveLength(4);
  });
});

describe('SecurityPolicy', () => {
  it('accepts the default policy', () => {
    expect(SecurityPolicy.parse(defaultSecurityPolicy)).toEqual(defaultSecurityPolicy);
  });

  it('requires administrators to use a second factor by default', () => {
    expect(defaultSecurityPolicy.requireSecondFactorForAdmins).toBe(true);
  });

  it('refuses a weaker minimum than 8 characters and an unknown key', () => {
    const weak = SecurityPolicy.safeParse({ ...defaultSecurityPolicy, passwordMinLength: 6 });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0]?.path).toEqual(['passwordMinLength']);
    const extra = SecurityPolicy.safeParse({ ...defaultSecurityPolicy, allowEverything: true });
    expect(extra.success).toBe(false);
  });
});
