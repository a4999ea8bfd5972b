/**
 * National code sets (代码表) shipped as data. Each table names its standard; values are the
 * standard's codes and names, transcribed in full: GB/T 2261.1 sex, GB/T 2261.2 marital status,
 * GB/T 3304 ethnicity, GB/T 4762 political status, GB/T 4658 education, GB/T 4761 family
 * relationship, GA/T 517 document type, GB/T 26341 disability category and grade.
 *
 * `aliases` are the platform's own additions, not part of any standard: the short forms people
 * type in spreadsheets (党员, 大专, 身份证) that the standard's name does not start with.
 */

export interface CodeItem {
  code: string;
  name: string;
  /** Common short forms accepted on input (not part of the standard). */
  aliases?: readonly string[];
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
    { code: '01', name: '中国共产党党员', aliases: ['中共党员', '党员'] },
    { code: '02', name: '中国共产党预备党员', aliases: ['中共预备党员', '预备党员'] },
    { code: '03', name: '中国共产主义青年团团员', aliases: ['共青团员', '团员'] },
    { code: '04', name: '中国国民党革命委员会会员', aliases: ['民革会员', '民革党员'] },
    { code: '05', name: '中国民主同盟盟员', aliases: ['民盟盟员'] },
    { code: '06', name: '中国民主建国会会员', aliases: ['民建会员'] },
    { code: '07', name: '中国民主促进会会员', aliases: ['民进会员'] },
    { code: '08', name: '中国农工民主党党员', aliases: ['农工党党员'] },
    { code: '09', name: '中国致公党党员', aliases: ['致公党党员'] },
    { code: '10', name: '九三学社社员' },
    { code: '11', name: '台湾民主自治同盟盟员', aliases: ['台盟盟员'] },
    { code: '12', name: '无党派民主人士', aliases: ['无党派人士'] },
    { code: '13', name: '群众' },
  ],
};

/**
 * GB/T 4658-2006 学历代码: the two-digit table, category codes (x0) with their sub-codes. The 2006
 * edition has 40 codes: 技工学校 is 47–49 under 中等职业教育 and 90 is 其他 (the 50 and 90
 * 文盲或半文盲 codes some systems use are from other tables, not this standard).
 * Transcribed from public code dictionaries on GitHub that ship this table (found by searching
 * code for “研究生班肄业”: a 学历 enum, a K_EDUCATION seed script, an ETL mapping), which agree
 * code for code, and checked against a code-domain catalogue that gives the table's size as 40.
 */
export const educationCodes: CodeSet = {
  id: 'education',
  name: '学历',
  source: 'GB/T 4658-2006',
  items: [
    { code: '10', name: '研究生教育' },
    { code: '11', name: '博士研究生毕业', aliases: ['博士'] },
    { code: '12', name: '博士研究生结业' },
    { code: '13', name: '博士研究生肄业' },
    { code: '14', name: '硕士研究生毕业', aliases: ['硕士'] },
    { code: '15', name: '硕士研究生结业' },
    { code: '16', name: '硕士研究生肄业' },
    { code: '17', name: '研究生班毕业' },
    { code: '18', name: '研究生班结业' },
    { code: '19', name: '研究生班肄业' },
    { code: '20', name: '大学本科教育' },
    { code: '21', name: '大学本科毕业', aliases: ['本科'] },
    { code: '22', name: '大学本科结业' },
    { code: '23', name: '大学本科肄业' },
    { code: '28', name: '大学普通班毕业' },
    { code: '30', name: '大学专科教育' },
    { code: '31', name: '大学专科毕业', aliases: ['大专', '专科'] },
    { code: '32', name: '大学专科结业' },
    { code: '33', name: '大学专科肄业' },
    { code: '40', name: '中等职业教育' },
    { code: '41', name: '中等专科毕业', aliases: ['中专'] },
    { code: '42', name: '中等专科结业' },
    { code: '43', name: '中等专科肄业' },
    { code: '44', name: '职业高中毕业', aliases: ['职高'] },
    { code: '45', name: '职业高中结业' },
    { code: '46', name: '职业高中肄业' },
    { code: '47', name: '技工学校毕业', aliases: ['技校'] },
    { code: '48', name: '技工学校结业' },
    { code: '49', name: '技工学校肄业' },
    { code: '60', name: '普通高级中学教育' },
    { code: '61', name: '普通高中毕业', aliases: ['高中'] },
    { code: '62', name: '普通高中结业' },
    { code: '63', name: '普通高中肄业' },
    { code: '70', name: '初级中学教育' },
    { code: '71', name: '初中毕业' },
    { code: '73', name: '初中肄业' },
    { code: '80', name: '小学教育' },
    { code: '81', name: '小学毕业' },
    { code: '83', name: '小学肄业' },
    { code: '90', name: '其他' },
  ],
};

