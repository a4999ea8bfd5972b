import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ComparisonJobView,
  DiscrepancyView,
  ElementValueView,
  PersonDetail,
} from '@shequ/core';
import { loginAs, makeDepartment, makeIdNumber } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

const BAIZITING = '320102005001';
const XUANWU = '320102';
const QINHUAI_COMMUNITY = '320104001001';

type Page<T> = { items: T[]; total: number };

describe(`bulk comparison (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let civil: Agent; // 民政 of 玄武区 compares the disability grade
  let cdpf: Agent; // 残联 of 玄武区 verifies it
  const people: { id: string; idNumber: string }[] = [];
  let outsider = '';

  async function upload(agent: Agent, body: string | Buffer, fileName: string, type = 'text/csv') {
    const response = await agent.request(
      'POST',
      `/api/comparisons?fileName=${encodeURIComponent(fileName)}`,
      typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      { 'content-type': type },
    );
    expect(response.statusCode, response.body).toBe(202);
    const job = response.json() as ComparisonJobView;
    for (let i = 0; i < 200; i += 1) {
      const now = (await agent.get(`/api/comparisons/${job.id}`)).json() as ComparisonJobView;
      if (now.status !== 'running') return now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('comparison did not finish');
  }

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'civil_affairs', XUANWU),
    ));
    ({ agent: cdpf } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'disabled_federation', XUANWU),
    ));
    for (const grade of ['1', '2', '3']) {
      const idNumber = makeIdNumber();
      const person = (
        await worker.post('/api/people', {
          name: '比对人',
          idNumber,
          regionCode: BAIZITING,
          ethnicity: '汉族',
        })
      ).json() as PersonDetail;
      const added = await worker.post(`/api/people/${person.id}/groups`, {
        groupCode: 'disabled',
        startDate: '2026-02-01',
        attributes: { certificateNumber: `${idNumber}11`, category: '1', grade },
      });
      expect(added.statusCode, added.body).toBe(201);
      people.push({ id: person.id, idNumber });
    }
    const { agent: qinhuai } = await loginAs(t, 'community_worker', QINHUAI_COMMUNITY);
    outsider = makeIdNumber();
    expect(
      (
        await qinhuai.post('/api/people', {
          name: '秦淮人',
          idNumber: outsider,
          regionCode: QINHUAI_COMMUNITY,
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => t?.close());

  it('classifies every row of a CSV and routes mismatches to the verifier', async () => {
    const [a, b, c] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    const csv = [
      '身份证号,数据元,比对值',
      `${a.idNumber},group.disabled.grade,一级`, // match (code 1)
      `${b.idNumber},group.disabled.grade,三级`, // mismatch (ours 2)
      '',
      `${c.idNumber.toLowerCase()},group.disabled.grade,3`, // match, lower-case x and code
      `${outsider},group.disabled.grade,二级`, // 秦淮区: not in 民政 玄武区's reach
      `${a.idNumber},person.shoeSize,42`, // unknown element
      `${a.idNumber},group.disabled.grade,五级`, // not in the code table
      `${a.idNumber},group.minimum_living.monthlyAmount,800`, // 民政 verifies 低保: no membership → mismatch? ours null
      `,group.disabled.grade,一级`,
    ].join('\r\n');
    const job = await upload(civil, csv, '民政残疾人名册.csv');
    expect(job).toMatchObject({
      status: 'done',
      total: 8,
      matched: 2,
      mismatched: 2,
      unknownSubject: 1,
      invalid: 3,
      error: null,
    });
    expect(job.departmentName).toContain('民政局');

    const detail = await civil.get(`/api/comparisons/${job.id}/detail`);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['content-type']).toContain('text/csv');
    const lines = detail.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('原行号,数据元,数据元名称,部门值,平台值,比对结果,说明');
    expect(lines).toHaveLength(7); // the header and the six rows that did not match
    expect(lines[1]).toBe('3,group.disabled.grade,残疾人·残疾等级,三级,2,不一致,');
    expect(lines.find((l) => l.startsWith('7,'))).toContain('数据元 person.shoeSize 不存在');
    expect(lines.find((l) => l.startsWith('8,'))).toContain('不在代码表');
    expect(lines.find((l) => l.startsWith('6,'))).toContain('查无此人');
    expect(detail.body).not.toContain(a.idNumber);

    const open = (
      await cdpf.get(`/api/discrepancies?comparisonJobId=${job.id}`)
    ).json() as Page<DiscrepancyView>;
    expect(open.items.map((d) => d.person.id)).toEqual([b.id]); // 低保 goes to 民政, not 残联
    const forB = open.items.find((d) => d.person.id === b.id)!;
    expect(forB).toMatchObject({
      ourValue: '2',
      theirValue: '3',
      comparisonJobId: job.id,
      status: 'open',
    });
    const bValue = (
      (await cdpf.get(`/api/people/${b.id}/element-values`)).json() as ElementValueView[]
    ).find((v) => v.elementCode === 'group.disabled.grade');
    expect(bValue?.status).toBe('disputed');
    // 低保 of someone not registered as 低保: their 800 against our no value, routed to 民政 itself
    const { items: own } = (await civil.get('/api/discrepancies')).json() as Page<DiscrepancyView>;
    expect(
      own.some(
        (d) => d.elementCode === 'group.minimum_living.monthlyAmount' && d.ourValue === null,
      ),
    ).toBe(true);

    // the same file again: matches counted again, discrepancies not duplicated
    const again = await upload(civil, csv, '民政残疾人名册.csv');
    expect(again).toMatchObject({ matched: 2, mismatched: 2 });
    const after = (
      await cdpf.get('/api/discrepancies?pageSize=200')
    ).json() as Page<DiscrepancyView>;
    expect(after.items.filter((d) => d.person.id === b.id)).toHaveLength(1);
    const aValue = (
      (await cdpf.get(`/api/people/${a.id}/element-values`)).json() as ElementValueView[]
    ).find((v) => v.elementCode === 'group.disabled.grade');
    expect(aValue).toMatchObject({ status: 'collected', corroborations: 2 });
  });

  it('compares person attributes set-based: codes, names and dates normalised, mismatches disputed', async () => {
    const [a, b, c] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    const { agent: police } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'public_security', XUANWU),
    );
    // 民政 compares ethnicity (公安 verifies it); the people were registered as 汉族 (01)
    const csv = [
      '证件号码,数据元,值',
      `${a.idNumber},person.ethnicity,汉族`, // match by name
      `${b.idNumber},person.ethnicity,01`, // match by code
      `${c.idNumber},person.ethnicity,回族`, // mismatch
      `${outsider},person.ethnicity,汉族`, // outside 民政 玄武区's reach
      `${c.idNumber},person.ethnicity,火星族`, // not in GB/T 3304
    ].join('\n');
    const job = await upload(civil, csv, '民政民族.csv');
    expect(job).toMatchObject({
      status: 'done',
      total: 5,
      matched: 2,
      mismatched: 1,
      unknownSubject: 1,
      invalid: 1,
    });
    const lines = (await civil.get(`/api/comparisons/${job.id}/detail`)).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1).sort()).toEqual(
      [
        '4,person.ethnicity,民族,回族,01,不一致,',
        '5,person.ethnicity,民族,汉族,,查无此人,本部门辖区内没有该证件号码的人员',
        expect.stringMatching(/^6,person\.ethnicity,民族,火星族,,无效,.*不在代码表/),
      ].sort(),
    );
    const { items } = (await police.get('/api/discrepancies')).json() as Page<DiscrepancyView>;
    const forC = items.find((d) => d.person.id === c.id && d.elementCode === 'person.ethnicity')!;
    expect(forC).toMatchObject({
      ourValueLabel: '汉族',
      theirValueLabel: '回族',
      comparisonJobId: job.id,
    });
    expect(forC.current?.status).toBe('disputed');

    // 公安 itself compares birth dates: matches verify the stock values, written any way
    const birth = (id: string) =>
      `${id.slice(6, 10)}年${Number(id.slice(10, 12))}月${Number(id.slice(12, 14))}日`;
    const byPolice = await upload(
      police,
      `证件号码,数据元,值\n${a.idNumber},person.birthDate,${birth(a.idNumber)}\n`,
      '公安.csv',
    );
    expect(byPolice).toMatchObject({ matched: 1, mismatched: 0 });
    const values = (
      await police.get(`/api/people/${a.id}/element-values`)
    ).json() as ElementValueView[];
    expect(values.find((v) => v.elementCode === 'person.birthDate')).toMatchObject({
      status: 'verified',
      source: 'form', // collected through the form, now matched by its verifier
      corroborations: 1,
    });
    // the staging area is left empty
    const staged = await t.db.db.selectFrom('comparison_stage').select('job_id').execute();
    expect(staged).toEqual([]);
  });

  it('reads NDJSON, and a match from the verifier itself verifies', async () => {
    const [a] = people;
    const ndjson = [
      JSON.stringify({ idNumber: a!.idNumber, elementCode: 'group.disabled.grade', value: 1 }),
      'not json',
      JSON.stringify({
        idNumber: a!.idNumber,
        elementCode: 'group.disabled.category',
        value: '视力残疾',
      }),
      // no cause recorded on either side: a stock value with no status row until now
      JSON.stringify({ idNumber: a!.idNumber, elementCode: 'group.disabled.cause', value: null }),
    ].join('\n');
    const job = await upload(cdpf, ndjson, '残联.ndjson', 'application/x-ndjson');
    expect(job).toMatchObject({ status: 'done', total: 4, matched: 3, invalid: 1 });
    const values = (
      await cdpf.get(`/api/people/${a!.id}/element-values`)
    ).json() as ElementValueView[];
    expect(values.find((v) => v.elementCode === 'group.disabled.grade')).toMatchObject({
      status: 'verified',
      verifiedValue: '1',
    });
    expect(values.find((v) => v.elementCode === 'group.disabled.category')).toMatchObject({
      status: 'verified',
      source: 'form', // collected by the community, verified by 残联's own records
    });
    expect(values.find((v) => v.elementCode === 'group.disabled.cause')).toMatchObject({
      status: 'verified',
      value: null,
      source: 'comparison',
      collectedByName: '存量数据',
    });
  });

  it('refuses a file without the needed columns, and other departments’ jobs', async () => {
    const job = await upload(civil, '姓名,数据元\r\n张三,group.disabled.grade\r\n', 'bad.csv');
    expect(job.status).toBe('failed');
    expect(job.error).toContain('证件号码');
    const { agent: otherCivil } = await loginAs(
      t,
      'department_reviewer',
      '320104',
      await makeDepartment(t.services, 'civil_affairs', '320104'),
    );
    expect((await otherCivil.get(`/api/comparisons/${job.id}`)).statusCode).toBe(404);
    expect((await worker.get('/api/comparisons')).statusCode).toBe(403);
    const listed = (await civil.get('/api/comparisons')).json() as ComparisonJobView[];
    expect(listed.map((j) => j.id)).toContain(job.id);
  });

  it('reads a file whose lines end in CR alone (Excel for old Macs) and a GBK file alike', async () => {
    const [a, b] = people as [(typeof people)[number], (typeof people)[number]];
    const rows = [
      '证件号码,数据元,值',
      `${a.idNumber},person.ethnicity,汉族`,
      `${b.idNumber},person.ethnicity,回族`,
    ];
    const cr = await upload(civil, rows.join('\r'), '民政民族-mac.csv');
    expect(cr).toMatchObject({ status: 'done', total: 2, matched: 1, mismatched: 1 });
    const gbk = await upload(civil, iconv.encode(rows.join('\r\n'), 'gbk'), '民政民族-gbk.csv');
    expect(gbk).toMatchObject({ status: 'done', total: 2, matched: 1, mismatched: 1 });
  });
});
