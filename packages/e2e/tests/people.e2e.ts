import { randomInt } from 'node:crypto';
import { idNumberCheckCharacter } from '@shequ/core';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectCjkGlyphs,
  login,
  openFromMenu,
  screenshot,
  settle,
  textOf,
  useBrowser,
} from './support/browser';

const { session } = useBrowser();

/**
 * A valid citizen ID number of a Xuanwu district resident born on `birth` (YYYYMMDD); its 17th
 * digit is odd for a man and even for a woman.
 */
function idNumber(birth: string, sex: '男' | '女'): string {
  const order = randomInt(10, 99) * 10 + randomInt(5) * 2 + (sex === '男' ? 1 : 0);
  const first17 = `320102${birth}${String(order).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** The same number with a wrong check character, which the import must reject. */
function withWrongCheck(valid: string): string {
  const right = valid.slice(-1);
  return valid.slice(0, 17) + (right === '0' ? '1' : '0');
}

// Names are letters only (the server refuses digits), so each run draws its own.
const given = ['明', '华', '芳', '静', '伟', '丽', '强', '敏', '军', '燕', '杰', '娟'];
const pick = () => given[randomInt(given.length)]!;

interface Resident {
  name: string;
  idNumber: string;
  sex: string;
  phone: string;
  occupation: string;
  relation: string;
}

/**
 * A roster as a community worker keeps it: three rows of one household in one house (one of them
 * with a sex that disagrees with the ID number), a row whose ID number has a wrong check
 * character, and a column the template does not know.
 */
async function roster(household: string, room: string) {
  const people: Resident[] = [
    {
      name: `陈${pick()}${pick()}`,
      idNumber: idNumber('19600312', '男'),
      sex: '男',
      phone: `139${randomInt(10_000_000, 99_999_999)}`,
      occupation: '教师',
      relation: '户主',
    },
    {
      name: `林${pick()}${pick()}`,
      idNumber: idNumber('19680721', '女'),
      sex: '女',
      phone: `138${randomInt(10_000_000, 99_999_999)}`,
      occupation: '会计',
      relation: '妻',
    },
    {
      name: `赵${pick()}${pick()}`,
      // Stated as a man, but the number is a woman's: imported as stated and flagged 待核实.
      idNumber: idNumber('19950105', '女'),
      sex: '男',
      phone: `137${randomInt(10_000_000, 99_999_999)}`,
      occupation: '工程师',
      relation: '子',
    },
  ];
  const bad = {
    name: `王${pick()}${pick()}`,
    idNumber: withWrongCheck(idNumber('19800101', '男')),
  };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow([
    '姓名',
    '身份证号',
    '性别',
    '手机号',
    '职业',
    '户号',
    '与户主关系',
    '小区',
    '楼栋',
    '单元',
    '房号',
    '走访备注',
  ]);
  for (const p of people) {
    sheet.addRow([
      p.name,
      p.idNumber,
      p.sex,
      p.phone,
      p.occupation,
      household,
      p.relation,
      '百子亭小区',
      '3幢',
      '2单元',
      room,
      '已走访',
    ]);
  }
  sheet.addRow([bad.name, bad.idNumber, '男', '', '', '', '', '', '', '', '', '']);
  // Keep the ID numbers text, as a worker's spreadsheet does.
  sheet.getColumn(2).numFmt = '@';
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { people, bad, buffer };
}

const content = (page: Page) => page.locator('.ant-layout-content');

describe('社区综合数据库', () => {
  it('a community worker imports a roster, edits an imported person and sees the change in the history', async () => {
    const { page } = await session();
    await login(page, 'worker');
    const household = `E2E${randomInt(100_000, 999_999)}`;
    const room = `${randomInt(101, 1899)}室`;
    const { people, bad, buffer } = await roster(household, room);
    const [head, spouse, son] = people as [Resident, Resident, Resident];

    // ① 选择文件: the community comes from the header's current region.
    await openFromMenu(page, '数据导入');
    await page.getByTestId('import-new').click();
    await expect.poll(() => textOf(page.getByTestId('import-community'))).toBe('百子亭社区');
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({
      name: '百子亭小区3幢名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await expect.poll(() => textOf(content(page))).toContain('百子亭小区3幢名册.xlsx');
    await expectCjkGlyphs(page, '.ant-steps');
    await screenshot(page, 'people-import-file');
    await page.getByTestId('import-start').click();

    // ② 列对应: headers matched by name and synonym; the unknown one is ignored.
    const mapping = page.getByTestId('import-mapping');
    await page.getByTestId('import-to-report').waitFor();
    const mapped = await textOf(mapping);
    for (const pair of ['身份证号 证件号码', '手机号 联系电话', '与户主关系 与户主关系'])
      expect(mapped).toContain(pair);
    expect(mapped).toContain('走访备注 将忽略');
    await screenshot(page, 'people-import-mapping');

    // ③ 预检报告: three new people, one row rejected with its reason; nothing written yet.
    await page.getByTestId('import-to-report').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const count = (outcome: string) =>
      textOf(page.getByTestId(`import-count-${outcome}`).locator('.ant-statistic-content-value'));
    await expect.poll(() => count('create')).toBe('3');
    expect(await count('update')).toBe('0');
    expect(await count('unchanged')).toBe('0');
    expect(await count('reject')).toBe('1');
    const rows = page.getByTestId('import-rows');
    await expect.poll(() => textOf(rows)).toContain(bad.name);
    const badRow = rows.locator('tr.ant-table-row', { hasText: bad.name });
    expect(await textOf(badRow)).toContain('拒绝');
    expect(await textOf(badRow)).toContain('身份证号码校验位错误');
    expect(await page.getByTestId('import-rejected-download').count()).toBe(1);
    await screenshot(page, 'people-import-report');

    // ④ 执行导入 → ⑤ 完成.
    await page.getByTestId('import-run').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const done = page.getByTestId('import-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await textOf(done)).toContain('新增 3 人');
    await screenshot(page, 'people-import-done');

    // The job list shows the finished import.
    await openFromMenu(page, '数据导入');
    const jobs = page.getByTestId('import-jobs');
    await expect.poll(() => textOf(jobs)).toContain('百子亭小区3幢名册.xlsx');
    expect(
      await textOf(jobs.locator('tr.ant-table-row', { hasText: '百子亭小区3幢名册.xlsx' }).first()),
    ).toContain('已完成');

    // 人员查询: the one search box finds a person by ID number; lists mask ID numbers and phones.
    await openFromMenu(page, '人员查询');
    const table = page.getByTestId('people-table');
    await page.getByTestId('people-search').fill(head.idNumber);
    await page.getByTestId('people-search-submit').click();
    const row = table.locator('tr.ant-table-row', { hasText: head.name }).first();
    await row.waitFor();
    const listed = await textOf(row);
    expect(listed).toContain(`${head.idNumber.slice(0, 6)}********${head.idNumber.slice(-4)}`);
    expect(listed).not.toContain(head.idNumber);
    expect(listed).toContain(`${head.phone.slice(0, 3)}****${head.phone.slice(-4)}`);
    expect(listed).toContain('户籍人口');
    expect(listed).toContain('60–69 岁老年人');
    // The household number filter lists the household: the son's stated sex is flagged 待核实.
    await page.getByTestId('people-search').fill('');
    await page.locator('#peopleFilter_householdNumber').fill(household);
    await page.getByTestId('people-search-submit').click();
    const member = (name: string) => table.locator('tr.ant-table-row', { hasText: name }).first();
    await member(spouse.name).waitFor();
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(3);
    expect(await textOf(member(son.name))).toContain('待核实');
    expect(await textOf(member(spouse.name))).not.toContain('待核实');
    await expectCjkGlyphs(page, '[data-testid="people-table"] thead');
    await screenshot(page, 'people-list');

    // 人员详情: the household with its head, then an edit with a reason.
    await member(head.name).getByRole('link').click();
    const basic = page.getByTestId('person-basic');
    await basic.waitFor();
    expect(await textOf(basic)).toContain('教师');
    await screenshot(page, 'person-detail');
    await page.locator('.ant-tabs-tab', { hasText: '户籍' }).click();
    const members = page.getByTestId('household-members');
    await expect.poll(() => textOf(members)).toContain(spouse.name);
    expect(await textOf(content(page))).toContain(household);
    expect(await textOf(members.locator('tr', { hasText: head.name }))).toContain('户主');
    await screenshot(page, 'person-household');

    await page.getByTestId('person-edit').click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await drawer.waitFor();
    await page.getByTestId('person-occupation').fill('社区志愿者');
    await page.getByTestId('person-reason').fill('入户走访核实');
    await screenshot(page, 'person-edit', { fullPage: false });
    await page.getByTestId('person-save').click();
    await expect.poll(() => textOf(page.locator('.ant-message'))).toContain('已保存');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(basic)).toContain('社区志愿者');

    // 变更历史: the edit on top (who, 表单, the reason, 职业：教师 → 社区志愿者), the import below.
    await page.locator('.ant-tabs-tab', { hasText: '变更历史' }).click();
    const timeline = page.getByTestId('history-timeline');
    await timeline.waitFor();
    const latest = timeline.getByTestId('history-entry').first();
    await expect.poll(() => textOf(latest)).toContain('职业：教师 → 社区志愿者');
    const edit = await textOf(latest);
    expect(edit).toContain('周社工');
    expect(edit).toContain('表单');
    expect(edit).toContain('原因：入户走访核实');
    expect(await textOf(timeline)).toContain('导入');
    await expectCjkGlyphs(page, '[data-testid="history-timeline"]');
    await screenshot(page, 'person-history');

    // 房屋楼栋: the imported compound, building, unit and house, and who lives there.
    await openFromMenu(page, '房屋楼栋');
    const tree = page.getByTestId('place-tree');
    const node = (name: string) =>
      tree.locator('.ant-tree-treenode', {
        has: page.locator(`.ant-tree-title span:text-is("${name}")`),
      });
    for (const name of ['百子亭小区', '3幢', '2单元']) {
      await node(name).waitFor();
      await node(name).locator('.ant-tree-switcher').click();
    }
    await node(room).waitFor();
    await node(room).locator('.ant-tree-node-content-wrapper').click();
    const residents = page.getByTestId('house-residents');
    await expect.poll(() => textOf(residents)).toContain(head.name);
    expect(await textOf(residents)).toContain(spouse.name);
    await settle(page);
    await screenshot(page, 'place-browser');
  });
});