/**
 * GB/T 4761-2008 家庭关系代码, two-digit table (relation to the household head; 02 is 户主).
 * The 2008 edition reformatted GB/T 4761-1984 and dropped two items (03 小集体户户主 and 保姆),
 * leaving 84 codes. Transcribed from public household-registration dictionaries on GitHub that
 * ship the full table (found by searching code for “孙女婿或外孙女婿”: a 基础数据 seed script, a
 * 与户主关系 map, a 家庭关系 enum), cross-checked with published copies of the standard's tables (the
 * 2008 foreword and one- and two-digit tables). Where copies differ, “或” is kept in 40/49/60/65/68
 * as the 1984 table words them (the 2008 edition changed no wording), and 87 is 姨父 as half the
 * copies have it (the others have 姨夫; both are accepted on input).
 */
export const familyRelationCodes: CodeSet = {
  id: 'family_relation',
  name: '家庭关系',
  source: 'GB/T 4761-2008',
  items: [
    { code: '01', name: '本人' },
    { code: '02', name: '户主' },
    { code: '10', name: '配偶' },
    { code: '11', name: '夫', aliases: ['丈夫'] },
    { code: '12', name: '妻', aliases: ['妻子'] },
    { code: '20', name: '子', aliases: ['儿子'] },
    { code: '21', name: '独生子' },
    { code: '22', name: '长子' },
    { code: '23', name: '次子' },
    { code: '24', name: '三子' },
    { code: '25', name: '四子' },
    { code: '26', name: '五子' },
    { code: '27', name: '养子或继子' },
    { code: '28', name: '女婿' },
    { code: '29', name: '其他儿子' },
    { code: '30', name: '女', aliases: ['女儿'] },
    { code: '31', name: '独生女' },
    { code: '32', name: '长女' },
    { code: '33', name: '次女' },
    { code: '34', name: '三女' },
    { code: '35', name: '四女' },
    { code: '36', name: '五女' },
    { code: '37', name: '养女或继女' },
    { code: '38', name: '儿媳' },
    { code: '39', name: '其他女儿' },
    { code: '40', name: '孙子、孙女或外孙子、外孙女' },
    { code: '41', name: '孙子' },
    { code: '42', name: '孙女' },
    { code: '43', name: '外孙子' },
    { code: '44', name: '外孙女' },
    { code: '45', name: '孙媳妇或外孙媳妇' },
    { code: '46', name: '孙女婿或外孙女婿' },
    { code: '47', name: '曾孙子或外曾孙子' },
    { code: '48', name: '曾孙女或外曾孙女' },
    { code: '49', name: '其他孙子、孙女或外孙子、外孙女' },
    { code: '50', name: '父母' },
    { code: '51', name: '父亲' },
    { code: '52', name: '母亲' },
    { code: '53', name: '公公' },
    { code: '54', name: '婆婆' },
    { code: '55', name: '岳父' },
    { code: '56', name: '岳母' },
    { code: '57', name: '继父或养父' },
    { code: '58', name: '继母或养母' },
    { code: '59', name: '其他父母关系' },
    { code: '60', name: '祖父母或外祖父母' },
    { code: '61', name: '祖父' },
    { code: '62', name: '祖母' },
    { code: '63', name: '外祖父' },
    { code: '64', name: '外祖母' },
    { code: '65', name: '配偶的祖父母或外祖父母' },
    { code: '66', name: '曾祖父' },
    { code: '67', name: '曾祖母' },
    { code: '68', name: '配偶的曾祖父母或外曾祖父母' },
    { code: '69', name: '其他祖父母或外祖父母关系' },
    { code: '70', name: '兄、弟、姐、妹', aliases: ['兄弟姐妹'] },
    { code: '71', name: '兄', aliases: ['哥哥'] },
    { code: '72', name: '嫂' },
    { code: '73', name: '弟', aliases: ['弟弟'] },
    { code: '74', name: '弟媳' },
    { code: '75', name: '姐姐' },
    { code: '76', name: '姐夫' },
    { code: '77', name: '妹妹' },
    { code: '78', name: '妹夫' },
    { code: '79', name: '其他兄弟姐妹' },
    { code: '80', name: '其他' },
    { code: '81', name: '伯父' },
    { code: '82', name: '伯母' },
    { code: '83', name: '叔父' },
    { code: '84', name: '婶母' },
    { code: '85', name: '舅父' },
    { code: '86', name: '舅母' },
    { code: '87', name: '姨父', aliases: ['姨夫'] },
    { code: '88', name: '姨母' },
    { code: '89', name: '姑父' },
    { code: '90', name: '姑母' },
    { code: '91', name: '堂兄弟、堂姐妹' },
    { code: '92', name: '表兄弟、表姐妹' },
    { code: '93', name: '侄子' },
    { code: '94', name: '侄女' },
    { code: '95', name: '外甥' },
    { code: '96', name: '外甥女' },
    { code: '97', name: '其他亲属' },
    { code: '99', name: '非亲属' },
  ],
};

