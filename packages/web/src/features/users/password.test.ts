import { defaultSecurityPolicy, passwordProblems } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { generatePassword } from './password';

describe('generatePassword', () => {
  it('produces passwords the default security policy accepts', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(14);
      expect(passwordProblems(password, defaultSecurityPolicy, 'someone')).toEqual([]);
    }
  });

  it('honours the requested length', () => {
    expect(generatePassword(24)).toHaveLength(24);
  });

  it('avoids characters that are easy to misread', () => {
    const text = Array.from({ length: 50 }, () => generatePassword(32)).join('');
    expect(text).not.toMatch(/[0O1lI]/);
  });
});
