import { describe, expect, it } from 'vitest';
import {
  codeName,
  codeSets,
  disabilityCategoryCodes,
  documentTypeCodes,
  educationCodes,
  ethnicityCodes,
  familyRelationCodes,
  findCodeSet,
  maritalStatusCodes,
  politicalStatusCodes,
  RESIDENT_ID_CARD,
  resolveCode,
  sexCodes,
  type CodeSet,
} from './code-sets';
import { HOUSEHOLD_HEAD_RELATION } from './household';

describe('national code sets', () => {
  it.each(codeSets.map((set) => [set.id, set] as const))(
    '%s names its standard and has unique codes and names',
    (_, set) => {
      expect(set.source).toMatch(/^(GB\/T|GA\/T) \d+/);
      expect(new Set(set.items.map((i) => i.code)).size).toBe(set.items.length);
      expect(new Set(set.items.map((i) => i.name)).size).toBe(set.items.length);
    },
  );

  it.each(codeSets.map((set) => [set.id, set] as const))(
    '%s: every alias is unique and is neither a code nor a name of the set',
    (_, set) => {
      const aliases = set.items.flatMap((i) => i.aliases ?? []);
      expect(new Set(aliases).size).toBe(aliases.length);
      const taken = new Set(set.items.flatMap((i) => [i.code, i.name]));
      expect(aliases.filter((a) => taken.has(a))).toEqual([]);
    },
  );

  it('has unique ids, each found by findCodeSet', () => {
    expect(new Set(codeSets.map((s) => s.id)).size).toBe(codeSets.length);
    for (const set of codeSets) expect(findCodeSet(set.id)).toBe(set);
    expect(findCodeSet('nope')).toBeUndefined();
  });

  it.each([
    ['sex', 4, sexCodes],
    ['marital_status', 8, maritalStatusCodes],
    ['ethnicity', 58, ethnicityCodes],
    ['political_status', 13, politicalStatusCodes],
    ['education', 40, educationCodes],
    ['family_relation', 84, familyRelationCodes],
    ['document_type', 145, documentTypeCodes],
    ['disability_category', 7, disabilityCategoryCodes],
  ] as const)('%s has the full table: %i codes', (id, count, set) => {
    expect(set.id).toBe(id);
    expect(set.items).toHaveLength(count);
  });

  it('lists the 56 ethnic groups with two-digit codes 01–56, 汉族 first and 基诺族 last', () => {
    const groups = ethnicityCodes.items.filter((i) => Number(i.code) <= 56);
    expect(groups).toHaveLength(56);
    expect(groups[0]).toMatchObject({ code: '01', name: '汉族' });
    expect(groups[55]).toMatchObject({ code: '56', name: '基诺族' });
    expect(codeName(ethnicityCodes, '22')).toBe('畲族');
  });

  it('codes the sexes as GB/T 2261.1 does, the same codes an ID number yields', () => {
    expect(codeName(sexCodes, '1')).toBe('男性');
    expect(codeName(sexCodes, '2')).toBe('女性');
    expect(codeName(sexCodes, '3')).toBeUndefined();
  });

  it('runs political status from 01 中国共产党党员 to 13 群众', () => {
    expect(politicalStatusCodes.items[0]).toMatchObject({ code: '01', name: '中国共产党党员' });
    expect(politicalStatusCodes.items.at(-1)).toMatchObject({ code: '13', name: '群众' });
  });

  it.each([
    ['10', '研究生教育'],
    ['11', '博士研究生毕业'],
    ['19', '研究生班肄业'],
    ['21', '大学本科毕业'],
    ['28', '大学普通班毕业'],
    ['31', '大学专科毕业'],
    ['40', '中等职业教育'],
    ['47', '技工学校毕业'],
    ['61', '普通高中毕业'],
    ['71', '初中毕业'],
    ['83', '小学肄业'],
    ['90', '其他'],
  ])('education (GB/T 4658-2006) codes %s as %s', (code, name) => {
    expect(codeName(educationCodes, code)).toBe(name);
  });

  it('education has no codes the 2006 edition lacks (24–27, 29, 50, 72, 82, 91+)', () => {
    for (const code of ['24', '29', '50', '72', '82', '91', '99']) {
      expect(codeName(educationCodes, code)).toBeUndefined();
    }
  });

  it.each([
    ['01', '本人'],
    ['02', '户主'],
    ['10', '配偶'],
    ['11', '夫'],
    ['12', '妻'],
    ['20', '子'],
    ['22', '长子'],
    ['30', '女'],
    ['40', '孙子、孙女或外孙子、外孙女'],
    ['51', '父亲'],
    ['68', '配偶的曾祖父母或外曾祖父母'],
    ['70', '兄、弟、姐、妹'],
    ['97', '其他亲属'],
    ['99', '非亲属'],
  ])('family relation (GB/T 4761-2008) codes %s as %s', (code, name) => {
    expect(codeName(familyRelationCodes, code)).toBe(name);
  });

  it('keeps 02 户主, the code the one-head household rule relies on', () => {
    expect(codeName(familyRelationCodes, HOUSEHOLD_HEAD_RELATION)).toBe('户主');
  });

  it('family relation has no 03 小集体户户主, which the 2008 edition dropped', () => {
    expect(codeName(familyRelationCodes, '03')).toBeUndefined();
  });

  it.each([
    ['111', '居民身份证'],
    ['112', '临时居民身份证'],
    ['113', '户口簿'],
    ['114', '中国人民解放军军官证'],
    ['414', '普通护照'],
    ['511', '台湾居民来往大陆通行证'],
    ['516', '港澳同胞回乡证（通行卡）'],
    ['553', '外国人永久居留证'],
    ['990', '其他'],
  ])('document type (GA/T 517) codes %s as %s', (code, name) => {
    expect(codeName(documentTypeCodes, code)).toBe(name);
  });

  it('uses three-digit document type codes and names 111 as the resident ID card', () => {
    expect(documentTypeCodes.items.every((i) => /^\d{3}$/.test(i.code))).toBe(true);
    expect(codeName(documentTypeCodes, RESIDENT_ID_CARD)).toBe('居民身份证');
  });
});

