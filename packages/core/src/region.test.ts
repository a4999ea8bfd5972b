import { describe, expect, it } from 'vitest';
import {
  ancestorCodesOf,
  gridCode,
  isWithin,
  isWithinAny,
  levelOfCode,
  normalizeScopes,
  parentCodeOf,
  platformTitleLine,
  RegionCode,
} from './region';

describe('levelOfCode', () => {
  it.each([
    ['32', 'province'],
    ['3201', 'city'],
    ['320102', 'county'],
    ['320102005', 'street'],
    ['320102005001', 'community'],
    ['320102005001001', 'grid'],
  ] as const)('reads %s as a %s code', (code, level) => {
    expect(levelOfCode(code)).toBe(level);
  });

  it.each(['', '3', '320', '32010', '3201020', '32010200500', '3201020050011', '3201020050010011'])(
    'knows no level for a code of impossible length (%j)',
    (code) => {
      expect(levelOfCode(code)).toBeUndefined();
    },
  );
});

describe('parentCodeOf and ancestorCodesOf', () => {
  it('walks one level up at a time, skipping the 3-digit street and community steps correctly', () => {
    expect(parentCodeOf('320102005001001')).toBe('320102005001');
    expect(parentCodeOf('320102005001')).toBe('320102005');
    expect(parentCodeOf('320102005')).toBe('320102');
    expect(parentCodeOf('320102')).toBe('3201');
    expect(parentCodeOf('3201')).toBe('32');
  });

  it('gives a province no parent, and an impossible code none either', () => {
    expect(parentCodeOf('32')).toBeUndefined();
    expect(parentCodeOf('3201020')).toBeUndefined();
  });

  it('lists every ancestor from the province down, excluding the code itself', () => {
    expect(ancestorCodesOf('320102005001001')).toEqual([
      '32',
      '3201',
      '320102',
      '320102005',
      '320102005001',
    ]);
    expect(ancestorCodesOf('320102005')).toEqual(['32', '3201', '320102']);
    expect(ancestorCodesOf('32')).toEqual([]);
  });
});

describe('isWithin and isWithinAny', () => {
  it('counts a region as inside its own subtree and its ancestors’ subtrees, not a sibling’s', () => {
    expect(isWithin('320102005001', '320102005001')).toBe(true);
    expect(isWithin('320102005001', '3201')).toBe(true);
    expect(isWithin('320104001001', '320102')).toBe(false);
    expect(isWithin('3201', '320102')).toBe(false);
  });

  it('is false for an empty scope list', () => {
    expect(isWithinAny('320102005001', [])).toBe(false);
    expect(isWithinAny('320102005001', ['320104', '320102005'])).toBe(true);
  });
});

describe('normalizeScopes', () => {
  it('drops a scope that lies inside another one', () => {
    expect(normalizeScopes(['3201', '320102', '3202'])).toEqual(['3201', '3202']);
  });

  it('keeps siblings, removes duplicates and sorts broad scopes first', () => {
    expect(normalizeScopes(['320104001', '320102005', '320102005', '320102005001'])).toEqual([
      '320102005',
      '320104001',
    ]);
  });

  it('does not mistake a sibling with a shared prefix for a parent', () => {
    // 3201 and 3202 share the prefix 320 but neither contains the other
    expect(normalizeScopes(['3202', '3201'])).toEqual(['3201', '3202']);
  });

  it('returns nothing for no scopes', () => {
    expect(normalizeScopes([])).toEqual([]);
  });
});

describe('gridCode', () => {
  it('appends a zero-padded three-digit sequence to the community code', () => {
    expect(gridCode('320102005001', 1)).toBe('320102005001001');
    expect(gridCode('320102005001', 42)).toBe('320102005001042');
    expect(gridCode('320102005001', 999)).toBe('320102005001999');
  });

  it('refuses a sequence outside 1–999 or not an integer', () => {
    expect(() => gridCode('320102005001', 0)).toThrow(RangeError);
    expect(() => gridCode('320102005001', 1000)).toThrow(RangeError);
    expect(() => gridCode('320102005001', 1.5)).toThrow(RangeError);
  });

  it('refuses a code that is not a community', () => {
    expect(() => gridCode('320102005', 1)).toThrow(/not a community code/);
    expect(() => gridCode('320102005001001', 1)).toThrow(/not a community code/);
  });
});

describe('RegionCode', () => {
  it('accepts 2, 4, 6, 9, 12 and 15 digits only', () => {
    for (const code of ['32', '3201', '320102', '320102005', '320102005001', '320102005001001']) {
      expect(RegionCode.safeParse(code).success).toBe(true);
    }
    for (const code of ['3', '32010', '32010200a', ' 3201', '3201020050010011']) {
      expect(RegionCode.safeParse(code).success).toBe(false);
    }
  });
});

describe('platformTitleLine', () => {
  it('names city, county and street of a community', () => {
    const chain = [
      { level: 'province', name: '江苏省' },
      { level: 'city', name: '南京市' },
      { level: 'county', name: '玄武区' },
      { level: 'street', name: '玄武门街道' },
      { level: 'community', name: '百子亭社区' },
    ] as const;
    expect(platformTitleLine(chain)).toBe('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
  });

  it('leaves out a city named 市辖区', () => {
    const chain = [
      { level: 'province', name: '北京市' },
      { level: 'city', name: '市辖区' },
      { level: 'county', name: '东城区' },
    ] as const;
    expect(platformTitleLine(chain)).toBe('——东城区社区综合管理和服务信息平台');
  });

  it('falls back to the province name when only the province is known', () => {
    expect(platformTitleLine([{ level: 'province', name: '江苏省' }])).toBe(
      '——江苏省社区综合管理和服务信息平台',
    );
  });
});
