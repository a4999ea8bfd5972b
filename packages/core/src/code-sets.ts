/**
 * National code sets (代码表) shipped as data. Each table names its standard; values are the
 * standard's codes and names. Tables not yet here (GB/T 4658 education, GB/T 4761 family
 * relationship, GA/T 517 document type) are added when transcribed from the standards' text.
 */

export interface CodeItem {
  code: string;
  name: string;
}

/** A named code table and its source. */
export interface CodeSet {
  id: string;
  name: string;
  source: string;
  items: readonly CodeItem[];
}

/** GB/T 2261.1-2003 人的性别代码. */
export const sexCodes: CodeSet = {
  id: 'sex',
  name: '性别',
  source: 'GB/T 2261.1-2003',
  items: [
    { code: '0', name: '未知的性别' },
    { code: '1', name: '男性' },
    { code: '2', name: '女性' },
    { code: '9', name: '未说明的性别' },
  ],
};

/** GB/T 2261.2-2003 婚姻状况代码. */
export const maritalStatusCodes: CodeSet = {
  id: 'marital_status',
  name: '婚姻状况',
  source: 'GB/T 2261.2-2003',
  items: [
    { code: '10', name: '未婚' },
    { code: '20', name: '已婚' },
    { code: '21', name: '初婚' },
    { code: '22', name: '再婚' },
    { code: '23', name: '复婚' },
    { code: '30', name: '丧偶' },
    { code: '40', name: '离婚' },
    { code: '90', name: '未说明的婚姻状况' },
  ],
};

const ethnicGroups = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
];

/** GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: 56 groups, then 97 and 98. */
export const ethnicityCodes: CodeSet = {
  id: 'ethnicity',
  name: '民族',
  source: 'GB/T 3304-1991',
  items: [
    ...ethnicGroups.map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name })),
    { code: '97', name: '其他' },
    { code: '98', name: '外国血统中国籍人士' },
  ],
};

/** GB/T 4762-1984 政治面貌代码. */
export const politicalStatusCodes: CodeSet = {
  id: 'political_status',
  name: '政治面貌',
  source: 'GB/T 4762-1984',
  items: [
    { code: '01', name: '中国共产党党员' },
    { code: '02', name: '中国共产党预备党员' },
    { code: '03', name: '中国共产主义青年团团员' },
    { code: '04', name: '中国国民党革命委员会会员' },
    { code: '05', name: '中国民主同盟盟员' },
    { code: '06', name: '中国民主建国会会员' },
    { code: '07', name: '中国民主促进会会员' },
    { code: '08', name: '中国农工民主党党员' },
    { code: '09', name: '中国致公党党员' },
    { code: '10', name: '九三学社社员' },
    { code: '11', name: '台湾民主自治同盟盟员' },
    { code: '12', name: '无党派民主人士' },
    { code: '13', name: '群众' },
  ],
};

/** GB/T 26341-2010 残疾人残疾分类和分级: the seven categories. */
export const disabilityCategoryCodes: CodeSet = {
  id: 'disability_category',
  name: '残疾类别',
  source: 'GB/T 26341-2010',
  items: [
    { code: '1', name: '视力残疾' },
    { code: '2', name: '听力残疾' },
    { code: '3', name: '言语残疾' },
    { code: '4', name: '肢体残疾' },
    { code: '5', name: '智力残疾' },
    { code: '6', name: '精神残疾' },
    { code: '7', name: '多重残疾' },
  ],
};

/** GB/T 26341-2010: grades one (most severe) to four. */
export const disabilityGradeCodes: CodeSet = {
  id: 'disability_grade',
  name: '残疾等级',
  source: 'GB/T 26341-2010',
  items: [
    { code: '1', name: '一级' },
    { code: '2', name: '二级' },
    { code: '3', name: '三级' },
    { code: '4', name: '四级' },
  ],
};

export const codeSets: readonly CodeSet[] = [
  sexCodes,
  maritalStatusCodes,
  ethnicityCodes,
  politicalStatusCodes,
  disabilityCategoryCodes,
  disabilityGradeCodes,
];

/** The name of a code in a set, or undefined when the code is not in it. */
export function codeName(set: CodeSet, code: string): string | undefined {
  return set.items.find((item) => item.code === code)?.name;
}