/** GA/T 517 document type 111: 居民身份证, whose number is a GB 11643 citizen ID number. */
export const RESIDENT_ID_CARD = '111';

/**
 * GA/T 517-2004 常用证件代码: the three-digit codes. Transcribed from two public-security code
 * dictionaries on GitHub that ship the table (a case-handling system's 成员证件 dictionary and a
 * fingerprint system's 证件类型 converter), which agree code for code; 118 appears only in the
 * first. Names are the 2004 edition's: 553 is 外国人永久居留证 (the card issued since 2017 is
 * called 外国人永久居留身份证, accepted as an alias) and 516 is 港澳同胞回乡证（通行卡）
 * (today 港澳居民来往内地通行证, also an alias). Later revisions (GA/T 2000 series) add codes
 * such as 119/120/122 and 154 居住证; they are not in this table.
 */
export const documentTypeCodes: CodeSet = {
  id: 'document_type',
  name: '证件类型',
  source: 'GA/T 517-2004',
  items: [
    { code: '111', name: '居民身份证', aliases: ['身份证', '二代身份证'] },
    { code: '112', name: '临时居民身份证', aliases: ['临时身份证'] },
    { code: '113', name: '户口簿', aliases: ['户口本'] },
    { code: '114', name: '中国人民解放军军官证', aliases: ['军官证'] },
    { code: '115', name: '中国人民武装警察部队警官证', aliases: ['武警警官证'] },
    { code: '116', name: '暂住证' },
    { code: '117', name: '出生医学证明', aliases: ['出生证'] },
    { code: '118', name: '士兵证' },
    { code: '121', name: '法官证' },
    { code: '123', name: '警官证' },
    { code: '125', name: '检察官证' },
    { code: '127', name: '律师证' },
    { code: '129', name: '记者证' },
    { code: '131', name: '工作证' },
    { code: '133', name: '学生证' },
    { code: '151', name: '出入证' },
    { code: '153', name: '临时出入证' },
    { code: '155', name: '住宿证' },
    { code: '157', name: '医疗证' },
    { code: '159', name: '劳保证' },
    { code: '161', name: '献血证' },
    { code: '163', name: '保险单' },
    { code: '191', name: '会员证' },
    { code: '211', name: '离休证' },
    { code: '213', name: '退休证' },
    { code: '215', name: '老年证' },
    { code: '217', name: '残疾证' },
    { code: '219', name: '结婚证' },
    { code: '221', name: '离婚证' },
    { code: '223', name: '独生子女证' },
    { code: '225', name: '毕业证书' },
    { code: '227', name: '肄业证' },
    { code: '229', name: '结业证' },
    { code: '231', name: '学位证' },
    { code: '233', name: '军人通行证' },
    { code: '291', name: '证明信' },
    { code: '311', name: '持枪证' },
    { code: '313', name: '枪证' },
    { code: '315', name: '枪支（弹药）携运许可证' },
    { code: '317', name: '砍伐证' },
    { code: '319', name: '准运证' },
    { code: '321', name: '准购证' },
    { code: '323', name: '粮油证' },
    { code: '325', name: '购煤证' },
    { code: '327', name: '购煤气证' },
    { code: '329', name: '房屋产权证' },
    { code: '331', name: '土地使用证' },
    { code: '333', name: '车辆通行证' },
    { code: '335', name: '机动车驾驶证', aliases: ['驾驶证', '驾照'] },
    { code: '337', name: '机动车行驶证' },
    { code: '339', name: '机动车登记证书' },
    { code: '341', name: '机动车年检合格证' },
    { code: '343', name: '春运临时检验合格证' },
    { code: '345', name: '飞机驾驶证' },
    { code: '347', name: '船舶驾驶证' },
    { code: '349', name: '船舶行驶证' },
    { code: '351', name: '自行车行驶证' },
    { code: '353', name: '汽车号牌' },
    { code: '355', name: '拖拉机牌' },
    { code: '357', name: '摩托车牌' },
    { code: '359', name: '船舶牌' },
    { code: '361', name: '三轮车牌' },
    { code: '363', name: '自行车牌' },
    { code: '391', name: '残疾人机动轮椅车牌' },
    { code: '411', name: '外交护照' },
    { code: '412', name: '公务护照' },
    { code: '413', name: '因公普通护照' },
    { code: '414', name: '普通护照', aliases: ['护照', '中国护照'] },
    { code: '415', name: '旅行证' },
    { code: '416', name: '入出境通行证' },
    { code: '417', name: '外国人出入境证' },
    { code: '418', name: '外国人旅行证' },
    { code: '419', name: '海员证' },
    { code: '420', name: '香港特别行政区护照' },
    { code: '421', name: '澳门特别行政区护照' },
    { code: '423', name: '澳门特别行政区旅行证' },
    { code: '511', name: '台湾居民来往大陆通行证', aliases: ['台胞证'] },
    { code: '512', name: '台湾居民来往大陆通行证（一次有效）' },
    { code: '513', name: '往来港澳通行证' },
    { code: '515', name: '前往港澳通行证' },
    {
      code: '516',
      name: '港澳同胞回乡证（通行卡）',
      aliases: ['港澳居民来往内地通行证', '回乡证'],
    },
    { code: '517', name: '大陆居民往来台湾通行证' },
    { code: '518', name: '因公往来香港澳门特别行政区通行证' },
    { code: '551', name: '华侨回国定居证' },
    { code: '552', name: '台湾居民定居证' },
    { code: '553', name: '外国人永久居留证', aliases: ['外国人永久居留身份证'] },
    { code: '554', name: '外国人居留证' },
    { code: '555', name: '外国人临时居留证' },
    { code: '556', name: '入籍证书' },
    { code: '557', name: '出籍证书' },
    { code: '558', name: '复籍证书' },
    { code: '611', name: '外籍船员住宿证' },
    { code: '612', name: '随船工作证' },
    { code: '620', name: '海上值勤证（红色）' },
    { code: '621', name: '海上值勤证（蓝色）' },
    { code: '631', name: '出海船民证' },
    { code: '633', name: '出海船舶户口簿' },
    { code: '634', name: '出海船舶边防登记簿' },
    { code: '635', name: '搭靠台轮许可证' },
    { code: '636', name: '台湾居民登陆证' },
    { code: '637', name: '台湾船员登陆证' },
    { code: '638', name: '外国船员登陆证' },
    { code: '639', name: '对台劳务人员登轮作业证' },
    { code: '640', name: '合资船船员登陆证' },
    { code: '641', name: '合资船船员登轮作业证' },
    { code: '642', name: '粤港澳流动渔民证' },
    { code: '643', name: '粤港澳临时流动渔民证' },
    { code: '644', name: '粤港澳流动渔船户口簿' },
    { code: '645', name: '航行港澳船舶证明书' },
    { code: '646', name: '往来港澳小型船舶查验簿' },
    { code: '650', name: '劳务人员登轮作业证' },
    { code: '711', name: '边境管理区通行证' },
    { code: '721', name: '中朝鸭绿江、图们江水文作业证' },
    { code: '722', name: '朝中鸭绿江、图们江水文作业证' },
    { code: '723', name: '中朝流筏固定代表证' },
    { code: '724', name: '朝中流筏固定代表证' },
    { code: '725', name: '中朝鸭绿江、图们江船员证' },
    { code: '726', name: '朝中鸭绿江、图们江船员证' },
    { code: '727', name: '中朝边境地区公安总代表证' },
    { code: '728', name: '朝中边境地区公安总代表证' },
    { code: '729', name: '中朝边境地区公安副总代表证' },
    { code: '730', name: '朝中边境地区公安副总代表证' },
    { code: '731', name: '中朝边境地区公安代表证' },
    { code: '732', name: '朝中边境地区公安代表证' },
    { code: '733', name: '中朝边境地区出入境通行证（甲、乙种本）' },
    { code: '734', name: '朝中边境公务通行证' },
    { code: '735', name: '朝中边境住民国境通行证' },
    { code: '736', name: '中蒙边境地区出入境通行证（甲、乙种本）' },
    { code: '737', name: '蒙中边境地区出入境通行证' },
    { code: '738', name: '中缅边境地区出入境通行证' },
    { code: '739', name: '缅甸中国边境通行证' },
    { code: '740', name: '云南省边境地区境外边民入出境证' },
    { code: '741', name: '中尼边境地区出入境通行证' },
    { code: '742', name: '尼中边境地区出入境通行证' },
    { code: '743', name: '中越边境地区出入境通行证' },
    { code: '744', name: '越中边境地区出入境通行证' },
    { code: '745', name: '中老边境地区出入境通行证' },
    { code: '746', name: '老中边境地区出入境通行证' },
    { code: '747', name: '中印边境地区出入境通行证' },
    { code: '748', name: '印中边境地区出入境通行证' },
    { code: '761', name: '深圳市过境耕作证' },
    { code: '765', name: '贸易证' },
    { code: '771', name: '铁路员工证' },
    { code: '781', name: '机组人员证' },
    { code: '990', name: '其他' },
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
  educationCodes,
  familyRelationCodes,
  documentTypeCodes,
  disabilityCategoryCodes,
  disabilityGradeCodes,
];

/** The code set with this id, or undefined. */
export function findCodeSet(id: string): CodeSet | undefined {
  return codeSets.find((set) => set.id === id);
}

/** The name of a code in a set, or undefined when the code is not in it. */
export function codeName(set: CodeSet, code: string): string | undefined {
  return set.items.find((item) => item.code === code)?.name;
}

/** Suffixes people leave off when typing a name: 汉 for 汉族, 男 for 男性, 大学本科 for 大学本科毕业. */
const DROPPABLE_SUFFIXES = ['毕业', '族', '性'] as const;

function withoutSuffix(name: string): string {
  const suffix = DROPPABLE_SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : name;
}

function only<T>(matches: readonly T[]): T | undefined {
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The code for what someone typed: a code or a name, as found in spreadsheets. Whitespace
 * anywhere is ignored and ASCII brackets match full-width ones. Tried in order, the first step
 * that decides wins: 1. the exact code; 2. the exact name; 3. an alias (党员, 大专, 身份证);
 * 4. the one item whose name without a trailing 族/性/毕业 equals the input (汉, 男, 大学本科);
 * 5. the one item whose name starts with the input (蒙古 → 蒙古族).
 * When step 4 or 5 matches several items the input is ambiguous and the result is undefined.
 */
export function resolveCode(set: CodeSet, input: string): string | undefined {
  // Names use full-width brackets; spreadsheets often have ASCII ones.
  const text = input.replace(/\s+/g, '').replaceAll('(', '（').replaceAll(')', '）');
  if (!text) return undefined;
  const { items } = set;
  const found =
    items.find((i) => i.code === text) ??
    items.find((i) => i.name === text) ??
    items.find((i) => i.aliases?.includes(text));
  if (found) return found.code;
  const stripped = items.filter((i) => withoutSuffix(i.name) === text);
  if (stripped.length > 0) return only(stripped)?.code;
  return only(items.filter((i) => i.name.startsWith(text)))?.code;
}
