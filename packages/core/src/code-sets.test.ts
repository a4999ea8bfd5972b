import { describe, expect, it } from 'vitest';
import { codeName, codeSets, ethnicityCodes, politicalStatusCodes, sexCodes } from './code-sets';

describe('national code sets', () => {
  it.each(codeSets.map((set) => [set.id, set] as const))(
    '%s names its standard and has unique codes and names',
    (_, set) => {
      expect(set.source).toMatch(/^GB\/T \d+/);
      expect(new Set(set.items.map((i) => i.code)).size).toBe(set.items.length);
      expect(new Set(set.items.map((i) => i.name)).size).toBe(set.items.length);
    },
  );

  it('lists the 56 ethnic groups with two-digit codes 01–56, 汉族 first and 基诺族 last', () => {
    const groups = ethnicityCodes.items.filter((i) => Number(i.code) <= 56);
    expect(groups).toHaveLength(56);
    expect(groups[0]).toEqual({ code: '01', name: '汉族' });
    expect(groups[55]).toEqual({ code: '56', name: '基诺族' });
    expect(codeName(ethnicityCodes, '22')).toBe('畲族');
  });

  it('codes the sexes as GB/T 2261.1 does, the same codes an ID number yields', () => {
    expect(codeName(sexCodes, '1')).toBe('男性');
    expect(codeName(sexCodes, '2')).toBe('女性');
    expect(codeName(sexCodes, '3')).toBeUndefined();
  });

  it('runs political status from 01 中国共产党党员 to 13 群众', () => {
    expect(politicalStatusCodes.items[0]).toEqual({ code: '01', name: '中国共产党党员' });
    expect(politicalStatusCodes.items.at(-1)).toEqual({ code: '13', name: '群众' });
  });
});
