import { describe, expect, it } from 'vitest';
import { historyValue, isEmpty, knownSource } from './history-format';

const words = { empty: '（空）', yes: '是', no: '否' };

describe('historyValue', () => {
  it('writes plain values as they are and no value as empty', () => {
    expect(historyValue('教师', words)).toBe('教师');
    expect(historyValue(12.5, words)).toBe('12.5');
    expect(historyValue(null, words)).toBe('（空）');
    expect(historyValue('', words)).toBe('（空）');
  });

  it('joins lists and words flags', () => {
    expect(historyValue(['党员', '志愿者'], words)).toBe('党员、志愿者');
    expect(historyValue([], words)).toBe('（空）');
    expect(historyValue(true, words)).toBe('是');
  });

  it('keeps structured values readable', () => {
    expect(historyValue({ grade: '2' }, words)).toBe('{"grade":"2"}');
  });
});

describe('knownSource', () => {
  it('knows the sources the server records and nothing else', () => {
    expect(knownSource('import')).toBe('import');
    expect(knownSource('telepathy')).toBeUndefined();
  });
});

describe('isEmpty', () => {
  it('counts null, blank text and empty lists as no value, and nothing else', () => {
    for (const value of [null, undefined, '', []]) expect(isEmpty(value)).toBe(true);
    for (const value of [0, false, ' x', ['a']]) expect(isEmpty(value)).toBe(false);
  });
});
