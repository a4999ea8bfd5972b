import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/factories';
import { createTestApp, type Agent, type TestApp } from '../../test/harness';
import { importFile } from '../../test/imports';
import { detectEncoding } from './read-table';

const COMMUNITY = '320102005001';
const fixtures = path.join(import.meta.dirname, 'fixtures');

async function rowsOf(agent: Agent, jobId: string) {
  const response = await agent.get(`/api/imports/${jobId}/rows?pageSize=200`);
  expect(response.statusCode).toBe(200);
  return (
    response.json() as {
      items: {
        rowNo: number;
        outcome: string;
        name: string | null;
        errors: { path: string; message: string }[];
        warnings: string[];
      }[];
    }
  ).items;
}

async function counts(t: TestApp) {
  const one = async (
    table: 'person' | 'entity_change' | 'household' | 'household_member' | 'place' | 'person_house',
  ) =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
          t.db.db,
        )
      ).rows[0]!.n,
    );
  return {
    person: await one('person'),
    history: await one('entity_change'),
    household: await one('household'),
    member: await one('household_member'),
    place: await one('place'),
    residence: await one('person_house'),
  };
}

describe('importing people from the files communities really have', () => {
  let t: TestApp;
  let agent: Agent;
  const gbkCsv = iconv.encode(readFileSync(path.join(fixtures, 'people-mixed.csv'), 'utf8'), 'gbk');
  const libreOfficeXlsx = readFileSync(path.join(fixtures, 'people-libreoffice.xlsx'));

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent } = await loginAs(t, 'community_worker', COMMUNITY));
  });
  afterAll(async () => t?.close());

  it('detects GBK and UTF-8 by content', () => {
    expect(detectEncoding(gbkCsv)).toBe('gb18030');
    expect(detectEncoding(Buffer.from('姓名,证件号码\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('\ufeff姓名', 'utf8'))).toBe('utf-8');
    // a 64 KiB sample that ends inside a three-byte character is still UTF-8
    for (const prefix of ['', 'ab']) {
      const sample = Buffer.from(prefix + '姓'.repeat(30_000), 'utf8').subarray(0, 64 * 1024);
      expect(detectEncoding(sample), `prefix ${prefix}`).toBe('utf-8');
    }
  });

  it('dry-runs a GBK CSV: reports per row what would be created or rejected and why, writing no person', async () => {
    const before = await counts(t);
    const job = await importFile(agent, gbkCsv, '名册.csv');
    expect(job).toMatchObject({
      status: 'staged',
      format: 'csv',
      encoding: 'gb18030',
      totalRows: 10,
    });
    expect(job).toMatchObject({ createRows: 5, updateRows: 0, unchangedRows: 0, rejectedRows: 5 });
    expect(job.mapping['身份证号']).toBe('证件号码');
    const rows = await rowsOf(agent, job.id);
    const byRow = new Map(rows.map((r) => [r.rowNo, r]));
    expect(byRow.has(6)).toBe(false); // the blank line is skipped, not reported
    expect(byRow.get(2)).toMatchObject({ outcome: 'create', name: '王建国' });
    expect(byRow.get(5)!.errors[0]!.message).toMatch(/校验位/);
    expect(byRow.get(7)!.errors[0]!.message).toMatch(/1990-02-30 不存在/);
    expect(byRow.get(8)!.errors[0]!.message).toBe('文件内证件号码重复，与第 2 行相同');
    expect(byRow.get(9)).toMatchObject({ outcome: 'create', name: '孙阿婆' });
    expect(byRow.get(9)!.warnings[0]).toMatch(/已升位为 320102195011110041/);
    expect(byRow.get(10)!.errors[0]).toMatchObject({ path: 'phone' });
    expect(byRow.get(11)!.errors[0]).toMatchObject({ path: 'name', message: '姓名不能为空' });
    expect(byRow.get(12)).toMatchObject({ outcome: 'create', name: '吴芳' });
    expect(byRow.get(12)!.warnings.join()).toMatch(/性别与身份证号码（女）不一致/);
    expect(await counts(t)).toEqual(before);
  });

  it('applies the accepted rows with households, houses and history; the rejected rows come back as XLSX', async () => {
    const before = await counts(t);
    const job = await importFile(agent, gbkCsv, '名册.csv', { apply: true });
    expect(job).toMatchObject({ status: 'done', createRows: 5, rejectedRows: 5 });
    const after = await counts(t);
    expect(after.person - before.person).toBe(5);
    expect(after.household - before.household).toBe(2);
    expect(after.member - before.member).toBe(4);
    expect(after.residence - before.residence).toBe(4);
    // compound 梅园新村, buildings 3栋 and 5栋, unit 2单元, houses 301 and 102
    expect(after.place - before.place).toBe(6);
    expect(after.history - before.history).toBe(5 + 2 + 4 + 6 + 4);
    // department systems hear of it through the exchange outbox: counts per community, no values
    const notices = await t.db.db
      .selectFrom('exchange_event')
      .select(['type', 'region_code', 'person_id', 'element_codes', 'payload'])
      .where('type', '=', 'import.applied')
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      person_id: null,
      region_code: expect.stringMatching(/^320102/),
    });
    expect(notices[0]!.element_codes).toContain('person.idNumber');
    expect(notices[0]!.payload).toMatchObject({
      elements: {
        'person.name': { status: 'collected', created: 5, updated: 0, importJobId: job.id },
      },
    });
    expect(JSON.stringify(notices[0]!.payload)).not.toContain('王建国');

    const found = (await agent.get('/api/people?q=320102501111004')).json() as {
      items: { id: string; name: string; idNumberMasked: string; flags: string[] }[];
    };
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: '孙阿婆', idNumberMasked: '320102********0041' });
    const wu = (await agent.get('/api/people?q=吴芳')).json() as { items: { flags: string[] }[] };
    expect(wu.items[0]!.flags).toEqual(['sex_mismatch']);

    const rejected = await agent.get(`/api/imports/${job.id}/rejected`);
    expect(rejected.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(rejected.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(['原行号', '错误原因', '身份证号']),
    );
    expect(sheet.rowCount).toBe(1 + 5);
    const rowEight = sheet.getRows(2, 5)!.find((r) => r.getCell(1).value === 8)!;
    expect(String(rowEight.getCell(2).value)).toMatch(/与第 2 行相同/);
    expect(rowEight.getCell(4).value).toBe('320102198001010016');
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await counts(t);
    const job = await importFile(agent, gbkCsv, '名册.csv', { apply: true });
    expect(job).toMatchObject({ status: 'done', createRows: 0, updateRows: 0, unchangedRows: 5 });
    expect(await counts(t)).toEqual(before);
    // nothing changed, so nothing is announced
    const notices = await t.db.db
      .selectFrom('exchange_event')
      .select('id')
      .where('type', '=', 'import.applied')
      .execute();
    expect(notices).toHaveLength(1);
  });

  it('reads an XLSX written by LibreOffice, with other header names in another order', async () => {
    const before = await counts(t);
    const job = await importFile(agent, libreOfficeXlsx, 'libreoffice.xlsx', { apply: true });
    expect(job).toMatchObject({ status: 'done', format: 'xlsx', totalRows: 10, rejectedRows: 5 });
    // the same people as the CSV: already stored, so nothing changes
    expect(job).toMatchObject({ createRows: 0, updateRows: 0, unchangedRows: 5 });
    expect(await counts(t)).toEqual(before);
  });

  it('updates only what a new file changes, keeping values the file leaves blank', async () => {
    const csv = '姓名,公民身份号码,手机号\n王建国,320102198001010016,13800001111\n';
    const job = await importFile(agent, Buffer.from(csv), '更新.csv', { apply: true });
    expect(job).toMatchObject({ status: 'done', updateRows: 1, createRows: 0 });
    const found = (await agent.get('/api/people?q=王建国')).json() as {
      items: { id: string; phoneMasked: string; birthDate: string }[];
    };
    expect(found.items[0]).toMatchObject({ phoneMasked: '138****1111', birthDate: '1980-01-01' });
    const history = (await agent.get(`/api/people/${found.items[0]!.id}/history`)).json() as {
      source: string;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];
    expect(history[0]).toMatchObject({ source: 'import' });
    expect(history[0]!.changes).toEqual([
      { field: 'phone', label: '联系电话', old: '139****5678', new: '138****1111' },
    ]);
  });

  it('offers a template whose headers and sample row import as they are', async () => {
    const response = await agent.get('/api/imports/template');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const headers = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toContain('证件号码*');
    const job = await importFile(agent, response.rawPayload, '模板.xlsx');
    expect(job).toMatchObject({ status: 'staged', totalRows: 1, rejectedRows: 0 });
  });

  it('refuses a file without the required columns, naming them', async () => {
    const job = await importFile(agent, Buffer.from('名字,电话\n张三,13912345678\n'), 'bad.csv');
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/缺少必填列：证件号码/);
  });

  it('rejects rows for communities outside the importer’s scope', async () => {
    const csv = '姓名,身份证号,所属社区\n外区人,320102198001010032,320104001001\n';
    const job = await importFile(agent, Buffer.from(csv), 'scope.csv');
    const rows = await rowsOf(agent, job.id);
    expect(rows[0]!.errors[0]).toMatchObject({ path: 'regionCode' });
    expect(rows[0]!.errors[0]!.message).toMatch(/不在您的管辖范围内|不存在/);
  });

  it('never reaches a person registered outside the importer’s scope, nor says who it is', async () => {
    const { agent: qinhuai } = await loginAs(t, 'community_worker', '320104001001');
    const outside = await qinhuai.post('/api/people', {
      name: '秦淮居民',
      idNumber: '320104199001010013',
      residenceType: 'migrant',
      regionCode: '320104001001',
    });
    expect(outside.statusCode, outside.body).toBe(201);
    const csv = '姓名,身份证号,联系电话\n冒名,320104199001010013,13900000000\n';
    const job = await importFile(agent, Buffer.from(csv), 'reach.csv', { apply: true });
    expect(job).toMatchObject({ status: 'done', createRows: 0, updateRows: 0, rejectedRows: 1 });
    const rows = await rowsOf(agent, job.id);
    expect(rows[0]!.errors[0]!.message).toMatch(/管辖范围以外/);
    expect(rows[0]!.errors[0]!.message).not.toMatch(/秦淮/);
    const after = (
      await qinhuai.get(`/api/people/${(outside.json() as { id: string }).id}`)
    ).json() as {
      name: string;
      phoneMasked: string | null;
    };
    expect(after).toMatchObject({ name: '秦淮居民', phoneMasked: null });
  });

  it('keeps a stored residence type and document type when the file leaves them blank', async () => {
    const created = await agent.post('/api/people', {
      name: '流动人员甲',
      idNumber: '341221198807070017',
      residenceType: 'migrant',
      regionCode: COMMUNITY,
    });
    expect(created.statusCode, created.body).toBe(201);
    const csv = '姓名,身份证号,职业\n流动人员甲,341221198807070017,快递员\n';
    const job = await importFile(agent, Buffer.from(csv), 'keep.csv', { apply: true });
    expect(job).toMatchObject({ status: 'done', updateRows: 1 });
    const person = (
      await agent.get(`/api/people/${(created.json() as { id: string }).id}`)
    ).json() as {
      residenceType: string;
      occupation: string;
    };
    expect(person).toMatchObject({ residenceType: 'migrant', occupation: '快递员' });
  });
});