describe('resolveCode', () => {
  const cases: [string, CodeSet, string, string | undefined][] = [
    // exact code, exact name
    ['a code', sexCodes, '1', '1'],
    ['a name', sexCodes, '女性', '2'],
    ['a code with spaces around it', ethnicityCodes, ' 01 ', '01'],
    ['a name with spaces inside it', ethnicityCodes, '汉 族', '01'],
    ['a name with a full-width space', maritalStatusCodes, '\u3000已婚\u3000', '20'],
    // trailing 性 / 族 / 毕业 left off
    ['男 for 男性', sexCodes, '男', '1'],
    ['女 for 女性', sexCodes, '女', '2'],
    ['汉 for 汉族', ethnicityCodes, '汉', '01'],
    ['土 for 土族, not 土家族', ethnicityCodes, '土', '30'],
    ['土家 for 土家族', ethnicityCodes, '土家', '15'],
    ['大学本科 for 大学本科毕业', educationCodes, '大学本科', '21'],
    ['初中 for 初中毕业', educationCodes, '初中', '71'],
    ['小学 for 小学毕业', educationCodes, '小学', '81'],
    ['硕士研究生 for 硕士研究生毕业', educationCodes, '硕士研究生', '14'],
    // a unique prefix
    ['蒙古 for 蒙古族', ethnicityCodes, '蒙古', '02'],
    ['未知 for 未知的性别', sexCodes, '未知', '0'],
    ['外国血统 for 外国血统中国籍人士', ethnicityCodes, '外国血统', '98'],
    // aliases
    ['党员 for 中国共产党党员', politicalStatusCodes, '党员', '01'],
    ['中共党员 for 中国共产党党员', politicalStatusCodes, '中共党员', '01'],
    ['团员 for 共青团员', politicalStatusCodes, '团员', '03'],
    ['大专 for 大学专科毕业', educationCodes, '大专', '31'],
    ['高中 for 普通高中毕业', educationCodes, '高中', '61'],
    ['身份证 for 居民身份证', documentTypeCodes, '身份证', '111'],
    ['护照 for 普通护照', documentTypeCodes, '护照', '414'],
    ['回乡证', documentTypeCodes, '回乡证', '516'],
    ['港澳居民来往内地通行证', documentTypeCodes, '港澳居民来往内地通行证', '516'],
    ['外国人永久居留身份证', documentTypeCodes, '外国人永久居留身份证', '553'],
    ['妻子 for 妻', familyRelationCodes, '妻子', '12'],
    ['儿子 for 子', familyRelationCodes, '儿子', '20'],
    ['户主', familyRelationCodes, '户主', '02'],
    // ASCII brackets
    ['ASCII brackets', documentTypeCodes, '台湾居民来往大陆通行证(一次有效)', '512'],
    // exact name wins over a longer name it is a prefix of
    ['女 is 女, not 女婿', familyRelationCodes, '女', '30'],
    ['子 is 子, not 子…', familyRelationCodes, '子', '20'],
    // ambiguous or unknown
    ['大学 (本科 or 专科, several prefixes)', educationCodes, '大学', undefined],
    ['研究生 (several prefixes)', educationCodes, '研究生', undefined],
    ['中国 (several parties)', politicalStatusCodes, '中国', undefined],
    ['an unknown code', sexCodes, '3', undefined],
    ['an unknown name', ethnicityCodes, '火星族', undefined],
    ['empty input', sexCodes, '', undefined],
    ['only spaces', sexCodes, '   ', undefined],
  ];

  it.each(cases)('resolves %s', (_, set, input, expected) => {
    expect(resolveCode(set, input)).toBe(expected);
  });

  it('resolves every code and every name of every set to its own code', () => {
    for (const set of codeSets) {
      for (const item of set.items) {
        expect(resolveCode(set, item.code)).toBe(item.code);
        expect(resolveCode(set, item.name)).toBe(item.code);
        for (const alias of item.aliases ?? []) expect(resolveCode(set, alias)).toBe(item.code);
      }
    }
  });
});
